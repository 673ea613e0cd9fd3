// @vitest-environment node
// Pure code: no DOM globals needed (documents come from happy-dom's Window where a test needs one).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { dataLayerEvent, watchDataLayer } from '../../../../src/edge/track/ingest.js';

/** What gtag pushes: its `arguments` object, not an array. */
function gtagArgs(..._args: unknown[]): IArguments {
  return arguments;
}

const ITEM = { item_id: 'AZ-42', item_name: 'Air Zoom', item_category: 'Running Shoes', price: 129.9, quantity: 2 };

describe('dataLayerEvent()', () => {
  it("reads gtag('event', …) pushes, which are arguments objects", () => {
    expect(
      dataLayerEvent(
        gtagArgs('event', 'purchase', { transaction_id: 'T-1001', value: 259.8, currency: 'NOK', items: [ITEM] }),
      ),
    ).toEqual({
      name: 'purchase',
      params: {
        value: 259.8,
        currency: 'NOK',
        transaction_id: 'T-1001',
        item_id: 'AZ-42',
        item_category: 'Running Shoes',
        price: 129.9,
        quantity: 2,
      },
    });
  });

  it('reads GTM pushes with an ecommerce object', () => {
    expect(
      dataLayerEvent({
        event: 'view_item',
        ecommerce: { currency: 'EUR', value: 129.9, items: [{ ...ITEM, quantity: undefined }] },
      }),
    ).toEqual({
      name: 'view_item',
      params: {
        value: 129.9,
        currency: 'EUR',
        item_id: 'AZ-42',
        item_category: 'Running Shoes',
        price: 129.9,
        quantity: 1,
      },
    });
  });

  it('derives the value from items × price × quantity when it is missing', () => {
    const event = dataLayerEvent({
      event: 'add_to_cart',
      ecommerce: { items: [ITEM, { item_id: 'S-1', price: '10.05', quantity: '3' }] },
    });
    expect(event?.params).toMatchObject({ value: 289.95, quantity: 5, item_id: 'AZ-42' });
  });

  it('reads parameters given on the push itself, and the recommended login/logout/begin_checkout events', () => {
    expect(dataLayerEvent({ event: 'purchase', transaction_id: 555, value: '99.5' })?.params).toEqual({
      transaction_id: '555',
      value: 99.5,
    });
    expect(dataLayerEvent({ event: 'login', method: 'Google' })).toEqual({ name: 'login', params: {} });
    expect(dataLayerEvent(['event', 'logout'])).toEqual({ name: 'logout', params: {} });
    expect(dataLayerEvent(gtagArgs('event', 'begin_checkout', { value: 10 }))?.name).toBe('begin_checkout');
    expect(dataLayerEvent({ event: 'remove_from_cart', ecommerce: { value: 5 } })?.name).toBe('remove_from_cart');
  });

  it('ignores clears, other commands, other events and our own p13n_ events', () => {
    expect(dataLayerEvent({ ecommerce: null })).toBeNull();
    expect(dataLayerEvent({ event: 'purchase', ecommerce: null })).toBeNull();
    expect(dataLayerEvent(gtagArgs('config', 'G-XXXX'))).toBeNull();
    expect(dataLayerEvent(gtagArgs('js', new Date()))).toBeNull();
    expect(dataLayerEvent({ event: 'gtm.js', 'gtm.start': 1 })).toBeNull();
    expect(dataLayerEvent({ event: 'p13n_decision', ecommerce: { value: 1 } })).toBeNull();
    expect(dataLayerEvent({ event: 'add_payment_info' })).toBeNull();
  });

  it('never throws, whatever was pushed', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    );
    expect(dataLayerEvent(hostile)).toBeNull();
    expect(
      dataLayerEvent({
        event: 'purchase',
        get ecommerce() {
          throw new Error('getter');
        },
      }),
    ).toEqual({ name: 'purchase', params: {} });
    expect(
      dataLayerEvent({ event: 'purchase', ecommerce: { items: [null, 7, { price: NaN }], value: Infinity } }),
    ).toEqual({
      name: 'purchase',
      params: { quantity: 1 },
    });
    fc.assert(
      fc.property(fc.anything(), (entry) => {
        expect(() => dataLayerEvent(entry)).not.toThrow();
        expect(() => dataLayerEvent({ event: 'purchase', ecommerce: entry })).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});

type DataLayerWindow = Window & { dataLayer?: unknown[] };
const fakeWindow = (dataLayer?: unknown[]) => ({ dataLayer }) as unknown as DataLayerWindow;
const gtag = (win: DataLayerWindow, ...args: unknown[]) => win.dataLayer!.push(gtagArgs(...args));

describe('watchDataLayer()', () => {
  it('replays pushes made before it started, once, then sees later pushes', () => {
    const win = fakeWindow([{ event: 'gtm.js' }, { event: 'view_item', ecommerce: { items: [ITEM] } }]);
    const seen = vi.fn();
    watchDataLayer(win, seen);
    expect(seen).toHaveBeenCalledTimes(1);
    expect(seen).toHaveBeenLastCalledWith('view_item', expect.objectContaining({ item_id: 'AZ-42' }));
    gtag(win, 'event', 'purchase', { transaction_id: 'T1', value: 10 });
    expect(seen).toHaveBeenLastCalledWith('purchase', { transaction_id: 'T1', value: 10 });
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('creates the dataLayer when there is none, as every gtag snippet does', () => {
    const win = fakeWindow();
    const seen = vi.fn();
    watchDataLayer(win, seen);
    expect(Array.isArray(win.dataLayer)).toBe(true);
    win.dataLayer!.push({ event: 'login' });
    expect(seen).toHaveBeenCalledWith('login', {});
  });

  it("keeps the original push's behaviour and return value", () => {
    const win = fakeWindow([]);
    watchDataLayer(win, () => {});
    expect(win.dataLayer!.push({ a: 1 }, { b: 2 })).toBe(2);
    expect(win.dataLayer).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('keeps working when GTM wraps push again later, without applying anything twice', () => {
    const win = fakeWindow([]);
    const seen = vi.fn();
    watchDataLayer(win, seen);
    // What gtm.js does on load: wrap the current push and call through to it.
    const previous = win.dataLayer!.push;
    const gtmSaw: unknown[] = [];
    win.dataLayer!.push = function (this: unknown[], ...items: unknown[]) {
      gtmSaw.push(...items);
      return previous.apply(this, items);
    };
    win.dataLayer!.push({ event: 'add_to_cart', ecommerce: { value: 20 } });
    expect(gtmSaw).toHaveLength(1);
    expect(seen).toHaveBeenCalledTimes(1);
    expect(seen).toHaveBeenCalledWith('add_to_cart', { value: 20 });
  });

  it('hooks and replays a dataLayer array that the page assigns anew', () => {
    const win = {} as DataLayerWindow;
    win.dataLayer = [];
    const seen = vi.fn();
    watchDataLayer(win, seen);
    win.dataLayer = [{ event: 'purchase', ecommerce: { transaction_id: 'T2', value: 5 } }];
    expect(seen).toHaveBeenCalledWith('purchase', { transaction_id: 'T2', value: 5 });
    win.dataLayer.push({ event: 'login' });
    expect(seen).toHaveBeenLastCalledWith('login', {});
    // `window.dataLayer = window.dataLayer || []` (the GTM snippet) sets the same array: nothing replays.
    win.dataLayer = win.dataLayer || [];
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('does not re-apply the same entry object', () => {
    const win = fakeWindow([]);
    const seen = vi.fn();
    watchDataLayer(win, seen);
    const entry = { event: 'purchase', ecommerce: { transaction_id: 'T3' } };
    win.dataLayer!.push(entry);
    win.dataLayer!.push(entry);
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('survives a listener that throws, and stops cleanly', () => {
    const win = fakeWindow([]);
    const stop = watchDataLayer(win, () => {
      throw new Error('listener');
    });
    expect(() => win.dataLayer!.push({ event: 'login' })).not.toThrow();
    const original = Array.prototype.push;
    stop();
    expect(win.dataLayer!.push).toBe(original);
    expect(Object.getOwnPropertyDescriptor(win, 'dataLayer')).toMatchObject({ writable: true });
    stop();
  });

  it('tolerates a frozen, missing or hostile dataLayer', () => {
    const frozen = fakeWindow(Object.freeze([{ event: 'login' }]) as unknown[]);
    const seen = vi.fn();
    expect(() => watchDataLayer(frozen, seen)).not.toThrow();
    expect(seen).toHaveBeenCalledWith('login', {});
    expect(() => watchDataLayer(fakeWindow({} as unknown[]), seen)).not.toThrow();
    const locked = Object.defineProperty({}, 'dataLayer', {
      get() {
        throw new Error('no');
      },
    }) as DataLayerWindow;
    expect(() => watchDataLayer(locked, seen)).not.toThrow();
  });
});
