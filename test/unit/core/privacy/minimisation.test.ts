// @vitest-environment node
/**
 * What the profile keeps about a visit: no names, email addresses, query strings (other than UTM
 * values, capped), full referrer URLs or anything from the server about who the customer is.
 */
import { describe, expect, it } from 'vitest';
import { classifySource } from '../../../../src/core/classify/source.js';
import { newProfile } from '../../../../src/core/profile/model.js';
import { recordPageView } from '../../../../src/core/profile/update.js';
import { redactPersonalData, REDACTED } from '../../../../src/core/privacy/redact.js';
import { DEFAULT_RETENTION_DAYS, isExpired, retentionMs } from '../../../../src/core/privacy/retention.js';

const T0 = Date.UTC(2026, 10, 1);
const DAY = 24 * 60 * 60 * 1000;

describe('redactPersonalData()', () => {
  it.each([
    ['jane.doe+news@example.com', REDACTED],
    ['winter-sale_jane@example.co.uk', REDACTED],
    ['for jane%40example.com only', `for ${REDACTED} only`],
    ['jane@exam', REDACTED],
    ['winter-sale', 'winter-sale'],
  ])('%s → %s', (value, expected) => {
    expect(redactPersonalData(value)).toBe(expected);
  });

  it('is fast on a hostile value', () => {
    const started = performance.now();
    redactPersonalData(`${'a'.repeat(8000)}@`);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('the profile of a visit', () => {
  const url =
    'https://shop.example/products/x?utm_source=newsletter&utm_medium=email&utm_campaign=winter&utm_content=jane.doe%40example.com' +
    `&utm_term=${'t'.repeat(500)}&email=jane.doe%40example.com&name=Jane+Doe&phone=4791234567&token=s3cret#name=Jane`;
  const referrer = 'https://webmail.provider.test/inbox/read?user=jane.doe@example.com&name=Jane%20Doe';
  const source = classifySource({ url, referrer, internalHosts: [] })!;
  const customer = { orders: 3, totalSpent: 250, lastOrderAt: T0 };
  const profile = recordPageView(newProfile('abc', T0), { source, loggedIn: true, customer }, T0);
  const stored = JSON.stringify(profile);

  it('keeps no email address, name, phone number, token or path', () => {
    for (const secret of ['jane', 'Jane', 'example.com', '4791234567', 's3cret', '/inbox', '/products'])
      expect(stored).not.toContain(secret);
  });

  it('keeps UTM values, capped, and only the referrer host', () => {
    expect(profile.source).toMatchObject({
      source: 'newsletter',
      medium: 'email',
      campaign: 'winter',
      content: REDACTED,
      referrerHost: 'webmail.provider.test',
    });
    expect(profile.source!.term).toHaveLength(100);
  });

  it('keeps only these fields', () => {
    expect(Object.keys(profile.source!).sort()).toEqual([
      'campaign',
      'channel',
      'content',
      'medium',
      'referrerHost',
      'referrerType',
      'source',
      'term',
    ]);
    expect(Object.keys(profile).sort()).toEqual([
      'abandonedCart',
      'assignments',
      'cartItems',
      'cartValue',
      'events',
      'firstSeen',
      'firstSource',
      'id',
      'interest',
      'lastOrderAt',
      'lastSeen',
      'lastViewAt',
      'loggedIn',
      'orders',
      'pageviews',
      'previousVisitEnd',
      'source',
      'totalSpent',
      'transactions',
      'version',
      'visitPageviews',
      'visitStart',
      'visits',
    ]);
  });
});

describe('retention', () => {
  it('keeps a profile 13 months after the last page view by default', () => {
    expect(DEFAULT_RETENTION_DAYS).toBe(395);
    expect(isExpired(T0, T0 + 394 * DAY, retentionMs(undefined))).toBe(false);
    expect(isExpired(T0, T0 + 396 * DAY, retentionMs(undefined))).toBe(true);
  });

  it('follows the config, and falls back to the default on a bad value', () => {
    expect(isExpired(T0, T0 + 31 * DAY, retentionMs(30))).toBe(true);
    expect(retentionMs(0)).toBe(retentionMs(undefined));
    expect(retentionMs(Number.NaN)).toBe(retentionMs(undefined));
  });

  it('does not expire a record from the future (a clock set back)', () => {
    expect(isExpired(T0 + DAY, T0, retentionMs(1))).toBe(false);
  });
});
