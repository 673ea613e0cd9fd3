/**
 * Segments for ad audiences, without personal data: on each page view with analytics consent, the
 * GA4 user property `p13n_segments` (core/track/audiences.ts) is set the way the site talks to GA4 —
 * `gtag('set', 'user_properties', …)` where gtag.js is installed, else a `dataLayer` push for a GA4
 * tag in Google Tag Manager — and on Shopify the same names are published as the customer event
 * `p13n_segments` for custom pixels and pixel apps (edge/shopify/publish.ts). A GA4 audience
 * "p13n_segments contains big_spender" can then be shared with Google Ads (docs/api.md, "Audiences for ads").
 * When consent is withdrawn, a value set on this page is cleared, so later hits do not carry it.
 */
import { audienceValue } from '../../core/track/audiences.js';
import { publishToShopify } from '../shopify/publish.js';
import { attempt } from '../guard.js';

export const EVENT = 'p13n_segments';

type Gtag = (...args: unknown[]) => void;

function setUserProperty(win: Window, value: string | null): void {
  const w = win as Window & { gtag?: unknown; dataLayer?: unknown };
  // A frozen or hostile dataLayer or gtag: GA4 misses the property, the page goes on.
  attempt(() => {
    if (typeof w.gtag === 'function') return (w.gtag as Gtag)('set', 'user_properties', { [EVENT]: value });
    if (!Array.isArray(w.dataLayer)) w.dataLayer = [];
    (w.dataLayer as unknown[]).push({ event: EVENT, [EVENT]: value ?? undefined });
  });
}

export interface Audiences {
  /** This page view's segments, sent (at most once per page view). */
  pageView(segments: readonly string[]): void;
  /** A new page view: the next `pageView` sends again. */
  newPage(): void;
  /** Consent withdrawn: what this page set is cleared. */
  withdrawn(): void;
}

export function createAudiences(win: Window): Audiences {
  let sent = false;
  let set = false;
  return {
    pageView(segments) {
      if (sent) return;
      sent = true;
      set = true;
      const { value } = audienceValue(segments);
      setUserProperty(win, value);
      publishToShopify(win, EVENT, { segments: [...segments].sort(), value });
    },
    newPage() {
      sent = false;
    },
    withdrawn() {
      if (set) setUserProperty(win, null);
      set = false;
      sent = false; // granted again on this page view: sent again
    },
  };
}
