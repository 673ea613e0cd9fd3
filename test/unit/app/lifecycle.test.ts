/**
 * The page's life beyond its load, through boot on its injected seams (a clock, stores; no module
 * replaced): a prerendered page counts nothing until it is shown, and then counts at that time; a page
 * back from the back/forward cache counts one page view and decides from the profile as it is now; a
 * page never writes a profile another page erased, even when no message told it.
 *
 * Every test has its own slot and stores: the controllers of earlier tests still listen to this window.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createController } from '../../../src/app/boot.js';
import { ERASED_KEY } from '../../../src/edge/storage/erase-signal.js';
import { SNAPSHOT_KEY, writeSnapshot } from '../../../src/edge/storage/snapshot.js';
import { memoryStore, type ProfileStore } from '../../../src/edge/storage/store.js';
import { fakeStores } from './fake-stores.js';

let t = Date.parse('2026-11-02T10:00:00Z');
const now = () => t;

afterEach(() => {
  delete (document as { prerendering?: boolean }).prerendering;
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  localStorage.clear();
});

function durableStore(): ProfileStore {
  return { ...memoryStore(), kind: 'indexeddb' };
}

/**
 * A page with one slot: thanks a buyer, welcomes everyone else. The slot is added once the script
 * runs, as the parser adds it after a script in <head> (one already there would count as shown).
 */
function page(slot: string): () => HTMLElement {
  const config = {
    consent: 'implied',
    segments: { buyer: 'orders >= 1' },
    slots: {
      [slot]: {
        rules: [
          { id: 'thanks', when: 'buyer', content: { type: 'html', html: '<p>Thanks for your order</p>' } },
          { id: 'welcome', content: { type: 'html', html: '<p>Welcome</p>' } },
        ],
      },
    },
  };
  document.head.innerHTML = `<script type="application/json" id="p13n-config">${JSON.stringify(config)}</script>`;
  return () => {
    document.body.innerHTML = `<div data-p13n-slot="${slot}">Default</div>`;
    return document.querySelector(`[data-p13n-slot="${slot}"]`)!;
  };
}

const stored = async (store: ProfileStore) => {
  const read = await store.read();
  return read.status === 'ok' ? read.profile : null;
};

function pageTransition(type: 'pagehide' | 'pageshow'): void {
  const event = new Event(type);
  Object.defineProperty(event, 'persisted', { value: true });
  window.dispatchEvent(event);
}

describe('a prerendered page', () => {
  it('writes nothing until it is shown, then counts one page view at the time it is shown', async () => {
    let prerendering = true;
    Object.defineProperty(document, 'prerendering', { configurable: true, get: () => prerendering });
    const durable = durableStore();
    const parse = page('prerendered');
    const api = createController(window, null, () => undefined, 'test', { now, stores: fakeStores(() => durable) });
    const slot = parse();
    await api.ready;
    await api.refresh();
    expect(slot.textContent, 'decided and rendered').toBe('Welcome');
    expect(await stored(durable), 'nothing written').toBeNull();
    expect(localStorage.getItem(SNAPSHOT_KEY)).toBeNull();

    t += 5 * 60_000; // shown five minutes later
    prerendering = false;
    document.dispatchEvent(new Event('prerenderingchange'));
    await api.refresh();
    expect(await stored(durable)).toMatchObject({ pageviews: 1, visits: 1, lastSeen: t });
    expect(api.profile()).toMatchObject({ pageviews: 1, lastSeen: t });
  });
});

describe('a page back from the back/forward cache', () => {
  it('counts one page view and decides again from the snapshot another page left, before it is shown', async () => {
    const durable = durableStore();
    const parse = page('restored');
    const api = createController(window, null, () => undefined, 'test', { now, stores: fakeStores(() => durable) });
    const slot = parse();
    await api.ready;
    await api.refresh();
    expect(slot.textContent).toBe('Welcome');

    pageTransition('pagehide');
    expect(slot.style.getPropertyValue('visibility'), 'hidden as it leaves').toBe('hidden');
    // The next page counted a page view and a purchase, in IndexedDB and the snapshot.
    t += 60_000;
    const after = await durable.update((p) => ({ ...p!, pageviews: 2, orders: 1, totalSpent: 30, lastSeen: t }));
    writeSnapshot(window, after);

    t += 60_000;
    pageTransition('pageshow');
    expect(slot.textContent, 'decided again in the pageshow handler').toBe('Thanks for your order');
    expect(slot.style.getPropertyValue('visibility'), 'shown again').toBe('');
    expect(api.attributes()).toMatchObject({ orders: 1, pageviews: 3 });
    await api.refresh();
    expect(await stored(durable)).toMatchObject({ pageviews: 3, orders: 1, lastSeen: t });
  });
});

describe('a page whose profile another page erased', () => {
  it('never writes it back, even when no message told it, and goes on as a new visitor', async () => {
    const durable = durableStore();
    const parse = page('erased');
    const api = createController(window, null, () => undefined, 'test', { now, stores: fakeStores(() => durable) });
    parse();
    await api.ready;
    await api.refresh();
    const old = api.profile()!.id;
    expect(await stored(durable)).toMatchObject({ id: old });

    // Another tab erased: the store is empty and the marker moved; no BroadcastChannel message, no
    // storage event reached this page (a browser without either, or a message still on its way).
    await durable.clear();
    localStorage.removeItem(SNAPSHOT_KEY);
    localStorage.setItem(ERASED_KEY, '1:forget:elsewhere');
    api.track('add_to_cart', { value: 20 });
    await api.refresh();
    expect((await stored(durable))?.id ?? null, 'the old visitor is not written back').not.toBe(old);
    expect(api.profile()!.id).not.toBe(old);

    t += 10_000; // not the same event again (track() drops a repeat within two seconds)
    api.track('add_to_cart', { value: 20 });
    await api.refresh();
    const record = await stored(durable);
    expect(record).toMatchObject({ id: api.profile()!.id, cartValue: 20 });
    expect(JSON.parse(localStorage.getItem(SNAPSHOT_KEY)!).id).toBe(api.profile()!.id);
  });
});
