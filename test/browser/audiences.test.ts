/**
 * The GA4 user property `p13n_segments`, in real Chromium: in the dataLayer on a page view with
 * analytics consent (GTM's form, or gtag's where gtag.js is installed), not without it, not under
 * Global Privacy Control, and again on a single-page-app route change.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixtureHtml } from './harness.js';
import { openPage } from './pages.js';

const config = (extra: Record<string, unknown> = {}) => ({
  segments: { big_spender: 'total_spent >= 200', vip: "tags CONTAINS 'vip'", lapsed: 'days_since_last_visit >= 30' },
  slots: {},
  ...extra,
});
const context = { customer: { id: 'c1', total_spent: 250, tags: ['vip'] }, country: 'US' };

/** The dataLayer's p13n_segments entries, as plain data (gtag pushes an `arguments` object). */
const audienceEntries = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? [])
      .map((entry) =>
        Object.prototype.toString.call(entry) === '[object Arguments]'
          ? Array.from(entry as ArrayLike<unknown>)
          : entry,
      )
      .filter((entry) => JSON.stringify(entry).includes('p13n_segments')),
  );

const gpc = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });

async function open(cfg: unknown, options: { head?: string; gpc?: boolean } = {}) {
  const html = fixtureHtml({ config: cfg, context, head: options.head });
  return (await openPage('/fixture/audiences', { html, init: options.gpc ? [gpc] : [] })).page;
}

describe('the p13n_segments user property', () => {
  it('is in the dataLayer on a page view with consent, sorted, for a GA4 tag in Tag Manager', async () => {
    const page = await open(config({ consent: 'implied' }));
    expect(await audienceEntries(page)).toEqual([{ event: 'p13n_segments', p13n_segments: 'big_spender,vip' }]);
  });

  it('is not there without consent, and comes with it', async () => {
    const page = await open(config({ consent: 'required' }));
    expect(await audienceEntries(page)).toEqual([]);
    await page.evaluate(() => window.p13n!.consent(true));
    await expect
      .poll(() => audienceEntries(page))
      .toEqual([{ event: 'p13n_segments', p13n_segments: 'big_spender,vip' }]);
  });

  it('is not there under Global Privacy Control', async () => {
    const page = await open(config({ consent: 'implied' }), { gpc: true });
    expect(await page.evaluate(() => window.p13n!.attributes()!.consent)).toBe(false);
    expect(await audienceEntries(page)).toEqual([]);
  });

  it("goes through gtag('set', 'user_properties', …) where gtag.js is installed, and again on a route change", async () => {
    const gtag = `<script>window.dataLayer = window.dataLayer || []; function gtag(){ dataLayer.push(arguments); }</script>`;
    const page = await open(config({ consent: 'implied' }), { head: gtag });
    const set = ['set', 'user_properties', { p13n_segments: 'big_spender,vip' }];
    expect(await audienceEntries(page)).toEqual([set]);
    await page.evaluate(() => history.pushState({}, '', '/fixture/audiences?next'));
    await expect.poll(() => audienceEntries(page)).toEqual([set, set]);
  });
});
