/**
 * Classification on real page loads: document.referrer, the landing URL and the user agent as
 * Chromium reports them, through the built bundle: an in-app browser's user agent beside Chromium's
 * own client hints, and a real navigation inside the store. The channels of landing URLs and
 * referrers, and interest from a product's JSON-LD, are checked through boot in Node
 * (test/unit/app/landing.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { fixtureHtml, newContext, ready, serveFixture } from './harness.js';
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
