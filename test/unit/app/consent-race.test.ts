/**
 * A race that once lost a profile: a consenting signed-in customer became a blank visitor. Consent arrives while the
 * profile read is under way; that read (made before consent, without creating anything) saw no record,
 * while IndexedDB does hold one (a write of the previous page landing late). The page must end with
 * one view: attributes(), profile() and the slots all from the stored record merged with this page.
 * The stores are fakes whose read answers when the test says, so the race is the same on every run.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newProfile } from '../../../src/core/profile/model.js';
import { createController } from '../../../src/app/boot.js';
import { memoryStore, type ProfileStore, type ReadResult } from '../../../src/edge/storage/store.js';
import { fakeStores } from './fake-stores.js';

const fake = {
  durable: null as unknown as ProfileStore,
  answer: null as unknown as (result: ReadResult) => void,
};
// The page's one read answers when the test says.
const stores = fakeStores(
  () => fake.durable,
  () =>
    new Promise<ReadResult>((resolve) => {
      fake.answer = resolve;
    }),
);

afterEach(() => {
  localStorage.clear();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

const T = Date.now() - 10 * 60 * 1000;

function page(): void {
  const config = {
    consent: 'required',
    segments: { has_cart: 'cart_value > 0' },
    slots: {
      cart: {
        rules: [
          { id: 'cart-message', when: 'has_cart', content: { type: 'html', html: '<p>Your cart is waiting</p>' } },
        ],
      },
    },
  };
  const context = { customer: { id: '7002', orders_count: 1, total_spent: 45 }, country: 'NO' };
  document.head.innerHTML =
    `<script type="application/json" id="p13n-config">${JSON.stringify(config)}</script>` +
    `<script type="application/json" id="p13n-context">${JSON.stringify(context)}</script>`;
  document.body.innerHTML = '<div data-p13n-slot="cart">Default</div>';
}

describe('consent arriving while the profile is read', () => {
  for (const read of ['empty', 'ok'] as const) {
    it(`ends with one view of the stored record (the early read answered ${read})`, async () => {
      const storedRecord = {
        ...newProfile('visitor-1', T - 60_000),
        visits: 1,
        pageviews: 2,
        visitPageviews: 2,
        lastSeen: T,
        cartValue: 59,
        cartItems: 1,
      };
      fake.durable = { ...memoryStore(storedRecord), kind: 'indexeddb' };
      page();
      const api = createController(window, null, () => undefined, 'test', { stores });
      // The demo banner replays the saved choice as soon as it runs: before the read has answered.
      const consent = api.consent(true);
      fake.answer(read === 'ok' ? { status: 'ok', profile: storedRecord } : { status: 'empty' });
      await api.ready;
      await consent;
      const profile = api.profile()!;
      const attributes = api.attributes()!;
      expect({ pageviews: profile.pageviews, cart: profile.cartValue }).toEqual({ pageviews: 3, cart: 59 });
      expect({ pageviews: attributes.pageviews, cart: attributes.cart_value }).toEqual({ pageviews: 3, cart: 59 });
      expect(api.segments()).toContain('has_cart');
      expect(document.querySelector('[data-p13n-slot="cart"]')!.textContent).toBe('Your cart is waiting');
      const stored = await fake.durable.read();
      expect(stored.status === 'ok' && stored.profile.pageviews).toBe(3);
    });
  }
});

describe('a profile read answering after the decision timeout', () => {
  // Its own slot name: the controllers of the tests above still watch this document for `cart`.
  it('keeps the defaults shown, never swaps, and still writes the page view once', async () => {
    const storedRecord = {
      ...newProfile('visitor-1', T - 60_000),
      visits: 1,
      pageviews: 2,
      visitPageviews: 2,
      lastSeen: T,
      cartValue: 59,
      cartItems: 1,
    };
    fake.durable = { ...memoryStore(storedRecord), kind: 'indexeddb' };
    const config = {
      timeout: 50,
      segments: { has_cart: 'cart_value > 0' },
      slots: {
        reminder: {
          rules: [
            { id: 'cart-message', when: 'has_cart', content: { type: 'html', html: '<p>Your cart is waiting</p>' } },
          ],
        },
      },
    };
    document.head.innerHTML = `<script type="application/json" id="p13n-config">${JSON.stringify(config)}</script>`;
    const warnings: string[] = [];
    const api = createController(window, null, (_cause, message) => warnings.push(message), 'test', { stores });
    document.body.innerHTML = '<div data-p13n-slot="reminder">Default</div>';
    await vi.waitFor(() => expect(warnings.some((w) => w.includes('no decision within 50 ms'))).toBe(true));
    fake.answer({ status: 'ok', profile: storedRecord });
    await api.ready;
    expect(api.decisions()[0]).toMatchObject({ rule: 'cart-message' });
    expect(document.querySelector('[data-p13n-slot="reminder"]')!.textContent).toBe('Default');
    await vi.waitFor(async () => {
      const stored = await fake.durable.read();
      expect(stored.status === 'ok' && stored.profile.pageviews).toBe(3);
    });
    expect(api.attributes()).toMatchObject({ pageviews: 3, cart_value: 59 });
  });
});
