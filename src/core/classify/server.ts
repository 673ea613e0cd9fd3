/**
 * What the store's server context (`p13n-context`) tells about the visitor, in the shapes the page
 * step takes: the customer's counters (they win over what the profile counted), the tags, the cart.
 * Shared by the inline decider and the full script. Pure, never throws.
 */
import type { ServerContext } from './context.js';
import type { CustomerFacts } from '../profile/update.js';

export function serverCustomerFacts(server: ServerContext | null): CustomerFacts | null {
  const customer = server?.customer;
  if (!customer || typeof customer !== 'object') return null;
  const number = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  const orders = number(customer.orders_count);
  const totalSpent = number(customer.total_spent);
  const last = typeof customer.last_order_at === 'string' ? Date.parse(customer.last_order_at) : Number.NaN;
  return {
    ...(orders !== undefined ? { orders } : {}),
    ...(totalSpent !== undefined ? { totalSpent } : {}),
    ...(Number.isFinite(last) ? { lastOrderAt: last } : {}),
  };
}

/** The customer's tags, text only; null for an anonymous visitor. */
export function serverTags(server: ServerContext | null): string[] | null {
  const tags = server?.customer && typeof server.customer === 'object' ? server.customer.tags : undefined;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : null;
}
