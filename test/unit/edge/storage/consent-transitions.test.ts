/**
 * Consent changing on one page must never count a change twice: a banner loaded
 * from Google Tag Manager after the script sets a `denied` default, then updates to `granted`. Each
 * transition drives the session the way boot's applyConsent does, against exact stored counts.
 */
import { describe, expect, it } from 'vitest';
import { newProfile, type Profile } from '../../../../src/core/profile/model.js';
import { applyEvent, recordPageView } from '../../../../src/core/profile/update.js';
import { createProfileSession, MAX_CHANGES, type ProfileSession } from '../../../../src/edge/storage/session.js';
import { memoryStore, type ProfileStore } from '../../../../src/edge/storage/store.js';

const T0 = Date.UTC(2026, 10, 1, 12);
const HOUR = 60 * 60 * 1000;
const options = { now: () => T0, warn: () => undefined };

/** IndexedDB as the session sees it: a store of record that outlives the page. */
const durableStore = (): ProfileStore => ({ ...memoryStore(), kind: 'indexeddb' });

type State = 'granted' | 'pending' | 'refused';

/** One page view as boot runs it: read, record the page view, buy for 10, write. */
async function openPage(
  durable: ProfileStore,
  state: State,
  t: number,
): Promise<{ session: ProfileSession; consent: (next: State) => Promise<void> }> {
  const read = state === 'refused' ? { status: 'empty' as const } : await durable.read();
  const initial = read.status === 'ok' ? read.profile : newProfile('visitor', t);
  const session = createProfileSession(state === 'granted' ? durable : memoryStore(), initial, options);
  let current = state;
  session.change((p) => recordPageView(p, { source: null, loggedIn: null, customer: null }, t));
  session.change((p) => applyEvent(p, { name: 'purchase', value: 10, transactionId: `order-${t}` }, t));
  await session.flush();
  const consent = async (next: State) => {
    if (next === current) return;
    current = next;
    if (next === 'refused') await durable.clear();
    session.useStore(next === 'granted' ? durable : memoryStore(), { replay: next === 'granted' });
    if (next === 'refused') session.storeErased();
    await session.flush();
  };
  return { session, consent };
}

async function counts(store: ProfileStore): Promise<string> {
  const read = await store.read();
  return read.status === 'ok'
    ? `${read.profile.pageviews}/${read.profile.orders}/${read.profile.totalSpent}`
    : 'nothing stored';
}
const shown = (session: ProfileSession) =>
  `${session.current().pageviews}/${session.current().orders}/${session.current().totalSpent}`;

