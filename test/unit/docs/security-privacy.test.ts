// @vitest-environment node
/**
 * docs/security-privacy.md is what store owners copy into their policies: keep it true (the README
 * links to it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_DAYS } from '../../../src/core/privacy/retention.js';
import { newProfile } from '../../../src/core/profile/model.js';

const root = `${process.cwd()}/`;
const doc = readFileSync(`${root}docs/security-privacy.md`, 'utf8');
const config = readFileSync(`${root}docs/config.md`, 'utf8');
const section = (title: string) => {
  const from = doc.indexOf(`\n## ${title}\n`);
  const to = doc.indexOf('\n## ', from + 1);
  return doc.slice(from, to < 0 ? undefined : to);
};

describe('docs/security-privacy.md', () => {
  it('has a Privacy and a Security section, and the README links to it', () => {
    expect(doc.indexOf('\n## Privacy\n')).toBeGreaterThanOrEqual(0);
    expect(doc.indexOf('\n## Security\n')).toBeGreaterThan(doc.indexOf('\n## Privacy\n'));
    expect(readFileSync(`${root}README.md`, 'utf8')).toContain('(docs/security-privacy.md)');
  });

  it('states the default retention the code uses, in days in docs/config.md and in months here', () => {
    expect(config).toContain(`default ${DEFAULT_RETENTION_DAYS}, 13 months`);
    expect(section('Privacy')).toContain("13 months after the shopper's last page view");
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
      expect(described[field], `docs/security-privacy.md does not describe profile.${field}`).toBeDefined();
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
