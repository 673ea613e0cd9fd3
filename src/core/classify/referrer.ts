/**
 * The part of source classification that needs no tables: the referrer's host, whether it is the
 * store itself, and whether a page needs the full classifier (source.ts, with the GA4 and referrer
 * tables) at all. Most page views are internal navigation or direct, and those are decided here, on
 * the shopper's critical path; the tables load only for a landing from elsewhere or with campaign tags.
 * Pure, and total.
 */
import type { TrafficSource } from './types.js';

export interface SourceInput {
  readonly url: string;
  readonly referrer: string;
  /** Hosts that are the store itself (checkout domain …); `.example.com` also covers its subdomains. */
  readonly internalHosts: readonly string[];
}

/** Longer URLs are cut before parsing. */
const MAX_URL = 8192;

export const str = (value: unknown): string => (typeof value === 'string' ? value.slice(0, MAX_URL) : '');
export const stripWww = (host: string) => (host.startsWith('www.') ? host.slice(4) : host);

export interface Referrer {
  /** Host as the browser gave it (lower case), or the Android app id. */
  readonly host: string;
  readonly app: boolean;
}

export function parseReferrer(referrer: string): Referrer | null {
  if (!referrer) return null;
  try {
    const url = new URL(referrer);
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    if (!host) return null;
    // `android-app://com.google.android.gm/`: Chrome's referrer for links opened from an Android app.
    if (url.protocol === 'android-app:') return { host, app: true };
    return url.protocol === 'http:' || url.protocol === 'https:' ? { host, app: false } : null;
  } catch {
    return null;
  }
}

export function hostOf(url: string): string {
  try {
    return stripWww(new URL(url).hostname.toLowerCase());
  } catch {
    return '';
  }
}

/** The page's own host, its `www.` twin, or a configured host such as the checkout domain. */
export function isInternal(host: string, pageHost: string, internalHosts: readonly unknown[]): boolean {
  const bare = stripWww(host);
  if (bare === pageHost && bare !== '') return true;
  return internalHosts.some((entry) => {
    if (typeof entry !== 'string') return false;
    const h = stripWww(
      entry
        .trim()
        .toLowerCase()
        .replace(/^[a-z]+:\/\//, '')
        .replace(/[/:].*$/, ''),
    );
    return h.startsWith('.') ? bare === h.slice(1) || bare.endsWith(h) : h !== '' && bare === h;
  });
}

/**
 * Query parameters that make source.ts look further than the referrer: UTM tags, the click ids of
 * its CLICK_IDS table (a unit test keeps the two in step), and Meta's and Google's organic markers.
 */
const TAGGED =
  /^(?:utm_|gclid$|gbraid$|wbraid$|dclid$|gad_source$|msclkid$|ttclid$|twclid$|li_fat_id$|epik$|sccid$|rdt_cid$|qclid$|yclid$|mc_cid$|_kx$|irclickid$|fbclid$|srsltid$)/;

function hasTags(url: string): boolean {
  const q = url.indexOf('?');
  if (q < 0) return false;
  const hash = url.indexOf('#', q);
  try {
    for (const key of new URLSearchParams(url.slice(q + 1, hash < 0 ? undefined : hash)).keys())
      if (TAGGED.test(key.toLowerCase())) return true;
  } catch {
    return true; // let the full classifier decide
  }
  return false;
}

const DIRECT: TrafficSource = {
  channel: 'Direct',
  source: '(direct)',
  medium: '(none)',
  campaign: null,
  content: null,
  term: null,
  referrerType: 'direct',
  referrerHost: null,
};

/**
 * What `classifySource()` returns, when that needs no tables: `{ source }` (null = internal navigation,
 * which keeps the visit's source), or `undefined` when only the full classifier can tell.
 */
export function quickSource(input: SourceInput): { readonly source: TrafficSource | null } | undefined {
  const url = str(input?.url);
  if (hasTags(url)) return undefined;
  const referrer = parseReferrer(str(input?.referrer));
  if (!referrer) return { source: DIRECT };
  const hosts = Array.isArray(input?.internalHosts) ? input.internalHosts : [];
  return !referrer.app && isInternal(referrer.host, hostOf(url), hosts) ? { source: null } : undefined;
}
