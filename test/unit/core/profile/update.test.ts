import { describe, expect, it } from 'vitest';
import type { TrafficSource } from '../../../../src/core/classify/types.js';
import { newProfile, VISIT_TIMEOUT_MS, type Profile } from '../../../../src/core/profile/model.js';
import { applyEvent, bump, MAX_KEYS, recordPageView, type PageView } from '../../../../src/core/profile/update.js';
import { toAttributes } from '../../../../src/core/attributes/from-profile.js';
import type { Facts } from '../../../../src/core/classify/types.js';

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const source = (name: string): TrafficSource => ({
  channel: 'Organic Search',
  source: name,
  medium: 'organic',
  campaign: null,
  content: null,
  term: null,
  referrerType: 'search',
  referrerHost: `www.${name}.com`,
});
const view = (overrides: Partial<PageView> = {}): PageView => ({
  source: null,
  loggedIn: null,
  customer: null,
  ...overrides,
});
const visitAt = (profile: Profile, t: number, v: PageView = view()) => recordPageView(profile, v, t);

describe('recordPageView()', () => {
  it('counts the first page view as the first visit', () => {
    const p = visitAt(newProfile('id', T0), T0);
    expect(p).toMatchObject({
      visits: 1,
      pageviews: 1,
      visitPageviews: 1,
      previousVisitEnd: null,
      firstSeen: T0,
      lastSeen: T0,
    });
  });

  it('keeps a visit going while page views come within 30 minutes of each other', () => {
    let p = visitAt(newProfile('id', T0), T0);
    p = visitAt(p, T0 + 29 * MINUTE);
    p = visitAt(p, T0 + 58 * MINUTE);
    expect(p).toMatchObject({ visits: 1, pageviews: 3, visitPageviews: 3 });
  });

  it('starts a new visit after 30 minutes without a page view', () => {
    let p = visitAt(newProfile('id', T0), T0);
    p = visitAt(p, T0 + VISIT_TIMEOUT_MS + 1);
    expect(p).toMatchObject({
      visits: 2,
      pageviews: 2,
      visitPageviews: 1,
      previousVisitEnd: T0,
      visitStart: T0 + VISIT_TIMEOUT_MS + 1,
    });
  });

  it('does not rewind lastSeen when a page view carries an older clock', () => {
    let p = visitAt(newProfile('id', T0), T0 + 10 * MINUTE);
    p = visitAt(p, T0);
    expect(p.lastSeen).toBe(T0 + 10 * MINUTE);
    expect(p.visits).toBe(1);
  });

  it('sets the visit source when the visit starts and keeps it through internal navigation', () => {
    let p = visitAt(newProfile('id', T0), T0, view({ source: source('google') }));
    p = visitAt(p, T0 + MINUTE, view({ source: null }));
    expect(p.source?.source).toBe('google');
  });

  it('does not let an external referrer in the middle of a visit replace its source (as GA4)', () => {
    let p = visitAt(newProfile('id', T0), T0, view({ source: source('google') }));
    p = visitAt(p, T0 + MINUTE, view({ source: source('bing') }));
    expect(p.source?.source).toBe('google');
  });

  it('keeps the first source forever while later visits change the visit source', () => {
    let p = visitAt(newProfile('id', T0), T0, view({ source: source('google') }));
    p = visitAt(p, T0 + DAY, view({ source: source('bing') }));
    expect(p.firstSource?.source).toBe('google');
    expect(p.source?.source).toBe('bing');
  });

  it('marks an abandoned cart when the last visit ended with items in the cart', () => {
    let p = visitAt(newProfile('id', T0), T0);
    p = applyEvent(p, { name: 'add_to_cart', value: 40 }, T0);
    expect(p.abandonedCart).toBe(false);
    p = visitAt(p, T0 + 2 * DAY);
    expect(p.abandonedCart).toBe(true);
    p = applyEvent(p, { name: 'purchase', value: 40, transactionId: 'a' }, T0 + 2 * DAY);
    expect(p.abandonedCart).toBe(false);
  });

  it('lets the server’s customer facts win over counted orders', () => {
    let p = visitAt(newProfile('id', T0), T0);
    p = applyEvent(p, { name: 'purchase', value: 10 }, T0);
    p = visitAt(p, T0 + MINUTE, view({ customer: { orders: 5, totalSpent: 640.5 } }));
    expect(p).toMatchObject({ orders: 5, totalSpent: 640.5 });
  });
});

