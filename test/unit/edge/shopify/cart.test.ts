/** Following a Shopify cart: the two shapes Shopify gives it in, and the events that report it. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cartTotals, followCart } from '../../../../src/edge/shopify/cart.js';
import { serverCart, withCart } from '../../../../src/core/profile/cart.js';
import { newProfile } from '../../../../src/core/profile/model.js';

type Globals = { subscribe?: unknown; Shopify?: unknown };
afterEach(() => {
  delete (window as Window & Globals).subscribe;
  delete (window as Window & Globals).Shopify;
  vi.restoreAllMocks();
});

describe('cartTotals()', () => {
  it('reads the Ajax API shape in cents (/cart.js, Dawn)', () => {
    expect(cartTotals({ item_count: 2, total_price: 12950, currency: 'NOK' })).toEqual({ items: 2, value: 129.5 });
  });
  it('reads the Storefront API shape in units (standard events, Shopify.actions.getCart)', () => {
    expect(cartTotals({ totalQuantity: 3, cost: { totalAmount: { amount: '89.90', currencyCode: 'EUR' } } })).toEqual({
      items: 3,
      value: 89.9,
    });
  });
  it('refuses anything else, e.g. the single line Dawn publishes after an add', () => {
    expect(cartTotals({ id: 1, quantity: 1, price: 1000 })).toBeNull();
    expect(cartTotals(null)).toBeNull();
    expect(cartTotals({ item_count: 'x', total_price: 1 })).toBeNull();
  });
});

describe('withCart() / serverCart()', () => {
  it('sets value and item count, and an empty cart to 0', () => {
    const p = newProfile('v', 0);
    expect(withCart(p, { value: 129.5, items: 2 })).toMatchObject({ cartValue: 129.5, cartItems: 2 });
    expect(withCart({ ...p, cartValue: 50, cartItems: 1 }, { value: 10, items: 0 })).toMatchObject({
      cartValue: 0,
      cartItems: 0,
    });
    expect(withCart(p, { value: 0, items: 0 })).toBe(p);
  });
  it('takes the context cart only when both numbers are there', () => {
    expect(serverCart({ total_price: 129.5, item_count: 2 })).toEqual({ value: 129.5, items: 2 });
    expect(serverCart({ total_price: '129.5', item_count: 2 })).toBeNull();
    expect(serverCart(undefined)).toBeNull();
  });
});

describe('followCart()', () => {
  it('follows shopify:cart:lines-update once its promise resolves', async () => {
    const report = vi.fn();
    followCart(window, report);
    const event = Object.assign(new Event('shopify:cart:lines-update', { bubbles: true }), {
      promise: Promise.resolve({
        cart: { totalQuantity: 1, cost: { totalAmount: { amount: '20.00', currencyCode: 'NOK' } } },
      }),
    });
    document.body.dispatchEvent(event);
    await event.promise;
    await Promise.resolve();
    expect(report).toHaveBeenCalledWith({ items: 1, value: 20 });
  });

  it('follows Dawn’s cart-update: the whole cart as published, else one read through Shopify.actions.getCart()', async () => {
    const subscribers: Array<(data: unknown) => void> = [];
    (window as Window & Globals).subscribe = (name: string, callback: (data: unknown) => void) =>
      name === 'cart-update' && subscribers.push(callback);
    const getCart = vi.fn(async () => ({
      cart: { totalQuantity: 4, cost: { totalAmount: { amount: '40.00', currencyCode: 'NOK' } } },
    }));
    (window as Window & Globals).Shopify = { actions: { getCart } };
    const fetchSpy = vi.spyOn(window, 'fetch');
    const report = vi.fn();
    followCart(window, report);
    expect(subscribers).toHaveLength(1);
    subscribers[0]!({ source: 'cart-items', cartData: { item_count: 3, total_price: 3000 } });
    expect(report).toHaveBeenLastCalledWith({ items: 3, value: 30 });
    subscribers[0]!({ source: 'product-form', cartData: { id: 7, quantity: 1 } });
    await vi.waitFor(() => expect(report).toHaveBeenLastCalledWith({ items: 4, value: 40 }));
    expect(getCart).toHaveBeenCalledTimes(1);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('falls back to one /cart.js read without Shopify.actions', async () => {
    const subscribers: Array<(data: unknown) => void> = [];
    (window as Window & Globals).subscribe = (_: string, callback: (data: unknown) => void) =>
      subscribers.push(callback);
    const fetchSpy = vi
      .spyOn(window, 'fetch')
      .mockResolvedValue(new Response(JSON.stringify({ item_count: 1, total_price: 999 })));
    const report = vi.fn();
    followCart(window, report);
    subscribers[0]!({ source: 'product-form', cartData: { id: 7 } });
    await vi.waitFor(() => expect(report).toHaveBeenCalledWith({ items: 1, value: 9.99 }));
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(String(fetchSpy.mock.calls[0]![0])).toBe('/cart.js');
  });
});
