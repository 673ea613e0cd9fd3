/**
 * Classification on real page loads: document.referrer, the landing URL and the user agent as
 * Chromium reports them, through the built bundle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { fixtureHtml, newContext, ready, serveFixture, sharedContext } from './harness.js';
import { openPage } from './pages.js';

const config = { segments: { from_search: "channel = 'Organic Search'" }, slots: {} };
const FACEBOOK_APP_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/468.0.0.41.106;FBBV/620745421;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/5]';

let context: BrowserContext;
afterAll(async () => context?.close());

async function landing(path: string, referer?: string, userAgent?: string) {
  const opened = await openPage(`/fixture/landing${path}`, {
    contextOptions: userAgent ? { userAgent } : {},
    html: fixtureHtml({ config, body: '<p>landing</p>' }),
    serveAt: '/fixture/landing',
    referer,
  });
  context = opened.context;
  const { page } = opened;
  const attrs = await page.evaluate(() => window.p13n!.attributes()!);
  await context.close();
  return attrs;
}

describe('the traffic source of a landing page', () => {
  it('is Organic Search from a Google referrer', async () => {
    expect(await landing('', 'https://www.google.com/')).toMatchObject({
      channel: 'Organic Search',
      source: 'google',
      medium: 'organic',
      referrer_type: 'search',
    });
  });

  it('is Paid Search with a gclid', async () => {
    expect(await landing('?gclid=EAIaIQobChMI', 'https://www.google.com/')).toMatchObject({
      channel: 'Paid Search',
      source: 'google',
      medium: 'cpc',
    });
  });

  it('is Email with UTM email parameters', async () => {
    expect(await landing('?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale')).toMatchObject({
      channel: 'Email',
      source: 'newsletter',
      medium: 'email',
      campaign: 'winter-sale',
    });
  });

  it('is Organic Social from the Facebook app on an iPhone', async () => {
    expect(await landing('', 'https://l.facebook.com/', FACEBOOK_APP_UA)).toMatchObject({
      channel: 'Organic Social',
      referrer_type: 'social',
      device: 'mobile',
      os: 'ios',
    });
  });

  it('is Direct with no referrer, and internal navigation keeps the landing source', async () => {
    context = await newContext();
    const url = await serveFixture(
      context,
      '/fixture/landing',
      fixtureHtml({ config, body: '<a href="/fixture/landing">next</a>' }),
    );
    const page = await context.newPage();
    await page.goto(`${url}?utm_source=google&utm_medium=cpc`);
    await ready(page);
    await page.click('a');
    await ready(page);
    expect(await page.evaluate(() => document.referrer)).toContain('/fixture/landing');
    expect(await page.evaluate(() => window.p13n!.attributes()!)).toMatchObject({
      channel: 'Paid Search',
      pageviews: 2,
    });
    await context.close();
  });
});

describe('a product page', () => {
  beforeAll(async () => {
    context = await sharedContext();
  });

  it('counts interest from its Product JSON-LD with no tracking code', async () => {
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Trail shoe',
      sku: 'TS-1',
      category: 'Running Shoes',
      offers: { '@type': 'Offer', price: '129.00', priceCurrency: 'USD' },
    });
    const body = `<h1>Trail shoe</h1><script type="application/ld+json">${jsonLd}</script>`;
    const url = await serveFixture(context, '/products/fixture-trail-shoe', fixtureHtml({ config, body }));
    const page = await context.newPage();
    await page.goto(url);
    await ready(page);
    await expect
      .poll(() => page.evaluate(() => (window.p13n!.attributes()!.interest as Record<string, number>).running_shoes))
      .toBe(1);
    expect(
      await page.evaluate(() => window.p13n!.matches("interest.running_shoes >= 1 AND page_type = 'product'")),
    ).toBe(true);
  });
});
