/**
 * What each attribute of `attributes.ts` means, in words: for the CLI, the debug panel and anyone
 * documenting a config. Kept apart from `attributes.ts` because the script shoppers download never
 * shows these (≈0.8 KB gzip); a test checks both files list the same names.
 */
import { ATTRIBUTES, type AttributeSpec } from './registry.js';

export const ATTRIBUTE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  channel: 'GA4 default channel group of this visit',
  source: "utm_source, click id or referrer host, e.g. 'google', '(direct)'",
  medium: "utm_medium or derived, e.g. 'cpc', 'organic', 'referral', '(none)'",
  campaign: 'utm_campaign of this visit',
  utm_content: 'utm_content of this visit',
  utm_term: 'utm_term of this visit',
  referrer_type: 'finer class of the referrer',
  referrer_host: "host of the external referrer, e.g. 'www.google.com'",
  first_channel: "channel of the visitor's first visit",
  first_source: "source of the visitor's first visit",
  first_medium: "medium of the visitor's first visit",
  first_campaign: "campaign of the visitor's first visit",
  device: 'device class',
  bot: 'crawler, monitor or headless fetcher',
  os: "lower-case OS name, e.g. 'ios', 'android', 'windows', 'macos'",
  browser: "lower-case browser name, e.g. 'chrome', 'safari', 'firefox'",
  country: 'ISO 3166-1 alpha-2, upper case; server context first, else time zone',
  timezone: "IANA time zone, e.g. 'Europe/Oslo'",
  language: "primary language subtag, lower case, e.g. 'nb', 'en'",
  hour: "0-23, visitor's local time",
  weekday: "1 (Monday) to 7 (Sunday), visitor's local time",
  month: "1-12, visitor's local time",
  date: "today, in the store's time zone (config timezone, else the visitor's): date BETWEEN 2026-11-01 AND 2026-11-30",
  season:
    "'winter', 'spring', 'summer' or 'autumn' where the visitor is (meteorological: Dec-Feb winter in the north); null near the equator",
  hemisphere: "'north' or 'south', from the visitor's time zone; null within 10° of the equator or for an unknown zone",
  path: "path of the current page, e.g. '/collections/shoes'",
  page_type: 'kind of page (from the URL, or server context)',
  visits: 'visits, this one included',
  pageviews: 'page views over all visits, this one included',
  visit_pageviews: 'page views in this visit, this one included',
  new_visitor: 'true on the first visit',
  days_since_last_visit: 'whole days since the previous visit; null on the first',
  days_since_first_visit: 'whole days since the first visit',
  first_visit_date: 'day of the first visit',
  last_visit_date: 'day of the previous visit; null on the first',
  logged_in: 'the shopper is signed in',
  tags: "customer tags from the server context, e.g. tags CONTAINS 'vip'",
  cart_value: 'value of the cart now',
  cart_items: 'number of items in the cart now',
  abandoned_cart: 'a cart was left non-empty at the end of the last visit, with no purchase since',
  orders: 'orders placed',
  total_spent: 'total order value',
  average_order_value: 'total_spent / orders; null without orders',
  days_since_last_order: 'whole days since the last order; null without orders',
  last_order_date:
    'day of the last order (server context last_order_at, or a counted purchase): last_order_date > -30d',
  first_order_date: 'day of the first order (server context first_order_at, or the one order counted)',
  email_subscription_status: "'SUBSCRIBED' or 'NOT_SUBSCRIBED', from the server context's customer.accepts_marketing",
  customer_countries:
    "countries of the customer's addresses, from the server context: customer_countries CONTAINS 'NO'",
  interest: 'interest.CATEGORY: product views in that category (0 if none)',
  events: "events.NAME: times p13n.track('NAME') was called (0 if never)",
  consent: 'the visitor allowed storing the profile',
  predicted_purchase:
    "0-1: how likely this visitor is to buy later in this visit, from the config's model (p13n learn); null without one",
};

/** The registry with each attribute's description. */
export const DESCRIBED_ATTRIBUTES: readonly (AttributeSpec & { readonly description: string })[] = ATTRIBUTES.map(
  (spec) => ({
    ...spec,
    description: ATTRIBUTE_DESCRIPTIONS[spec.name] ?? '',
  }),
);
