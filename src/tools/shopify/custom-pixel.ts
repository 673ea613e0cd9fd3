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
import { enqueue, ORDERS_KEY, parseQueue, type HandedOrder } from '../../edge/shopify/orders.js';

export type PixelApi = Pick<ExtensionApi, 'analytics' | 'browser' | 'init' | 'customerPrivacy'>;

type Privacy = ExtensionApi['init']['customerPrivacy'];

/** The order as the storefront needs it, or null when the checkout carries no order id. */
export function handedOrder(event: PixelEventsCheckoutCompleted): HandedOrder | null {
  const checkout = event.data?.checkout;
  const id = checkout?.order?.id;
  if (!checkout || !id) return null;
  const types = new Set<string>();
  for (const line of checkout.lineItems ?? []) {
    const type = line?.variant?.product?.type;
    if (typeof type === 'string' && type.trim()) types.add(type.trim().slice(0, 100));
  }
  const total = checkout.totalPrice?.amount;
  return {
    id: String(id),
    total: typeof total === 'number' && Number.isFinite(total) ? total : 0,
    currency: checkout.totalPrice?.currencyCode ?? checkout.currencyCode ?? null,
    types: [...types].slice(0, 20),
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
      const queue = parseQueue(await api.browser.localStorage.getItem(ORDERS_KEY));
      await api.browser.localStorage.setItem(ORDERS_KEY, JSON.stringify(enqueue(queue, order)));
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
