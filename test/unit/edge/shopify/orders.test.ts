/** The pixel → storefront hand-off of completed orders. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PixelEventsCheckoutCompleted } from '@shopify/web-pixels-extension';
import {
  enqueue,
  MAX_ID_LENGTH,
  MAX_ORDER_TYPES,
  MAX_QUEUE_CHARS,
  MAX_QUEUED_ORDERS,
  MAX_TYPE_LENGTH,
  ORDERS_KEY,
  parseQueue,
  readQueue,
  takeOrders,
  type HandedOrder,
} from '../../../../src/edge/shopify/orders.js';
import { handedOrder, startPixel, type PixelApi } from '../../../../src/tools/shopify/custom-pixel.js';

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

/** An order as a writer without bounds (an older pixel, another script) could queue it. */
const big = (id: string, types: number, typeLength = 10): HandedOrder => ({
  id,
  total: 10,
  currency: 'NOK',
  types: Array.from({ length: types }, (_, i) => `${i}`.padStart(typeLength, 't')),
});

describe('the queue', () => {
  it('keeps an order once, and at most MAX_QUEUED_ORDERS', () => {
    let queue = parseQueue(enqueue([], order('1')));
    queue = parseQueue(enqueue(queue, order('1')));
    expect(queue).toEqual([order('1')]);
    for (let i = 2; i <= 20; i++) queue = parseQueue(enqueue(queue, order(String(i))));
    expect(queue.map((o) => o.id)).toEqual(Array.from({ length: MAX_QUEUED_ORDERS }, (_, i) => String(i + 11)));
  });

  it('reads at most MAX_ORDER_TYPES product types of MAX_TYPE_LENGTH per order, and says that it dropped some', () => {
    // 10 orders × 1,000 types (89 KB) once took a 3.7 s task: every type became a tracked product view.
    const text = JSON.stringify(Array.from({ length: 10 }, (_, i) => big(`o${i}`, 1_000, 8)));
    expect(text.length).toBeGreaterThan(88_000);
    const { orders, dropped } = readQueue(text);
    expect(orders).toHaveLength(10);
    expect(orders.every((o) => o.types.length === MAX_ORDER_TYPES)).toBe(true);
    expect(dropped).toBe(true);
    const long = readQueue(JSON.stringify([{ ...order('1'), types: ['x'.repeat(5_000)] }]));
    expect(long.orders[0]!.types).toEqual(['x'.repeat(MAX_TYPE_LENGTH)]);
    expect(long.dropped).toBe(true);
    expect(readQueue(JSON.stringify([order('1')]))).toEqual({ orders: [order('1')], dropped: false });
  });

  it('drops an order whose id is longer than an order id, and a currency that is not an ISO code', () => {
    const { orders, dropped } = readQueue(
      JSON.stringify([
        { ...order('1'), id: 'x'.repeat(MAX_ID_LENGTH + 1) },
        { ...order('2'), currency: 'x'.repeat(999) },
      ]),
    );
    expect(orders).toEqual([{ ...order('2'), currency: null }]);
    expect(dropped).toBe(true);
  });

  it('drops a queue longer than MAX_QUEUE_CHARS whole, valid orders and all', () => {
    const text = JSON.stringify(Array.from({ length: 10 }, (_, i) => big(`o${i}`, 10_000, 8)));
    expect(text.length).toBeGreaterThan(MAX_QUEUE_CHARS);
    expect(readQueue(text)).toEqual({ orders: [], dropped: true });
  });

  it('writes a bounded queue, whatever it is given', () => {
    const text = enqueue(
      Array.from({ length: 9 }, (_, i) => big(`o${i}`, 1_000, 500)),
      big('new', 1_000, 500),
    );
    expect(text.length).toBeLessThanOrEqual(MAX_QUEUE_CHARS);
    const { orders, dropped } = readQueue(text);
    expect(dropped).toBe(false);
    expect(orders.at(-1)!.id).toBe('new'); // the newest order is kept first
    expect(orders.every((o) => o.types.length <= MAX_ORDER_TYPES)).toBe(true);
  });
  it('reads anything unreadable as empty', () => {
    expect(parseQueue('{')).toEqual([]);
    expect(parseQueue('[{"id":1}]')).toEqual([]);
    expect(parseQueue(null)).toEqual([]);
  });
});

describe('the custom pixel', () => {
  it('hands over at most MAX_ORDER_TYPES product types, and no order with an id longer than an order id', () => {
    const event = checkoutCompleted('gid://shopify/Order/1');
    const lines = Array.from({ length: 1_000 }, (_, i) => ({
      variant: { product: { type: `Type ${i} ${'x'.repeat(300)}` } },
    }));
    (event.data.checkout as { lineItems: unknown }).lineItems = lines;
    const handed = handedOrder(event)!;
    expect(handed.types).toHaveLength(MAX_ORDER_TYPES);
    expect(handed.types.every((type) => type.length === MAX_TYPE_LENGTH)).toBe(true);
    expect(handedOrder(checkoutCompleted('x'.repeat(MAX_ID_LENGTH + 1)))).toBeNull();
  });

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
    const warn = vi.fn();
    expect(takeOrders(window, track, warn)).toBe(2);
    expect(track.mock.calls).toEqual([
      ['purchase', { transaction_id: '1', value: 10, currency: 'NOK' }],
      ['view_item', { item_id: 'order:1:Shoes', item_category: 'Shoes' }],
      ['purchase', { transaction_id: '2', value: 10, currency: 'NOK' }],
      ['view_item', { item_id: 'order:2:Shoes', item_category: 'Shoes' }],
    ]);
    expect(localStorage.getItem(ORDERS_KEY)).toBeNull();
    expect(takeOrders(window, track, warn)).toBe(0);
    expect(warn).not.toHaveBeenCalled();
  });

  it('tracks at most MAX_ORDER_TYPES product views per order, with one warning for all that was dropped', () => {
    localStorage.setItem(ORDERS_KEY, JSON.stringify(Array.from({ length: 10 }, (_, i) => big(`o${i}`, 1_000, 8))));
    const track = vi.fn();
    const warn = vi.fn();
    expect(takeOrders(window, track, warn)).toBe(10);
    expect(track.mock.calls.filter(([event]) => event === 'purchase')).toHaveLength(10);
    expect(track.mock.calls.filter(([event]) => event === 'view_item')).toHaveLength(10 * MAX_ORDER_TYPES);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toMatch(/p13n:orders.*held more than it may/);
  });

  it('drops a queue over MAX_QUEUE_CHARS whole, with one warning, and removes it', () => {
    localStorage.setItem(ORDERS_KEY, JSON.stringify(Array.from({ length: 10 }, (_, i) => big(`o${i}`, 10_000, 8))));
    const track = vi.fn();
    const warn = vi.fn();
    expect(takeOrders(window, track, warn)).toBe(0);
    expect(track).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(localStorage.getItem(ORDERS_KEY)).toBeNull();
  });
});
