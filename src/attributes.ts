/**
 * The attributes a segment expression can read: the single source of truth for the expression compiler
 * (unknown-name hints, type checks), the validator, the debug panel and the README's attribute table.
 *
 * Adding an attribute means adding a line here and filling it in `profile/attributes.ts`.
 */

export type AttributeType = 'string' | 'number' | 'boolean' | 'list';

export interface AttributeSpec {
  readonly name: string;
  readonly type: AttributeType;
  /** Where a namespace such as `interest` is open-ended: `interest.running`, `interest.shoes`, … */
  readonly namespace?: boolean;
  /** The closed set of values, when there is one (spelled exactly as the attribute reports them). */
  readonly values?: readonly string[];
  readonly description: string;
}

/** GA4 default channel group names, spelled as GA4 spells them. */
export const CHANNELS = [
  'Direct', 'Cross-network', 'Paid Shopping', 'Paid Search', 'Paid Social', 'Paid Video', 'Display',
  'Paid Other', 'Organic Shopping', 'Organic Social', 'Organic Video', 'Organic Search', 'Referral',
  'Email', 'Affiliates', 'Audio', 'SMS', 'Mobile Push Notifications', 'Unassigned',
] as const;

export const REFERRER_TYPES = [
  'direct', 'internal', 'search', 'social', 'email', 'ai', 'shopping', 'video', 'paid', 'referral',
] as const;

export const DEVICES = ['mobile', 'tablet', 'desktop', 'other'] as const;

export const ATTRIBUTES: readonly AttributeSpec[] = [
  // Traffic source of the current visit (set when the visit starts).
  { name: 'channel', type: 'string', values: CHANNELS, description: 'GA4 default channel group of this visit' },
  { name: 'source', type: 'string', description: "utm_source, click id or referrer host, e.g. 'google', '(direct)'" },
  { name: 'medium', type: 'string', description: "utm_medium or derived, e.g. 'cpc', 'organic', 'referral', '(none)'" },
  { name: 'campaign', type: 'string', description: 'utm_campaign of this visit' },
  { name: 'utm_content', type: 'string', description: 'utm_content of this visit' },
  { name: 'utm_term', type: 'string', description: 'utm_term of this visit' },
  { name: 'referrer_type', type: 'string', values: REFERRER_TYPES, description: 'finer class of the referrer' },
  { name: 'referrer_host', type: 'string', description: "host of the external referrer, e.g. 'www.google.com'" },
  { name: 'first_channel', type: 'string', values: CHANNELS, description: "channel of the visitor's first visit" },
  { name: 'first_source', type: 'string', description: "source of the visitor's first visit" },
  { name: 'first_medium', type: 'string', description: "medium of the visitor's first visit" },
  { name: 'first_campaign', type: 'string', description: "campaign of the visitor's first visit" },
  // Device.
  { name: 'device', type: 'string', values: DEVICES, description: 'device class' },
  { name: 'bot', type: 'boolean', description: 'crawler, monitor or headless fetcher' },
  { name: 'os', type: 'string', description: "lower-case OS name, e.g. 'ios', 'android', 'windows', 'macos'" },
  { name: 'browser', type: 'string', description: "lower-case browser name, e.g. 'chrome', 'safari', 'firefox'" },
  // Location and time.
  { name: 'country', type: 'string', description: 'ISO 3166-1 alpha-2, upper case; server context first, else time zone' },
  { name: 'timezone', type: 'string', description: "IANA time zone, e.g. 'Europe/Oslo'" },
  { name: 'language', type: 'string', description: "primary language subtag, lower case, e.g. 'nb', 'en'" },
  { name: 'hour', type: 'number', description: "0-23, visitor's local time" },
  { name: 'weekday', type: 'number', description: "1 (Monday) to 7 (Sunday), visitor's local time" },
  { name: 'month', type: 'number', description: "1-12, visitor's local time" },
  // Page.
  { name: 'path', type: 'string', description: "path of the current page, e.g. '/collections/shoes'" },
  { name: 'page_type', type: 'string', values: ['home', 'collection', 'product', 'cart', 'search', 'other'], description: 'kind of page (from the URL, or server context)' },
  // Visits.
  { name: 'visits', type: 'number', description: 'visits, this one included' },
  { name: 'pageviews', type: 'number', description: 'page views over all visits, this one included' },
  { name: 'visit_pageviews', type: 'number', description: 'page views in this visit, this one included' },
  { name: 'new_visitor', type: 'boolean', description: 'true on the first visit' },
  { name: 'days_since_last_visit', type: 'number', description: 'whole days since the previous visit; null on the first' },
  { name: 'days_since_first_visit', type: 'number', description: 'whole days since the first visit' },
  // Customer and commerce.
  { name: 'logged_in', type: 'boolean', description: 'the shopper is signed in' },
  { name: 'tags', type: 'list', description: "customer tags from the server context, e.g. tags CONTAINS 'vip'" },
  { name: 'cart_value', type: 'number', description: 'value of the cart now' },
  { name: 'cart_items', type: 'number', description: 'number of items in the cart now' },
  { name: 'abandoned_cart', type: 'boolean', description: 'a cart was left non-empty at the end of the last visit, with no purchase since' },
  { name: 'orders', type: 'number', description: 'orders placed' },
  { name: 'total_spent', type: 'number', description: 'total order value' },
  { name: 'average_order_value', type: 'number', description: 'total_spent / orders; null without orders' },
  { name: 'days_since_last_order', type: 'number', description: 'whole days since the last order; null without orders' },
  { name: 'interest', type: 'number', namespace: true, description: 'interest.CATEGORY: product views in that category (0 if none)' },
  { name: 'events', type: 'number', namespace: true, description: "events.NAME: times p13n.track('NAME') was called (0 if never)" },
  // Consent.
  { name: 'consent', type: 'boolean', description: 'the visitor allowed storing the profile' },
];

const byName = new Map(ATTRIBUTES.map((spec) => [spec.name, spec]));

/**
 * Looks up the spec for a (possibly dotted) attribute path: `visits`, `interest.running`.
 * A dotted path is only valid below a namespace attribute.
 */
export function attributeSpec(path: string): AttributeSpec | undefined {
  const dot = path.indexOf('.');
  if (dot < 0) {
    const spec = byName.get(path);
    return spec && !spec.namespace ? spec : undefined;
  }
  const spec = byName.get(path.slice(0, dot));
  return spec?.namespace && dot < path.length - 1 ? spec : undefined;
}

export const ATTRIBUTE_NAMES: readonly string[] = ATTRIBUTES.map((s) => (s.namespace ? `${s.name}.KEY` : s.name));
