import { describe, expect, it, vi } from 'vitest';
import { newProfile, type Profile } from '../../../../src/core/profile/model.js';
import { createProfileSession } from '../../../../src/edge/storage/session.js';
import { memoryStore, StorageError, type ProfileStore } from '../../../../src/edge/storage/store.js';
import { recordPageView } from '../../../../src/core/profile/update.js';

const T0 = Date.UTC(2026, 10, 1);
const pageView = (t: number) => (p: Profile) => recordPageView(p, { source: null, loggedIn: null, customer: null }, t);
const options = { now: () => T0, warn: () => undefined };

describe('createProfileSession()', () => {
  it('loses no page view when two tabs write the same store', async () => {
    const store = memoryStore();
    // Both tabs read "nothing stored" before either writes, as two tabs opened at once do.
    const tabA = createProfileSession(store, newProfile('a', T0), options);
    const tabB = createProfileSession(store, newProfile('a', T0), options);
    tabA.change(pageView(T0));
    tabB.change(pageView(T0 + 1000));
    expect(tabA.current().pageviews).toBe(1);
    await Promise.all([tabA.flush(), tabB.flush()]);
    const stored = await store.read();
    expect(stored.status === 'ok' && stored.profile.pageviews).toBe(2);
    expect(tabB.current().pageviews).toBe(2);
  });

  it('writes all pending changes in one transaction', async () => {
    const store = memoryStore();
    const update = vi.spyOn(store, 'update');
    const session = createProfileSession(store, newProfile('a', T0), options);
    session.change(pageView(T0));
    session.change(pageView(T0 + 1));
    await session.flush();
    expect(update).toHaveBeenCalledTimes(1);
  });

  it('keeps working in memory and reports once when a write fails', async () => {
    const failing: ProfileStore = { ...memoryStore(), update: () => Promise.reject(new StorageError('quota', 'full')) };
    const warn = vi.fn();
    const session = createProfileSession(failing, newProfile('a', T0), { now: () => T0, warn });
    session.change(pageView(T0));
    await session.flush();
    expect(session.current().pageviews).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('keeps a batch whose write hit the quota, and stores it with the next write that succeeds', async () => {
    const store = memoryStore();
    let full = true;
    const flaky: ProfileStore = {
      ...store,
      update: (fn) => (full ? Promise.reject(new StorageError('quota', 'full')) : store.update(fn)),
    };
    const session = createProfileSession(flaky, newProfile('a', T0), options);
    session.change(pageView(T0));
    await session.flush();
    full = false;
    session.change(pageView(T0 + 60 * 60 * 1000));
    await session.flush();
    const stored = await store.read();
    expect(stored.status === 'ok' && stored.profile.pageviews).toBe(2);
    expect(stored.status === 'ok' && stored.profile.visits).toBe(2);
  });

  it('replays this page’s changes into a newly consented store', async () => {
    const session = createProfileSession(memoryStore(), newProfile('a', T0), options);
    session.change(pageView(T0));
    await session.flush();
    const consented: ProfileStore = { ...memoryStore(), kind: 'indexeddb' };
    session.useStore(consented, { replay: true });
    await session.flush();
    const stored = await consented.read();
    expect(stored.status === 'ok' && stored.profile.pageviews).toBe(1);
  });
});
