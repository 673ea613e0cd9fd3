/**
 * What the page tells about the visitor, as plain data: read once at the edge (edge/page/context.ts)
 * so that the classifiers and the profile update stay pure.
 */

/** What the store's server prints in `<script type="application/json" id="p13n-context">`. */
export interface ServerContext {
  readonly customer?: {
    readonly id?: string | number;
    readonly orders_count?: number;
    readonly total_spent?: number;
    readonly tags?: readonly string[];
    readonly last_order_at?: string;
    /** Shopify's names, read by attributes/customer.ts: first_order_date, email_subscription_status, customer_countries. */
    readonly first_order_at?: string;
    readonly accepts_marketing?: boolean;
    readonly countries?: readonly string[];
    readonly addresses?: readonly { readonly country_code?: string }[];
  } | null;
  readonly country?: string;
  readonly page_type?: string;
  /** Shopify's storefront language (`request.locale.iso_code`). */
  readonly language?: string;
  /** In units of `currency`, as the Shopify snippet prints them (Liquid's cents divided by 100). */
  readonly cart?: { readonly total_price?: number; readonly item_count?: number; readonly currency?: string } | null;
  /** On a product page (Shopify snippet). */
  readonly product?: ServerProduct | null;
}

export interface ServerProduct {
  readonly id?: string | number;
  readonly handle?: string;
  readonly title?: string;
  readonly url?: string;
  readonly type?: string;
  readonly vendor?: string;
  readonly tags?: readonly string[];
  readonly collections?: readonly string[];
  readonly price?: number;
  readonly image?: string | null;
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
  /** `Math.min(screen.width, screen.height)` in CSS px; absent when unknown. Settles no-name Android tablets that send "Mobile". */
  readonly screenShortSide?: number;
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
