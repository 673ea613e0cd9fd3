/** The store owner's config, as written in `p13n-config` JSON (see docs/config.md). */
import type { Models } from './models.js';

export interface HeroContent {
  readonly type: 'hero';
  readonly heading?: string;
  readonly text?: string;
  readonly image?: string;
  readonly imageAlt?: string;
  readonly cta?: { readonly label: string; readonly href: string };
}

export interface ProductItem {
  readonly title: string;
  readonly href?: string;
  readonly image?: string;
  readonly price?: string | number;
  readonly badge?: string;
}

/** Where a Shopify store's product cards come from instead of a typed-in list (see edge/shopify/products.ts). */
export type ProductSource =
  | { readonly collection: string; readonly limit?: number }
  | { readonly recommendations: 'related' | 'complementary'; readonly limit?: number }
  | { readonly recently_viewed: number };

export interface ProductsContent {
  readonly type: 'products';
  readonly title?: string;
  /** Empty when `source` gives the cards. */
  readonly items: readonly ProductItem[];
  readonly source?: ProductSource;
}

/** The store owner's own markup: trusted input, rendered through `render/html.ts` only. */
export interface HtmlContent {
  readonly type: 'html';
  readonly html: string;
}

export interface HideContent {
  readonly type: 'hide';
}

export type Content = HeroContent | ProductsContent | HtmlContent | HideContent;

export interface Variant {
  readonly id: string;
  readonly weight: number;
  /** `null` is a control: the visitor keeps the theme's default content. */
  readonly content: Content | null;
  /** Time window (see Rule): outside it, visitors assigned to this variant see the default content. */
  readonly from?: string;
  readonly until?: string;
}

export interface Rule {
  readonly id: string;
  /** An expression or a segment name; absent means "everyone". */
  readonly when?: string;
  /** Overrides the slot's element for this rule. */
  readonly selector?: string;
  readonly content?: Content | null;
  readonly variants?: readonly Variant[];
  /** Percentage (0-100) of the matching visitors who enter the test; the rest keep the default. */
  readonly traffic?: number;
  /** Bump to re-assign visitors after changing variants or weights. */
  readonly version?: number;
  /**
   * Bumped with each change of weights that keeps everyone where they are (`p13n report --allocate`):
   * exposures carry it, so the report can tell the periods apart.
   */
  readonly weights_version?: number;
  /** ISO date-times with offset: the rule applies from `from` (included) until `until` (excluded). */
  readonly from?: string;
  readonly until?: string;
}

export interface SlotConfig {
  /** Defaults to `[data-p13n-slot="NAME"]`. */
  readonly selector?: string;
  readonly rules: readonly Rule[];
}

/** Where the theme shows that a shopper is signed in, for stores without server context. */
export interface LoginDetectors {
  /** Dotted global path whose value is truthy when signed in, e.g. `ShopifyAnalytics.meta.page.customerId`. */
  readonly global?: string;
  /** A cookie whose presence (non-empty value) means signed in. */
  readonly cookie?: string;
  /** A CSS selector that matches only when signed in, e.g. `a[href="/account/logout"]`. */
  readonly selector?: string;
}

/** A share of visitors who always see the defaults, to measure personalization (docs/report.md, "The holdout"). */
export interface Holdout {
  readonly percent: number;
  /** Versions the draw: a new id is a new holdout. */
  readonly id: string;
}

export interface Config {
  readonly segments: Readonly<Record<string, string>>;
  readonly slots: Readonly<Record<string, SlotConfig>>;
  /** Milliseconds a slot may stay hidden before the default content is shown. */
  readonly timeout: number;
  /** Hosts that count as the store itself (checkout domain, …) besides the page's host and its www twin. */
  readonly internalHosts: readonly string[];
  /** Where `navigator.sendBeacon` posts exposure and conversion records, if anywhere. */
  readonly endpoint?: string;
  /** Nonce for the one `<style>` element, for stores whose CSP lacks constructable stylesheet support. */
  readonly styleNonce?: string;
  readonly login?: LoginDetectors;
  /** `required`: nothing is stored until the visitor consents; `implied`: stored unless refused. */
  readonly consent?: 'required' | 'implied';
  /** `refuse` (default): a browser sending Global Privacy Control is a refusal; `ignore`: it is not. */
  readonly globalPrivacyControl?: 'refuse' | 'ignore';
  /** Days a stored profile is kept after the visitor's last page view (default 395: 13 months). */
  readonly retentionDays?: number;
  /** The store's IANA time zone: date attributes count whole days there (default: the visitor's zone). */
  readonly timezone?: string;
  readonly holdout?: Holdout;
  /** Models the predicted attributes evaluate: `purchase` → `predicted_purchase` (see config/models.ts). */
  readonly models?: Models;
  /** Records the beacon sends besides A/B ones: `pageviews`, the features `p13n learn` trains on. */
  readonly collect?: readonly Collected[];
}

/** Kinds of extra beacon records a config may ask for. */
export type Collected = 'pageviews';

export const DEFAULT_TIMEOUT_MS = 1000;
