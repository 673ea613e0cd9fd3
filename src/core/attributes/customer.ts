/**
 * The Shopify customer facts only the server context tells (what Liquid prints in `p13n-context`),
 * for the attributes named as Shopify names them. Kept apart from the profile: they are the server's
 * word on every page, never stored.
 */
import { isObject } from '../is-object.js';

export interface CustomerAttributes {
  /** `customer.first_order_at`: ISO day or date-time. */
  readonly firstOrderAt: string | null;
  /** `customer.last_order_at`, as printed (the profile keeps it as a time too, for days_since_last_order). */
  readonly lastOrderAt: string | null;
  /** `customer.accepts_marketing`, as Liquid spells it. */
  readonly acceptsMarketing: boolean | null;
  /** ISO country codes of the customer's addresses. */
  readonly countries: readonly string[] | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value.slice(0, 40) : null);

/** From `context.customer`; null for an anonymous visitor. Never throws. */
export function customerAttributes(customer: unknown): CustomerAttributes | null {
  if (!isObject(customer)) return null;
  // `countries: ["NO"]`, or the addresses Liquid can print: `[{ "country_code": "NO" }]`.
  const listed = Array.isArray(customer.countries)
    ? customer.countries
    : Array.isArray(customer.addresses)
      ? customer.addresses.map((a) => (isObject(a) ? a.country_code : undefined))
      : null;
  const countries = listed && [
    ...new Set(
      listed.filter((c): c is string => typeof c === 'string' && /^[A-Za-z]{2}$/.test(c)).map((c) => c.toUpperCase()),
    ),
  ];
  return {
    firstOrderAt: text(customer.first_order_at),
    lastOrderAt: text(customer.last_order_at),
    acceptsMarketing: typeof customer.accepts_marketing === 'boolean' ? customer.accepts_marketing : null,
    countries,
  };
}
