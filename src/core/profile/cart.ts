/**
 * The cart as the store reports it (Shopify's context, cart events, /cart.js): it replaces what the
 * profile counted from add/remove events, which cannot see a cart emptied at checkout or in another tab.
 */
import type { Profile } from './model.js';
import { MAX_AMOUNT } from './update.js';

export interface CartTotals {
  /** In units of the shop's currency. */
  readonly value: number;
  readonly items: number;
}

const bounded = (n: number) => (Number.isFinite(n) && n > 0 ? Math.min(n, MAX_AMOUNT) : 0);

export function withCart(profile: Profile, cart: CartTotals): Profile {
  const items = Math.round(bounded(cart.items));
  const value = items === 0 ? 0 : Math.round(bounded(cart.value) * 100) / 100;
  return profile.cartValue === value && profile.cartItems === items
    ? profile
    : { ...profile, cartValue: value, cartItems: items };
}

/** The cart the store's server printed in `p13n-context` (units, see the Shopify snippet), or null. */
export function serverCart(
  cart: { readonly total_price?: unknown; readonly item_count?: unknown } | null | undefined,
): CartTotals | null {
  if (!cart || typeof cart.total_price !== 'number' || typeof cart.item_count !== 'number') return null;
  return { value: cart.total_price, items: cart.item_count };
}
