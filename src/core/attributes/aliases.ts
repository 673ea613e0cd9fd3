/**
 * Shopify's segment-editor names for what we know under other names: owners paste queries from
 * Shopify's customer segments, and they keep working. (The names only Shopify's servers can compute
 * are explained by the tools: see shopify-only.ts.)
 */

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** Shopify's name → ours, for the attributes both know under different names. */
export const SHOPIFY_ALIASES: Readonly<Record<string, string>> = {
  number_of_orders: 'orders',
  amount_spent: 'total_spent',
  customer_tags: 'tags',
};

export const aliasOf = (name: string): string | undefined =>
  hasOwn(SHOPIFY_ALIASES, name) ? SHOPIFY_ALIASES[name] : undefined;
