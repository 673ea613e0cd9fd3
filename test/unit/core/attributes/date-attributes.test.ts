// @vitest-environment node
/** The date attributes and Shopify's customer names (README "Attributes"), as expressions read them. */
import { describe, expect, it } from 'vitest';
import { customerAttributes } from '../../../../src/core/attributes/customer.js';
import { toAttributes } from '../../../../src/core/attributes/from-profile.js';
import { localTime } from '../../../../src/core/classify/time.js';
import type { Facts } from '../../../../src/core/classify/types.js';
import { newProfile, type Profile } from '../../../../src/core/profile/model.js';
import { compileSegments } from '../../../../src/core/segments/index.js';

const DAY = 86_400_000;
// 1 December 2026, 23:30 UTC: already 2 December in Oslo, still 1 December in New York.
const NOW = Date.UTC(2026, 11, 1, 23, 30);

function attributes(
  options: { profile?: Partial<Profile>; zone?: string; storeZone?: string; customer?: unknown } = {},
) {
  const zone = options.zone ?? 'America/New_York';
  const facts: Facts = {
    source: null,
    device: { device: 'desktop', bot: false, os: null, browser: null },
    location: { country: null, timezone: zone, language: null, hemisphere: null },
    time: localTime(NOW, zone),
    path: '/',
    pageType: 'home',
    loggedIn: null,
  };
  const profile = { ...newProfile('x', NOW - 40 * DAY), ...options.profile };
  return toAttributes({
    profile,
    facts,
    tags: null,
    consent: true,
    now: NOW,
    timezone: options.storeZone,
    customer: customerAttributes(options.customer),
  });
}

describe('date attributes', () => {
  it("count whole days in the store's time zone, else the visitor's", () => {
    expect(attributes().date).toBe('2026-12-01');
    expect(attributes({ storeZone: 'Europe/Oslo' }).date).toBe('2026-12-02');
    expect(attributes({ zone: 'Europe/Oslo' }).date).toBe('2026-12-02');
  });

  it('give the first and the previous visit', () => {
    const attrs = attributes({ profile: { previousVisitEnd: NOW - 3 * DAY } });
    expect(attrs.first_visit_date).toBe('2026-10-22');
    expect(attrs.last_visit_date).toBe('2026-11-28');
    expect(attributes().last_visit_date).toBeNull();
  });

  it('keep the day the server printed for last_order_date, in any zone', () => {
    const customer = { last_order_at: '2026-11-15' };
    expect(attributes({ customer, profile: { lastOrderAt: Date.parse('2026-11-15') } }).last_order_date).toBe(
      '2026-11-15',
    );
    expect(
      attributes({ customer: { last_order_at: '2026-11-15T23:30:00-05:00' }, storeZone: 'Europe/Oslo' })
        .last_order_date,
    ).toBe('2026-11-16');
  });

  it('take a purchase counted after the page was printed', () => {
    const attrs = attributes({
      customer: { last_order_at: '2026-10-01' },
      profile: { lastOrderAt: NOW - DAY, orders: 2 },
    });
    expect(attrs.last_order_date).toBe('2026-11-30');
  });

  it('derive first_order_date from the server, or from a single counted order', () => {
    expect(attributes({ customer: { first_order_at: '2025-03-02' } }).first_order_date).toBe('2025-03-02');
    expect(attributes({ profile: { orders: 1, lastOrderAt: NOW - 2 * DAY } }).first_order_date).toBe('2026-11-29');
    expect(attributes({ profile: { orders: 3, lastOrderAt: NOW - 2 * DAY } }).first_order_date).toBeNull();
  });
});

describe("Shopify's customer names", () => {
  it('spell email_subscription_status as Shopify does', () => {
    expect(attributes({ customer: { accepts_marketing: true } }).email_subscription_status).toBe('SUBSCRIBED');
    expect(attributes({ customer: { accepts_marketing: false } }).email_subscription_status).toBe('NOT_SUBSCRIBED');
    expect(attributes({ customer: {} }).email_subscription_status).toBeNull();
    expect(attributes().email_subscription_status).toBeNull();
  });

  it('read customer_countries from a list or from the addresses', () => {
    expect(attributes({ customer: { countries: ['no', 'SE', 'NO', 'x'] } }).customer_countries).toEqual(['NO', 'SE']);
    expect(
      attributes({ customer: { addresses: [{ country_code: 'US' }, null, { country_code: 'CA' }] } })
        .customer_countries,
    ).toEqual(['US', 'CA']);
    expect(attributes().customer_countries).toBeNull();
  });

  it("make a query pasted from Shopify's segment editor match", () => {
    const set = compileSegments({});
    const query = set.compile(
      "number_of_orders >= 3 AND amount_spent > 200 AND customer_tags CONTAINS 'vip' AND last_order_date > -30d",
    );
    const attrs = {
      ...attributes({
        customer: { last_order_at: '2026-11-15' },
        profile: { orders: 4, totalSpent: 250, lastOrderAt: Date.parse('2026-11-15') },
      }),
      tags: ['VIP'],
    };
    expect(query(set.evaluation(attrs))).toBe(true);
    expect(query(set.evaluation({ ...attrs, last_order_date: '2026-10-31' }))).toBe(false); // 31 days before 1 December
  });
});
