/**
 * The Shopify chunk (dist/personalize-shopify.js): what personalize.js does on a Shopify store after its
 * first decisions, loaded then and only on Shopify: the orders the custom pixel handed over, the
 * product page's view from `p13n-context`, the cart followed live, recently viewed cards, and the
 * catalog cache filled for the next page. Registered by src/app/chunks/entries/shopify.ts.
 */
import { fillCatalog, rememberViewed } from './catalog.js';
import { followCart } from './cart.js';
import type { ShopifyChunk } from './chunk-contract.js';
import { takeOrders } from './orders.js';

export const start: ShopifyChunk['start'] = (env, hooks, pending, warn) => {
  const { win } = env;
  takeOrders(win, hooks.track, warn);
  const product = env.server()?.product;
  if (product && product.id !== undefined) {
    const category = product.type || product.collections?.[0];
    hooks.track('view_item', {
      item_id: String(product.id),
      ...(category ? { item_category: category } : {}),
      ...(typeof product.price === 'number' ? { price: product.price } : {}),
    });
  }
  followCart(win, hooks.cart);
  rememberViewed(env);
  void fillCatalog(env, pending);
};
