/**
 * What the inline decider reads from the page, synchronously, while the <head> is parsed: the
 * program, the server context, the snapshot, the login detectors that can be read before the body
 * exists, and the signals consent is resolved from. Everything is read guarded and sized; anything
 * odd reads as absent. JSON.parse is used as it is: at this point no theme script has run after us,
 * and a broken one only makes the decider step aside (the full script has its own parser).
 */
import type { ServerContext } from '../../core/classify/context.js';
import { consentCommand, type ConsentCommand } from '../../core/consent/consent-mode.js';
import { readShopifyConsent } from '../../core/consent/shopify.js';
import { readSnapshotText, type SnapshotRead } from '../../core/profile/snapshot.js';
import { MAX_CONFIG_LENGTH } from '../../core/limits.js';
import { SNAPSHOT_KEY } from '../storage/snapshot-key.js';
import { attempt } from '../guard.js';

const parse = (text: string): unknown => JSON.parse(text);

/** The JSON of a `<script type="application/json">` by id, or undefined (absent, too large, invalid). */
export function readJsonElement(doc: Document, id: string): unknown {
  return attempt(() => {
    const text = doc.getElementById(id)?.textContent;
    return text && text.length <= MAX_CONFIG_LENGTH ? parse(text) : undefined;
  });
}

export function readServerJson(doc: Document): ServerContext | null {
  const json = readJsonElement(doc, 'p13n-context');
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as ServerContext) : null;
}

/** The snapshot; `undefined` when localStorage cannot be read (the profile is then unknown). */
export const readSnapshotNow = (win: Window, now: number, retention: number): SnapshotRead | undefined =>
  attempt(() => readSnapshotText(win.localStorage.getItem(SNAPSHOT_KEY), now, retention, parse));

/** Consent Mode commands already in the dataLayer (a tag that ran before us in the <head>). */
export function consentCommands(win: Window): ConsentCommand[] {
  return attempt(() => {
    const layer = (win as Window & { dataLayer?: unknown }).dataLayer;
    if (!Array.isArray(layer)) return [];
    return layer
      .slice(0, 500)
      .map(consentCommand)
      .filter((c): c is ConsentCommand => c !== null);
  }, []);
}

export const shopifyConsentNow = readShopifyConsent;
