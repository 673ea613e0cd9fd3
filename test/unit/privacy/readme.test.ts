// @vitest-environment node
/** The Privacy and Security sections are what store owners copy into their policies: keep them true. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_DAYS } from '../../../src/core/privacy/retention.js';
import { newProfile } from '../../../src/core/profile/model.js';

const root = `${process.cwd()}/`;
const readme = readFileSync(`${root}README.md`, 'utf8');
const section = (title: string) =>
  readme.slice(readme.indexOf(`## ${title}\n`), readme.indexOf('\n## ', readme.indexOf(`## ${title}\n`) + 1));

describe('README', () => {
  it('has Privacy and Security sections after the API reference', () => {
    const order = ['## API reference\n', '## Privacy\n', '## Security\n'].map((heading) => readme.indexOf(heading));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('states the default retention the code uses', () => {
    expect(readme).toContain(`default ${DEFAULT_RETENTION_DAYS}, 13 months`);
  });

  it('accounts for every field of the stored profile', () => {
    const privacy = section('Privacy');
    const described: Record<string, string> = {
      id: 'random id',
      firstSeen: 'first and last page view',
      lastSeen: 'first and last page view',
      visits: 'visit and page view counts',
      pageviews: 'visit and page view counts',
      visitStart: 'visit and page view counts',
      visitPageviews: 'visit and page view counts',
      previousVisitEnd: 'first and last page view',
      source: 'traffic source',
      firstSource: 'first visit',
      loggedIn: 'signed in',
      cartValue: 'cart',
      cartItems: 'cart',
      abandonedCart: 'cart',
      orders: 'orders',
      totalSpent: 'total value',
      lastOrderAt: 'last one',
      transactions: 'transaction_id',
      interest: 'per category',
      events: 'custom events',
      assignments: 'A/B assignments',
      version: 'One record',
    };
    for (const field of Object.keys(newProfile('x', 0))) {
      expect(described[field], `README Privacy does not describe profile.${field}`).toBeDefined();
      expect(privacy).toContain(described[field]);
    }
  });

  it('counts the XSS payloads the tests use', () => {
    const { payloads } = JSON.parse(readFileSync(`${root}test/browser/fixtures/xss-payloads.json`, 'utf8')) as {
      payloads: string[];
    };
    expect(section('Security')).toContain(`with ${payloads.length} XSS payloads`);
  });
});
