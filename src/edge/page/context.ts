import { defineLazy } from '../../core/lazy.js';
import { parseJson } from '../../core/json.js';

/**
 * A snapshot of everything the page tells us about the visitor, read once at the edge so the
 * classifiers and the profile update stay pure. Reading never throws: a missing or hostile global
 * just leaves its field empty.
 */

/** What the store's server prints in `<script type="application/json" id="p13n-context">`. */
export interface ServerContext {
  readonly customer?: {
    readonly id?: string | number;
    readonly orders_count?: number;
    readonly total_spent?: number;
    readonly tags?: readonly string[];
    readonly last_order_at?: string;
  } | null;
  readonly country?: string;
  readonly page_type?: string;
}

/** The parts of `navigator.userAgentData` we use (User-Agent Client Hints, Chromium only). */
export interface ClientHints {
  readonly mobile: boolean;
  readonly platform: string;
  readonly brands: readonly { readonly brand: string; readonly version: string }[];
}

export interface PageContext {
  readonly url: string;
  readonly referrer: string;
  readonly title: string;
  readonly userAgent: string;
  readonly clientHints: ClientHints | null;
  readonly maxTouchPoints: number;
  /** `navigator.language`, e.g. `nb-NO`. */
  readonly language: string;
  /** IANA zone of the visitor's clock (`Temporal.Now.timeZoneId()`, else Intl), when the browser tells. */
  readonly timezone: string | null;
  /** `timezone` is this runtime's own zone, so local time can be read from `Date` without `Intl`. */
  readonly ownZone?: boolean;
  /** Facts the store's server knows; they win over what the browser guesses. */
  readonly server: ServerContext | null;
  readonly globalPrivacyControl: boolean;
}

const safe = <T>(read: () => T, fallback: T): T => {
  try {
    const value = read();
    return value ?? fallback;
  } catch {
    return fallback;
  }
};

function readClientHints(): ClientHints | null {
  const data = (navigator as Navigator & { userAgentData?: ClientHints }).userAgentData;
  if (!data || typeof data.mobile !== 'boolean') return null;
  return { mobile: data.mobile, platform: String(data.platform ?? ''), brands: Array.isArray(data.brands) ? data.brands : [] };
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
    maxTouchPoints: safe(() => nav.maxTouchPoints, 0),
    language: safe(() => nav.language, ''),
    timezone: null,
    ownZone: true,
    server,
    globalPrivacyControl: safe(() => (nav as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true, false),
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
  const zone = typeof now?.timeZoneId === 'function' ? now.timeZoneId() : Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === 'string' && zone ? zone : null;
}
