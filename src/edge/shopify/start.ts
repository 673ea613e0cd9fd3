/**
 * What the script does on a Shopify store after the first decisions, off the critical path: counts
 * the orders the custom pixel handed over, counts the product page's view from `p13n-context`, and
 * follows the cart. The cart in `p13n-context` itself is read before deciding (boot.ts), so
 * `cart_value` segments decide on the first page already.
 */
import type { CartTotals } from '../../core/profile/cart.js';
import type { ServerContext } from '../page/context.js';
import { followCart } from './cart.js';
import { takeOrders } from './orders.js';

export interface ShopifyHooks {
  readonly track: (event: string, params: Record<string, unknown>) => void;
  readonly cart: (cart: CartTotals) => void;
}

/** A store that runs our snippet or app embed prints a cart; other stores have no Shopify cart to follow. */
export const onShopify = (win: Window, server: ServerContext | null) =>
  !!server?.cart || !!(win as Window & { Shopify?: { shop?: unknown } }).Shopify?.shop;

export function startShopify(win: Window, server: ServerContext | null, hooks: ShopifyHooks): void {
  takeOrders(win, hooks.track);
  const product = server?.product;
  if (product && product.id !== undefined) {
    const category = product.type || product.collections?.[0];
    hooks.track('view_item', { item_id: String(product.id), ...(category ? { item_category: category } : {}), ...(typeof product.price === 'number' ? { price: product.price } : {}) });
  }
  if (onShopify(win, server)) followCart(win, hooks.cart);
}
