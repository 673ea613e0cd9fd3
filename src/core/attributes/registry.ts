/**
 * The attributes a segment expression can read: the single source of truth for the expression compiler
 * (unknown-name hints, type checks), the validator, the debug panel and the attribute table in docs/expressions.md.
 * What each one means, in words, is in `attribute-descriptions.ts`: tools read it, shoppers never
 * download it.
 *
 * Adding an attribute means adding a line here and in `attribute-descriptions.ts`, and filling it in
 * `profile/attributes.ts`.
 */

/** `date`: a calendar day, held as 'YYYY-MM-DD' text in the store's time zone (see segments/dates.ts). */
export type AttributeType = 'string' | 'number' | 'boolean' | 'list' | 'date';

export interface AttributeSpec {
  readonly name: string;
  readonly type: AttributeType;
  /** Where a namespace such as `interest` is open-ended: `interest.running`, `interest.shoes`, … */
  readonly namespace?: boolean;
  /** The closed set of values, when there is one (spelled exactly as the attribute reports them). */
  readonly values?: readonly string[];
}

/** GA4 default channel group names, spelled as GA4 spells them. */
export const CHANNELS = [
  'Direct',
  'Cross-network',
  'Paid Shopping',
  'Paid Search',
  'Paid Social',
  'Paid Video',
  'Display',
  'Paid Other',
  'Organic Shopping',
  'Organic Social',
  'Organic Video',
  'Organic Search',
  'Referral',
  'Email',
  'Affiliates',
  'Audio',
  'SMS',
  'Mobile Push Notifications',
  'Unassigned',
] as const;

export const REFERRER_TYPES = [
  'direct',
  'internal',
  'search',
  'social',
  'email',
  'ai',
  'shopping',
  'video',
  'paid',
  'referral',
] as const;

export const DEVICES = ['mobile', 'tablet', 'desktop', 'other'] as const;

export const ATTRIBUTES: readonly AttributeSpec[] = [
  // Traffic source of the current visit (set when the visit starts).
  { name: 'channel', type: 'string', values: CHANNELS },
  { name: 'source', type: 'string' },
  { name: 'medium', type: 'string' },
  { name: 'campaign', type: 'string' },
  { name: 'utm_content', type: 'string' },
  { name: 'utm_term', type: 'string' },
  { name: 'referrer_type', type: 'string', values: REFERRER_TYPES },
  { name: 'referrer_host', type: 'string' },
  { name: 'first_channel', type: 'string', values: CHANNELS },
  { name: 'first_source', type: 'string' },
  { name: 'first_medium', type: 'string' },
  { name: 'first_campaign', type: 'string' },
  // Device.
  { name: 'device', type: 'string', values: DEVICES },
  { name: 'bot', type: 'boolean' },
  { name: 'os', type: 'string' },
  { name: 'browser', type: 'string' },
  // Location and time.
  { name: 'country', type: 'string' },
  { name: 'timezone', type: 'string' },
  { name: 'language', type: 'string' },
  { name: 'hour', type: 'number' },
  { name: 'weekday', type: 'number' },
  { name: 'month', type: 'number' },
  { name: 'date', type: 'date' },
  { name: 'season', type: 'string', values: ['winter', 'spring', 'summer', 'autumn'] },
  { name: 'hemisphere', type: 'string', values: ['north', 'south'] },
  // Page.
  { name: 'path', type: 'string' },
  { name: 'page_type', type: 'string', values: ['home', 'collection', 'product', 'cart', 'search', 'other'] },
  // Visits.
  { name: 'visits', type: 'number' },
  { name: 'pageviews', type: 'number' },
  { name: 'visit_pageviews', type: 'number' },
  { name: 'new_visitor', type: 'boolean' },
  { name: 'days_since_last_visit', type: 'number' },
  { name: 'days_since_first_visit', type: 'number' },
  { name: 'first_visit_date', type: 'date' },
  { name: 'last_visit_date', type: 'date' },
  // Customer and commerce.
  { name: 'logged_in', type: 'boolean' },
  { name: 'tags', type: 'list' },
  { name: 'cart_value', type: 'number' },
  { name: 'cart_items', type: 'number' },
  { name: 'abandoned_cart', type: 'boolean' },
  { name: 'orders', type: 'number' },
  { name: 'total_spent', type: 'number' },
  { name: 'average_order_value', type: 'number' },
  { name: 'days_since_last_order', type: 'number' },
  // Shopify's own segment names for what the server context (or the pixel) tells us.
  { name: 'last_order_date', type: 'date' },
  { name: 'first_order_date', type: 'date' },
  {
    name: 'email_subscription_status',
    type: 'string',
    values: ['SUBSCRIBED', 'NOT_SUBSCRIBED', 'PENDING', 'UNSUBSCRIBED', 'INVALID'],
  },
  { name: 'customer_countries', type: 'list' },
  { name: 'interest', type: 'number', namespace: true },
  { name: 'events', type: 'number', namespace: true },
  // Consent.
  { name: 'consent', type: 'boolean' },
  // Prediction: the config's `models.purchase` on the attributes above (core/attributes/predicted.ts).
  { name: 'predicted_purchase', type: 'number' },
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