describe('consent transitions on one page', () => {
  it('granted → pending → granted stores the page once', async () => {
    const durable = durableStore();
    const page = await openPage(durable, 'granted', T0);
    expect(await counts(durable)).toBe('1/1/10');
    await page.consent('pending');
    expect(await counts(durable)).toBe('1/1/10');
    await page.consent('granted');
    expect(await counts(durable)).toBe('1/1/10');
    expect(shown(page.session)).toBe('1/1/10');
  });

  it('granted → refused → granted erases, then stores this page once', async () => {
    const durable = durableStore();
    await durable.update(() => ({ ...newProfile('visitor', T0 - 48 * HOUR), visits: 1, pageviews: 5 }));
    const page = await openPage(durable, 'granted', T0);
    expect(await counts(durable)).toBe('6/1/10');
    await page.consent('refused');
    expect(await counts(durable)).toBe('nothing stored');
    await page.consent('granted');
    // The refusal erased the earlier visits; this page's own changes are stored again, once.
    expect(await counts(durable)).toBe('1/1/10');
    expect(shown(page.session)).toBe('1/1/10');
  });

  it('pending → granted, twice, stores the page once', async () => {
    const durable = durableStore();
    const page = await openPage(durable, 'pending', T0);
    expect(await counts(durable)).toBe('nothing stored');
    await page.consent('granted');
    expect(await counts(durable)).toBe('1/1/10');
    await page.consent('pending');
    await page.consent('granted');
    expect(await counts(durable)).toBe('1/1/10');
    expect(shown(page.session)).toBe('1/1/10');
  });

  it('granted → granted changes nothing', async () => {
    const durable = durableStore();
    const page = await openPage(durable, 'granted', T0);
    await page.consent('granted');
    // Also when the same store is handed over again (two signals for one choice).
    page.session.useStore(durable, { replay: true });
    await page.session.flush();
    expect(await counts(durable)).toBe('1/1/10');
  });

  it('a pending page adds its changes to what an earlier consent stored, once', async () => {
    const durable = durableStore();
    await (await openPage(durable, 'granted', T0)).session.flush();
    const page = await openPage(durable, 'pending', T0 + HOUR);
    expect(shown(page.session)).toBe('2/2/20');
    expect(await counts(durable)).toBe('1/1/10');
    await page.consent('granted');
    expect(await counts(durable)).toBe('2/2/20');
  });

  it('a replay queued while a write is under way does not write that write again', async () => {
    const durable = durableStore();
    const page = await openPage(durable, 'granted', T0);
    page.session.change((p) => applyEvent(p, { name: 'purchase', value: 5 }, T0));
    const writing = page.session.flush();
    page.session.useStore(memoryStore(), { replay: false });
    page.session.useStore(durable, { replay: true });
    await Promise.all([writing, page.session.flush()]);
    expect(await counts(durable)).toBe('1/2/15');
  });

  it('the GTM sequence (default denied, then update granted) keeps 1/1/10, and the next page makes it 2/…', async () => {
    const durable = durableStore();
    // Page 1: no Consent Mode default when the script starts (GTM loads after it): granted.
    const first = await openPage(durable, 'granted', T0);
    await first.consent('pending'); // gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' })
    await first.consent('granted'); // gtag('consent', 'update', { ad_storage: 'granted', analytics_storage: 'granted' })
    expect(await counts(durable)).toBe('1/1/10');
    // Page 2, same sequence, with a second purchase.
    const second = await openPage(durable, 'granted', T0 + 5 * 60 * 1000);
    await second.consent('pending');
    await second.consent('granted');
    expect(await counts(durable)).toBe('2/2/20');
    expect(shown(second.session)).toBe('2/2/20');
  });

  it('switching to memory keeps what the page knew (no blank visitor)', async () => {
    const durable = durableStore();
    const page = await openPage(durable, 'granted', T0);
    await page.consent('pending');
    page.session.change((p) => applyEvent(p, { name: 'add_to_cart', value: 30 }, T0));
    await page.session.flush();
    expect(page.session.current()).toMatchObject({ pageviews: 1, orders: 1, cartValue: 30 });
  });
});

describe('memory of one page', () => {
  it('keeps a bounded backlog through 20,000 track() events, and stores each once', async () => {
    const durable = durableStore();
    const page = await openPage(durable, 'pending', T0);
    for (let i = 0; i < 20_000; i++)
      page.session.change((p: Profile) => applyEvent(p, { name: 'newsletter_open' }, T0));
    await page.session.flush();
    const backlog = page.session.backlog();
    expect(backlog.pending).toBe(0);
    expect(backlog.unsynced).toBeLessThanOrEqual(MAX_CHANGES);
    expect(backlog.history).toBeLessThanOrEqual(MAX_CHANGES);
    await page.consent('granted');
    const read = await durable.read();
    // Past the bound the oldest events go, but never the page view nor the purchase that came first.
    expect(
      read.status === 'ok' && {
        pageviews: read.profile.pageviews,
        orders: read.profile.orders,
        events: read.profile.events.newsletter_open,
      },
    ).toEqual({ pageviews: 1, orders: 1, events: MAX_CHANGES - 2 });
    expect(page.session.current().events.newsletter_open).toBe(MAX_CHANGES - 2);
    expect(page.session.backlog().unsynced).toBe(0);
    // Granted throughout: each flush writes and lets go.
    const granted = await openPage(durableStore(), 'granted', T0);
    for (let i = 0; i < 20_000; i++) {
      granted.session.change((p: Profile) => applyEvent(p, { name: 'newsletter_open' }, T0));
      if (i % 1000 === 0) await granted.session.flush();
    }
    await granted.session.flush();
    expect(granted.session.backlog()).toMatchObject({ pending: 0, unsynced: 0 });
    expect(granted.session.backlog().history).toBeLessThanOrEqual(MAX_CHANGES);
    expect(granted.session.current().events.newsletter_open).toBe(20_000);
  });
});
