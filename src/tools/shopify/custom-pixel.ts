/**
 * The custom pixel a store owner pastes under Settings → Customer events → Add custom pixel
 * (built to dist/shopify/custom-pixel.js). Shopify runs it in a sandbox with the Standard API as
 * globals: `analytics`, `browser`, `init`, `customerPrivacy` (shopify.dev Web Pixels API > Standard
 * API). On `checkout_completed` it queues the order for the storefront (../../edge/shopify/orders.ts),
 * which counts it on the shopper's next page.
 *
 * Consent: the order is kept on the shopper's device for personalization, Shopify's *preferences*
 * purpose, the same one the storefront script reads (core/consent/shopify.ts). Nothing is written
 * while that is not allowed, nor when the browser sends Global Privacy Control.
 * Only `checkout_completed` is followed: product views and cart adds happen on the storefront, where
 * the script itself sees them (p13n-context, Product JSON-LD, the cart events).
 */
import type { ExtensionApi, PixelEventsCheckoutCompleted } from '@shopify/web-pixels-extension';
import {
  boundTypes,
  enqueue,
  MAX_ID_LENGTH,
  ORDERS_KEY,
  parseQueue,
  type HandedOrder,
} from '../../edge/shopify/orders.js';

export type PixelApi = Pick<ExtensionApi, 'analytics' | 'browser' | 'init' | 'customerPrivacy'>;

type Privacy = ExtensionApi['init']['customerPrivacy'];

/**
 * The order as the storefront needs it, within the queue's bounds (edge/shopify/orders.ts: at most 20
 * product types of 100 characters), or null when the checkout carries no usable order id.
 */
export function handedOrder(event: PixelEventsCheckoutCompleted): HandedOrder | null {
  const checkout = event.data?.checkout;
  const id = checkout?.order?.id;
  if (!checkout || !id || String(id).length > MAX_ID_LENGTH) return null;
  const total = checkout.totalPrice?.amount;
  const currency = checkout.totalPrice?.currencyCode ?? checkout.currencyCode;
  return {
    id: String(id),
    total: typeof total === 'number' && Number.isFinite(total) ? total : 0,
    currency: typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : null,
    types: boundTypes((checkout.lineItems ?? []).map((line) => line?.variant?.product?.type)),
  };
}

export function startPixel(api: PixelApi, gpc: boolean): void {
  let privacy: Privacy = api.init.customerPrivacy;
  api.customerPrivacy?.subscribe('visitorConsentCollected', (event) => {
    privacy = event.customerPrivacy;
  });
  api.analytics.subscribe('checkout_completed', async (event) => {
    if (gpc || !privacy?.preferencesProcessingAllowed) return;
    const order = handedOrder(event as PixelEventsCheckoutCompleted);
    if (!order) return;
    try {
      // Read bounded (a queue over the bounds is read as empty, and so replaced), written bounded.
      const queue = parseQueue(await api.browser.localStorage.getItem(ORDERS_KEY));
      await api.browser.localStorage.setItem(ORDERS_KEY, enqueue(queue, order));
    } catch {
      // Storage blocked in the top frame: this order is not counted, checkout goes on unaffected.
    }
  });
}

declare const analytics: PixelApi['analytics'];
declare const browser: PixelApi['browser'];
declare const init: PixelApi['init'];
declare const customerPrivacy: PixelApi['customerPrivacy'];

// Pasted as a custom pixel, the Standard API is global; imported (tests), nothing starts by itself.
if (typeof analytics !== 'undefined' && typeof browser !== 'undefined' && typeof init !== 'undefined') {
  const nav = (typeof navigator !== 'undefined' ? navigator : undefined) as
    | (Navigator & { globalPrivacyControl?: boolean })
    | undefined;
  startPixel({ analytics, browser, init, customerPrivacy }, nav?.globalPrivacyControl === true);
}
