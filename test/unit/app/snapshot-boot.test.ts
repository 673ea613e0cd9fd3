/**
 * Deciding a repeat visit without waiting for IndexedDB (a busy phone's IndexedDB can take seconds),
 * through boot with fake stores: the read never answers (or answers late), the slot is decided from the
 * snapshot, never re-rendered when the stored record arrives, and the page view is still written.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newProfile, type Profile } from '../../../src/core/profile/model.js';
import { createController } from '../../../src/app/boot.js';
import { memoryStore, type ProfileStore, type ReadResult } from '../../../src/edge/storage/store.js';
import { fakeStores } from './fake-stores.js';
import { SNAPSHOT_KEY, writeSnapshot } from '../../../src/edge/storage/snapshot.js';

const fake = { durable: null as unknown as ProfileStore };
// The read never answers: IndexedDB of a busy phone, or one that hangs.
const stores = fakeStores(
  () => fake.durable,
  () => new Promise<ReadResult>(() => undefined),
);

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  localStorage.clear();
});

const NOW = Date.now();

function page(consent: 'implied' | 'required'): void {
  const config = {
    consent,
    segments: { returning: 'visits >= 2' },
    slots: {
      hero: {
        rules: [
          { id: 'welcome-back', when: 'returning', content: { type: 'html', html: '<p>Welcome back</p>' } },
          { id: 'first', content: { type: 'html', html: '<p>Hello</p>' } },
        ],
      },
    },
  };
  document.head.innerHTML = `<script type="application/json" id="p13n-config">${JSON.stringify(config)}</script>`;
}

/** The parser adds the slot after the script has run; returns every content the slot showed, in order. */
function addSlot(): string[] {
  const seen: string[] = [];
  new MutationObserver(() => {
    const text = document.querySelector('[data-p13n-slot="hero"]')?.textContent;
    if (text !== undefined && text !== null && seen.at(-1) !== text) seen.push(text);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
  document.body.innerHTML = '<div data-p13n-slot="hero">Default</div>';
  return seen;
}
const swaps = (seen: readonly string[]) => seen.filter((text) => text !== 'Default');
const slotText = () => document.querySelector('[data-p13n-slot="hero"]')?.textContent;

const earlier = (overrides: Partial<Profile> = {}): Profile => ({
  ...newProfile('visitor-1', NOW - 3 * 86_400_000),
  visits: 2,
  pageviews: 5,
  lastSeen: NOW - 86_400_000,
  previousVisitEnd: NOW - 2 * 86_400_000,
  ...overrides,
});

describe('a repeat visit with a snapshot', () => {
  it('is decided from the snapshot while IndexedDB does not answer, and written once it does', async () => {
    const stored = earlier();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const store = memoryStore(stored);
    fake.durable = { ...store, kind: 'indexeddb', update: (change) => answered.then(() => store.update(change)) };
    writeSnapshot(window, stored);
    page('implied');
    const warnings: string[] = [];
    const api = createController(window, null, (_cause, message) => warnings.push(message), 'test', { stores });
    const seen = addSlot();
    await api.ready;
    expect(api.decisions()[0]).toMatchObject({ rule: 'welcome-back' });
    expect(api.attributes()).toMatchObject({ visits: 3, pageviews: 6 });
    await vi.waitFor(() => expect(slotText()).toBe('Welcome back'));
    answer();
    await vi.waitFor(async () => {
      const read = await store.read();
      expect(read.status === 'ok' && read.profile.pageviews).toBe(6);
    });
    expect(warnings).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(swaps(seen)).toEqual(['Welcome back']);
    // The snapshot follows what IndexedDB holds now.
    expect(JSON.parse(localStorage.getItem(SNAPSHOT_KEY)!)).toMatchObject({ pageviews: 6, visits: 3 });
  });

  it('never re-renders the slot when the stored record turns out different', async () => {
    // Another tab wrote since the snapshot: IndexedDB knows more than it.
    const store = memoryStore(earlier({ pageviews: 40, cartValue: 80, cartItems: 2 }));
    fake.durable = { ...store, kind: 'indexeddb' };
    writeSnapshot(window, earlier());
    page('implied');
    const api = createController(window, null, () => undefined, 'test', { stores });
    const seen = addSlot();
    await api.ready;
    await vi.waitFor(() => expect(api.attributes()).toMatchObject({ pageviews: 41, cart_value: 80 }));
    expect(api.profile()).toMatchObject({ pageviews: 41, cartValue: 80 });
    await vi.waitFor(() => expect(slotText()).toBe('Welcome back'));
    // Let a late render, if any, reach the observer.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(swaps(seen)).toEqual(['Welcome back']);
  });

  it('is read but never written while consent is pending, and erased on refusal', async () => {
    fake.durable = { ...memoryStore(earlier()), kind: 'indexeddb' };
    writeSnapshot(window, earlier());
    const before = localStorage.getItem(SNAPSHOT_KEY);
    page('required');
    const api = createController(window, null, () => undefined, 'test', { stores });
    await api.ready;
    expect(api.decisions()[0]).toMatchObject({ rule: 'welcome-back' });
    api.track('add_to_cart', { value: 10 });
    await api.refresh();
    expect(localStorage.getItem(SNAPSHOT_KEY)).toBe(before);
    await api.consent(false);
    expect(localStorage.getItem(SNAPSHOT_KEY)).toBeNull();
  });

  it('is erased by forget()', async () => {
    fake.durable = { ...memoryStore(earlier()), kind: 'indexeddb' };
    writeSnapshot(window, earlier());
    page('implied');
    const api = createController(window, null, () => undefined, 'test', { stores });
    await api.ready;
    await api.forget();
    expect(localStorage.getItem(SNAPSHOT_KEY)).toBeNull();
  });
});
