/**
 * Visits across page loads, through boot with a store kept between loads (the visitor's IndexedDB)
 * and a clock the test moves: a visit ends after 30 minutes without a page view. Real IndexedDB
 * across reloads and tabs is in test/browser/core.test.ts; retention is applied by the IndexedDB
 * store itself when it reads, so it stays in test/browser/consent.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ProfileStore } from '../../../src/edge/storage/store.js';
import { durableStore, load } from './page-load.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-02T10:00:00Z');
const body = '<section data-p13n-slot="hero"><h1 class="default">Default hero</h1></section>';
const hero = '[data-p13n-slot="hero"]';

const stored = async (store: ProfileStore) => {
  const read = await store.read();
  return read.status === 'ok' ? read.profile : null;
};

describe('visits', () => {
  const config = {
    consent: 'implied',
    segments: { returning: 'visits >= 2', first: 'new_visitor' },
    slots: {
      hero: {
        rules: [
          {
            id: 'welcome-back',
            when: 'returning',
            content: { type: 'hero', heading: 'Welcome back: visit {{visits}}' },
          },
          { id: 'hello', when: 'first', content: { type: 'hero', heading: 'Hello, first-time visitor' } },
        ],
      },
    },
  };

  it('starts a new visit when the clock moves 31 minutes, and not after 29', async () => {
    const store = durableStore();
    await load({ config, body, store, now: T0 });
    expect(await stored(store)).toMatchObject({ pageviews: 1 });

    const second = await load({ config, body, store, now: T0 + 29 * MINUTE });
    expect(second.text(hero)).toBe('Hello, first-time visitor');
    expect(await stored(store)).toMatchObject({ pageviews: 2 });

    const third = await load({ config, body, store, now: T0 + 60 * MINUTE });
    expect(third.text(hero)).toBe('Welcome back: visit 2');
    expect(third.api.attributes()).toMatchObject({
      visits: 2,
      pageviews: 3,
      new_visitor: false,
      days_since_last_visit: 0,
    });
    expect([...second.warnings, ...third.warnings]).toEqual([]);
  });
});
