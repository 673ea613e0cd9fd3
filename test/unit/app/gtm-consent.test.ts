/**
 * A Google Tag Manager consent banner as stores run it, through boot and the real dataLayer watcher: the
 * banner loads after the script, pushes `gtag('consent', 'default', {…denied})`, then an `update` to
 * granted. Stored page views, orders and revenue must read 1/1/10 after the first page view and
 * 2/2/20 after the second (the old session made them 2/2/20, then 4/4/40).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createController } from '../../../src/app/boot.js';
import { memoryStore, type ProfileStore } from '../../../src/edge/storage/store.js';
import { fakeStores } from './fake-stores.js';

const fake = { durable: null as unknown as ProfileStore };
const stores = fakeStores(() => fake.durable);

afterEach(() => {
  document.head.innerHTML = '';
  localStorage.clear();
});

type GtagWindow = Window & { dataLayer?: unknown[] };
// gtag pushes its `arguments` object, not an array.
function gtag(..._args: unknown[]): void {
  // eslint-disable-next-line prefer-rest-params
  ((window as GtagWindow).dataLayer ??= []).push(arguments);
}

async function counts(): Promise<string> {
  const read = await fake.durable.read();
  return read.status === 'ok'
    ? `${read.profile.pageviews}/${read.profile.orders}/${read.profile.totalSpent}`
    : 'nothing stored';
}

async function pageView(order?: string): Promise<string> {
  (window as GtagWindow).dataLayer = [];
  document.head.innerHTML = `<script type="application/json" id="p13n-config">${JSON.stringify({ segments: {}, slots: {} })}</script>`;
  const api = createController(window, null, () => undefined, 'test', { stores });
  await api.ready;
  api.track('purchase', order ? { value: 10, transaction_id: order } : { value: 10 });
  await api.refresh(); // flushes: the purchase is stored before the banner loads
  gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' });
  await vi.waitFor(() => expect(api.attributes()!.consent).toBe(false));
  gtag('consent', 'update', { ad_storage: 'granted', analytics_storage: 'granted' });
  await vi.waitFor(() => expect(api.attributes()!.consent).toBe(true));
  await api.refresh();
  return `${api.profile()!.pageviews}/${api.profile()!.orders}/${api.profile()!.totalSpent}`;
}

describe('a Consent Mode banner loaded after the script', () => {
  it('counts every page view, order and amount once, page after page', async () => {
    fake.durable = { ...memoryStore(), kind: 'indexeddb' };
    expect(await pageView()).toBe('1/1/10'); // without a transaction id: nothing else could tell a repeat
    expect(await counts()).toBe('1/1/10');
    expect(await pageView('order-2')).toBe('2/2/20');
    expect(await counts()).toBe('2/2/20');
  });
});
