/** The pixel → storefront hand-off of completed orders. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PixelEventsCheckoutCompleted } from '@shopify/web-pixels-extension';
import { enqueue, MAX_QUEUED_ORDERS, ORDERS_KEY, parseQueue, takeOrders } from '../../../src/edge/shopify/orders.js';
import { handedOrder, startPixel, type PixelApi } from '../../../src/tools/shopify/custom-pixel.js';

afterEach(() => localStorage.clear());

const order = (id: string) => ({ id, total: 10, currency: 'NOK', types: ['Shoes'] });

/** The parts of a checkout_completed event the pixel reads (shape of @shopify/web-pixels-extension). */
const checkoutCompleted = (id: string | null) =>
  ({
    name: 'checkout_completed',
    data: {
      checkout: {
        order: id ? { id } : null,
        currencyCode: 'NOK',
        totalPrice: { amount: 129.5, currencyCode: 'NOK' },
        lineItems: [
          { variant: { product: { type: 'Running Shoes' } } },
          { variant: { product: { type: 'Socks' } } },
          { variant: { product: { type: 'Socks' } } },
          { variant: null },
        ],
      },
    },
  }) as unknown as PixelEventsCheckoutCompleted;

function fakePixel(privacy: { preferencesProcessingAllowed: boolean }) {
  const storage = new Map<string, string>();
  const handlers = new Map<string, (event: unknown) => unknown>();
  const api = {
    analytics: {
      subscribe: (name: string, callback: (event: unknown) => unknown) => (handlers.set(name, callback), () => true),
    },
    browser: {
      localStorage: {
        getItem: async (key: string) => storage.get(key) ?? null,
        setItem: async (key: string, value: string) => void storage.set(key, value),
      },
    },
    init: {
      customerPrivacy: {
        analyticsProcessingAllowed: true,
        marketingAllowed: false,
        saleOfDataAllowed: false,
        ...privacy,
      },
    },
    customerPrivacy: {
      subscribe: (name: string, callback: (event: unknown) => unknown) => (handlers.set(name, callback), () => true),
    },
  } as unknown as PixelApi;
  return { api, storage, fire: (name: string, event: unknown) => handlers.get(name)?.(event) };
}

describe('the queue', () => {
  it('keeps an order once, and at most MAX_QUEUED_ORDERS', () => {
    let queue = enqueue([], order('1'));
    queue = enqueue(queue, order('1'));
    expect(queue).toEqual([order('1')]);
    for (let i = 2; i <= 20; i++) queue = enqueue(queue, order(String(i)));
    expect(queue.map((o) => o.id)).toEqual(Array.from({ length: MAX_QUEUED_ORDERS }, (_, i) => String(i + 11)));
  });
  it('reads anything unreadable as empty', () => {
    expect(parseQueue('{')).toEqual([]);
    expect(parseQueue('[{"id":1}]')).toEqual([]);
    expect(parseQueue(null)).toEqual([]);
  });
});

describe('the custom pixel', () => {
  it('hands over id, total, currency and the product types once each', () => {
    expect(handedOrder(checkoutCompleted('gid://shopify/Order/1'))).toEqual({
      id: 'gid://shopify/Order/1',
      total: 129.5,
      currency: 'NOK',
      types: ['Running Shoes', 'Socks'],
    });
    expect(handedOrder(checkoutCompleted(null))).toBeNull();
  });

  it('queues the order in the top frame’s localStorage when preferences are allowed', async () => {
    const pixel = fakePixel({ preferencesProcessingAllowed: true });
    startPixel(pixel.api, false);
    await pixel.fire('checkout_completed', checkoutCompleted('A'));
    await pixel.fire('checkout_completed', checkoutCompleted('A')); // a reloaded thank-you page
    expect(parseQueue(pixel.storage.get(ORDERS_KEY))).toEqual([
      { id: 'A', total: 129.5, currency: 'NOK', types: ['Running Shoes', 'Socks'] },
    ]);
  });

  it('writes nothing without consent, nor with Global Privacy Control, and follows a later choice', async () => {
    const pixel = fakePixel({ preferencesProcessingAllowed: false });
    startPixel(pixel.api, false);
    await pixel.fire('checkout_completed', checkoutCompleted('A'));
    expect(pixel.storage.size).toBe(0);
    pixel.fire('visitorConsentCollected', { customerPrivacy: { preferencesProcessingAllowed: true } });
    await pixel.fire('checkout_completed', checkoutCompleted('B'));
    expect(parseQueue(pixel.storage.get(ORDERS_KEY)).map((o) => o.id)).toEqual(['B']);
    const gpc = fakePixel({ preferencesProcessingAllowed: true });
    startPixel(gpc.api, true);
    await gpc.fire('checkout_completed', checkoutCompleted('C'));
    expect(gpc.storage.size).toBe(0);
  });
});

describe('takeOrders()', () => {
  it('tracks each order as a purchase plus its product types, and removes the queue', () => {
    localStorage.setItem(ORDERS_KEY, JSON.stringify([order('1'), order('2')]));
    const track = vi.fn();
    expect(takeOrders(window, track)).toBe(2);
    expect(track.mock.calls).toEqual([
      ['purchase', { transaction_id: '1', value: 10, currency: 'NOK' }],
      ['view_item', { item_id: 'order:1:Shoes', item_category: 'Shoes' }],
      ['purchase', { transaction_id: '2', value: 10, currency: 'NOK' }],
      ['view_item', { item_id: 'order:2:Shoes', item_category: 'Shoes' }],
    ]);
    expect(localStorage.getItem(ORDERS_KEY)).toBeNull();
    expect(takeOrders(window, track)).toBe(0);
  });
});
