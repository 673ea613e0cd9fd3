/**
 * Shopify's segment-editor vocabulary. Owners paste queries from Shopify's customer segments, so
 * Shopify's names for what we know work as aliases; the names only Shopify's servers can compute get
 * an error that says so, and what to write instead (rather than "Unknown attribute").
 */

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** Shopify's name → ours, for the attributes both know under different names. */
export const SHOPIFY_ALIASES: Readonly<Record<string, string>> = {
  number_of_orders: 'orders',
  amount_spent: 'total_spent',
  customer_tags: 'tags',
};

export const aliasOf = (name: string): string | undefined => (hasOwn(SHOPIFY_ALIASES, name) ? SHOPIFY_ALIASES[name] : undefined);

const TAG = "tag those customers in Shopify and use tags CONTAINS '…'";

/** Shopify filters computed from all of a store's orders and customers: never seen by a browser. */
const SHOPIFY_ONLY: Readonly<Record<string, string>> = {
  rfm_group: 'use orders, total_spent and days_since_last_order',
  predicted_spend_tier: 'use total_spent or average_order_value',
  products_purchased: `${TAG}, or interest.CATEGORY for what they viewed`,
  orders_placed: 'use orders, last_order_date or days_since_last_order',
  abandoned_checkout_date: 'use abandoned_cart',
  anniversary: TAG,
  customer_added_date: 'use first_visit_date or days_since_first_visit',
  customer_account_status: 'use logged_in',
  customer_cities: 'use country or customer_countries',
  customer_regions: 'use country or customer_countries',
  customer_within_distance: 'use country or customer_countries',
  customer_email_domain: TAG,
  customer_language: 'use language',
  companies: TAG,
  created_by_app_id: TAG,
  product_subscription_status: TAG,
  sms_subscription_status: TAG,
  store_credit_accounts: TAG,
  shopify_email: "use campaign (the email's utm_campaign) or channel = 'Email'",
  storefront: 'use interest.CATEGORY or events.NAME',
};

/** What to use instead of a Shopify-only filter (`storefront.product_viewed` → `storefront`), or undefined. */
export function shopifyOnly(name: string): string | undefined {
  const head = name.split('.')[0]!;
  return hasOwn(SHOPIFY_ONLY, head) ? SHOPIFY_ONLY[head] : undefined;
}

export const shopifyOnlyDetail = (name: string) =>
  `'${name}' is computed by Shopify on its servers from all your orders: a shopper's browser never sees it`;
