/**
 * Follows the Shopify cart between page loads, without patching fetch or XMLHttpRequest:
 * - `shopify:cart:lines-update`, Shopify's standard storefront event (bubbles to document; its
 *   `promise` resolves with `{ cart }` in the Storefront API shape, shopify.dev "Standard storefront
 *   events and actions");
 * - Dawn's pub/sub: `subscribe(PUB_SUB_EVENTS.cartUpdate, …)` from its assets/pubsub.js and
 *   constants.js (`cartUpdate: 'cart-update'`). Its cart drawer and quick-add publish the whole cart
 *   (`cartData`); its product form publishes only the added line, so that one is read again;
 * - any other theme: a Resource Timing entry for /cart/add|change|update|clear (the theme's own
 *   request finished) triggers one read of the cart, by `Shopify.actions.getCart()` when the store
 *   has it, else `/cart.js`.
 * Reads never overlap: changes during a read cause one more read after it.
 */
import type { CartTotals } from '../../core/profile/cart.js';
import { isObject } from '../../core/is-object.js';
import { attempt } from '../guard.js';

type Report = (cart: CartTotals) => void;
const number = (value: unknown) =>
  typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;

/** A cart in the Ajax API shape (cents: /cart.js, Dawn) or the Storefront API shape (units: standard events, getCart). */
export function cartTotals(cart: unknown): CartTotals | null {
  if (!isObject(cart)) return null;
  if ('item_count' in cart && 'total_price' in cart) {
    const items = number(cart.item_count);
    const cents = number(cart.total_price);
    return Number.isFinite(items) && Number.isFinite(cents) ? { items, value: cents / 100 } : null;
  }
  const total = isObject(cart.cost) && isObject(cart.cost.totalAmount) ? number(cart.cost.totalAmount.amount) : NaN;
  const items = number(cart.totalQuantity);
  return Number.isFinite(items) && Number.isFinite(total) ? { items, value: total } : null;
}

const CART_CHANGE = /\/cart\/(add|change|update|clear)(\.js)?$/;

interface ShopifyGlobals {
  Shopify?: { actions?: { getCart?: () => Promise<{ cart?: unknown }> } };
  subscribe?: (event: string, callback: (data: unknown) => unknown) => unknown;
  PUB_SUB_EVENTS?: { cartUpdate?: string };
}

export function followCart(win: Window, report: Report): void {
  const g = win as Window & ShopifyGlobals;
  const accept = (cart: unknown) => {
    const totals = cartTotals(cart);
    if (totals) report(totals);
  };
  let reading = false;
  let again = false;
  const read = async (): Promise<void> => {
    if (reading) return void (again = true);
    reading = true;
    // A try of its own: the read is awaited, and `finally` starts the one queued after it.
    try {
      const getCart = g.Shopify?.actions?.getCart;
      if (typeof getCart === 'function') accept((await getCart.call(g.Shopify!.actions))?.cart);
      else
        accept(
          await (
            await win.fetch('/cart.js', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          ).json(),
        );
    } catch {
      // No cart this time: the next page's context has it.
    } finally {
      reading = false;
      if (again) {
        again = false;
        void read();
      }
    }
  };

  win.document.addEventListener('shopify:cart:lines-update', (event) => {
    const pending = (event as Event & { promise?: Promise<{ cart?: unknown }> }).promise;
    if (pending && typeof pending.then === 'function')
      pending.then(
        (result) => accept(result?.cart),
        () => undefined,
      );
  });

  const listenToDawn = () => {
    // Dawn's `function subscribe` is a window property; its `const PUB_SUB_EVENTS` is not, hence the default.
    if (typeof g.subscribe !== 'function') return;
    g.subscribe(g.PUB_SUB_EVENTS?.cartUpdate ?? 'cart-update', (data) => {
      const cart = isObject(data) ? data.cartData : undefined;
      if (cartTotals(cart)) accept(cart);
      else void read();
    });
  };
  // Dawn's scripts are deferred: they have run by DOMContentLoaded.
  if (win.document.readyState === 'loading')
    win.document.addEventListener('DOMContentLoaded', listenToDawn, { once: true });
  else listenToDawn();

  // No Resource Timing: the standard event and Dawn's pub/sub still report.
  attempt(
    () =>
      new (win as Window & { PerformanceObserver: typeof PerformanceObserver }).PerformanceObserver((list) => {
        if (list.getEntries().some((entry) => CART_CHANGE.test(new URL(entry.name, win.location.href).pathname)))
          void read();
      }).observe({ type: 'resource', buffered: true }), // buffered: also a change made before the chunk loaded
  );
}
