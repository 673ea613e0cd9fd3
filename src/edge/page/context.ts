import { defineLazy } from '../../core/lazy.js';
import { parseJson } from '../../core/json.js';
import { attempt } from '../guard.js';

/**
 * A snapshot of everything the page tells us about the visitor, read once at the edge so the
 * classifiers and the profile update stay pure. Reading never throws: a missing or hostile global
 * just leaves its field empty.
 */

export type { ClientHints, PageContext, ServerContext } from '../../core/classify/context.js';
import type { ClientHints, PageContext, ServerContext } from '../../core/classify/context.js';

/** A field the page leaves missing (null, undefined) reads as its fallback too, as one that throws. */
const safe = <T>(read: () => T | null | undefined, fallback: T): T => attempt(read, fallback) ?? fallback;

function readClientHints(): ClientHints | null {
  const data = (navigator as Navigator & { userAgentData?: ClientHints }).userAgentData;
  if (!data || typeof data.mobile !== 'boolean') return null;
  return {
    mobile: data.mobile,
    platform: String(data.platform ?? ''),
    brands: Array.isArray(data.brands) ? data.brands : [],
  };
}

/** Reads the JSON the server printed; a broken block is ignored with a warning by the caller. */
export function readServerContext(doc: Document): ServerContext | null {
  const text = doc.getElementById('p13n-context')?.textContent;
  if (!text) return null;
  const json: unknown = parseJson(text);
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as ServerContext) : null;
}

export function readPageContext(win: Window, server: ServerContext | null): PageContext {
  const nav = win.navigator;
  const context: PageContext = {
    url: safe(() => win.location.href, ''),
    referrer: safe(() => win.document.referrer, ''),
    title: safe(() => win.document.title, ''),
    userAgent: safe(() => nav.userAgent, ''),
    clientHints: safe(readClientHints, null),
    // -1 when the browser does not say (Android's stock browser before 4.4): not "no touchscreen".
    maxTouchPoints: safe(() => nav.maxTouchPoints, -1),
    // CSS px; a missing or empty screen (0, NaN: happy-dom, hostile globals) is unknown, not small.
    screenShortSide: safe(() => Math.min(win.screen.width, win.screen.height) || undefined, undefined),
    language: safe(() => nav.language, ''),
    timezone: null,
    ownZone: true,
    server,
    globalPrivacyControl: safe(
      () => (nav as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true,
      false,
    ),
  };
  // Read when first needed: a page's first Intl call is its slowest (see ../lazy.ts).
  return defineLazy(context, 'timezone', () => safe(() => readTimeZone(win), null));
}

type TemporalNow = { Temporal?: { Now?: { timeZoneId?: () => string } } };

/**
 * The IANA zone of the visitor's clock. Temporal (Chrome 144, Firefox 139) answers in under a
 * millisecond; the first Intl.DateTimeFormat of a page loads the locale data first, 18-30 ms on
 * the benchmark machine's Chromium: it was the largest piece of the script's main-thread time.
 */
export function readTimeZone(win: Window): string | null {
  const now = (win as unknown as TemporalNow).Temporal?.Now;
  const zone =
    typeof now?.timeZoneId === 'function' ? now.timeZoneId() : Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === 'string' && zone ? zone : null;
}
