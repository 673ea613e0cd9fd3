/**
 * Shopify segment filters computed on Shopify's servers from all of a store's orders and customers: a
 * shopper's browser never sees them. The shopper bundle reports them as unknown, like any name; the
 * validator and the debug panel (which show errors to the owner) explain why and what to use instead,
 * so these words cost shoppers no bytes.
 */
import { ExpressionError } from '../segments/errors.js';
import { SHOPIFY_ALIASES } from './aliases.js';

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

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
function shopifyOnly(name: string): string | undefined {
  const head = name.split('.')[0]!;
  return hasOwn(SHOPIFY_ONLY, head) ? SHOPIFY_ONLY[head] : undefined;
}

const shopifyOnlyDetail = (name: string) =>
  `'${name}' is computed by Shopify on its servers from all your orders: a shopper's browser never sees it`;

/** Identifiers outside quotes, with their offsets (Shopify's `products_purchased(id: 123)` does not lex). */
function* names(expression: string): Generator<{ name: string; offset: number }> {
  const unquoted = expression.replace(/'(?:[^'\\]|\\.|'')*'?|"(?:[^"\\]|\\.|"")*"?/g, (quoted) =>
    ' '.repeat(quoted.length),
  );
  for (const match of unquoted.matchAll(/[A-Za-z_][A-Za-z0-9_.]*/g)) yield { name: match[0], offset: match.index };
}

/** The error, said again when the expression uses a Shopify-only filter: why, and what to use instead. */
export function explainShopifyOnly(error: ExpressionError): ExpressionError {
  if (error.code !== 'unknown-attribute' && error.code !== 'syntax' && error.code !== 'unknown-segment') return error;
  for (const { name, offset } of names(error.expression)) {
    const instead = shopifyOnly(name);
    if (instead) {
      return new ExpressionError({
        code: 'unknown-attribute',
        detail: shopifyOnlyDetail(name),
        expression: error.expression,
        offset,
        length: name.length,
        hint: `Instead, ${instead}`,
        segment: error.segment,
      });
    }
  }
  return error;
}

/** "`number_of_orders` is Shopify's name for `orders`", for each alias an expression uses. */
export function shopifyNameNotes(expression: string): string[] {
  const notes = new Set<string>();
  for (const { name } of names(expression)) {
    if (Object.prototype.hasOwnProperty.call(SHOPIFY_ALIASES, name))
      notes.add(`${name} is Shopify's name for ${SHOPIFY_ALIASES[name]}: both work`);
  }
  return [...notes];
}