describe('applyEvent()', () => {
  const start = () => visitAt(newProfile('id', T0), T0);

  it('adds to and removes from the cart, never below zero', () => {
    let p = applyEvent(start(), { name: 'add_to_cart', value: 19.99, quantity: 2 }, T0);
    p = applyEvent(p, { name: 'add_to_cart', value: 5.01 }, T0);
    expect(p).toMatchObject({ cartValue: 25, cartItems: 3 });
    p = applyEvent(p, { name: 'remove_from_cart', value: 100, quantity: 1 }, T0);
    expect(p).toMatchObject({ cartValue: 0, cartItems: 2 });
  });

  it('counts a purchase once per transaction_id and empties the cart', () => {
    let p = applyEvent(start(), { name: 'add_to_cart', value: 120 }, T0);
    p = applyEvent(p, { name: 'purchase', value: 120, transactionId: 'T-1' }, T0 + MINUTE);
    p = applyEvent(p, { name: 'purchase', value: 120, transactionId: 'T-1' }, T0 + 2 * MINUTE);
    expect(p).toMatchObject({ orders: 1, totalSpent: 120, cartValue: 0, cartItems: 0, lastOrderAt: T0 + MINUTE });
  });

  it('counts purchases without a transaction_id every time', () => {
    let p = applyEvent(start(), { name: 'purchase', value: 10 }, T0);
    p = applyEvent(p, { name: 'purchase', value: 15 }, T0);
    expect(p).toMatchObject({ orders: 2, totalSpent: 25 });
  });

  it('ignores negative and non-finite values', () => {
    const p = applyEvent(start(), { name: 'purchase', value: Number.NaN }, T0);
    expect(p.totalSpent).toBe(0);
    expect(applyEvent(start(), { name: 'add_to_cart', value: -50 }, T0).cartValue).toBe(0);
  });

  it('counts product views per interest key', () => {
    let p = applyEvent(start(), { name: 'view_item', interest: 'running' }, T0);
    p = applyEvent(p, { name: 'view_item', interest: 'running' }, T0);
    p = applyEvent(p, { name: 'view_item', interest: 'yoga' }, T0);
    expect(p.interest).toEqual({ running: 2, yoga: 1 });
  });

  it('follows login and logout', () => {
    const p = applyEvent(start(), { name: 'login' }, T0);
    expect(p.loggedIn).toBe(true);
    expect(applyEvent(p, { name: 'logout' }, T0).loggedIn).toBe(false);
  });

  it('counts custom events by name', () => {
    const p = applyEvent(applyEvent(start(), { name: 'newsletter_signup' }, T0), { name: 'newsletter_signup' }, T0);
    expect(p.events).toEqual({ newsletter_signup: 2 });
  });

  it('never mutates the profile it is given', () => {
    const before = start();
    const frozen = JSON.stringify(before);
    applyEvent(before, { name: 'add_to_cart', value: 1 }, T0);
    recordPageView(before, view(), T0 + DAY);
    expect(JSON.stringify(before)).toBe(frozen);
  });
});

describe('bump()', () => {
  it(`keeps at most ${MAX_KEYS} keys, dropping the least counted`, () => {
    let counts: Record<string, number> = { keep: 5 };
    for (let i = 0; i < MAX_KEYS + 10; i++) counts = bump(counts, `k${i}`);
    expect(Object.keys(counts)).toHaveLength(MAX_KEYS);
    expect(counts.keep).toBe(5);
  });

  it('stores a key named __proto__ as data', () => {
    const counts = bump({}, '__proto__');
    expect(Object.getPrototypeOf(counts)).toBe(Object.prototype);
    expect(Object.keys(counts)).toEqual(['__proto__']);
  });
});

describe('toAttributes()', () => {
  const facts: Facts = {
    source: null,
    device: { device: 'mobile', bot: false, os: 'ios', browser: 'safari' },
    location: { country: 'NO', timezone: 'Europe/Oslo', language: 'nb', hemisphere: 'north' },
    time: { hour: 9, weekday: 1, month: 11, day: '2026-11-02' },
    path: '/',
    pageType: 'home',
    loggedIn: null,
  };
  const at = (profile: Profile, now: number, extra: { tags?: string[] | null; loggedIn?: boolean | null } = {}) =>
    toAttributes({
      profile,
      facts: { ...facts, loggedIn: extra.loggedIn ?? null },
      tags: extra.tags ?? null,
      consent: true,
      now,
    });

  it('reports a first visit as new with no days since the last visit', () => {
    const attrs = at(visitAt(newProfile('id', T0), T0), T0);
    expect(attrs).toMatchObject({
      visits: 1,
      new_visitor: true,
      days_since_last_visit: null,
      logged_in: false,
      device: 'mobile',
    });
  });

  it('counts whole days since the previous visit', () => {
    let p = visitAt(newProfile('id', T0), T0);
    p = visitAt(p, T0 + 31 * DAY + 5 * 60 * MINUTE);
    expect(at(p, T0 + 31 * DAY + 5 * 60 * MINUTE)).toMatchObject({
      visits: 2,
      new_visitor: false,
      days_since_last_visit: 31,
    });
  });

  it('derives the average order value and days since the last order', () => {
    let p = visitAt(newProfile('id', T0), T0);
    p = applyEvent(p, { name: 'purchase', value: 100 }, T0);
    p = applyEvent(p, { name: 'purchase', value: 50 }, T0);
    expect(at(p, T0 + 8 * DAY)).toMatchObject({
      orders: 2,
      total_spent: 150,
      average_order_value: 75,
      days_since_last_order: 8,
    });
    expect(at(visitAt(newProfile('id', T0), T0), T0)).toMatchObject({
      average_order_value: null,
      days_since_last_order: null,
    });
  });

  it('prefers the page’s login signal over the stored one', () => {
    const p = applyEvent(visitAt(newProfile('id', T0), T0), { name: 'login' }, T0);
    expect(at(p, T0).logged_in).toBe(true);
    expect(at(p, T0, { loggedIn: false }).logged_in).toBe(false);
  });
});
