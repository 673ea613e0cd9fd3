/**
 * Beacon delivery under load, in real Chromium (whose keepalive quota, 64 KiB in flight per page, is
 * what lost records before): every record of 1,000 single-page-app page views reaches the endpoint,
 * and so does every one of 2,000 purchases made in one go. Read back from the demo server's collector.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixtureHtml } from './harness.js';
import { openPage, received } from './pages.js';

const config = {
  segments: {},
  slots: {
    hero: {
      rules: [
        {
          id: 'delivery-test',
          variants: [
            { id: 'control', weight: 50, content: null },
            { id: 'welcome', weight: 50, content: { type: 'hero', heading: 'Welcome' } },
          ],
        },
      ],
    },
  },
  endpoint: '/collect',
};
const body = '<section data-p13n-slot="hero"><h1>Default hero</h1></section>';

async function openStore(path: string): Promise<{ page: Page; visitor: string }> {
  const countExposures = () => {
    const w = window as unknown as { exposures: number };
    w.exposures = 0;
    document.addEventListener('p13n:exposure', () => w.exposures++);
  };
  const { page } = await openPage(path, { html: fixtureHtml({ config, body }), init: [countExposures] });
  // The track chunk (which counts exposures) is in once the first exposure is out.
  await page.waitForFunction(() => (window as unknown as { exposures: number }).exposures === 1);
  return { page, visitor: await page.evaluate(() => window.p13n!.profile()!.id) };
}

describe('beacon delivery', () => {
  it('delivers every exposure of 1,000 single-page-app page views', { timeout: 120_000 }, async () => {
    const { page, visitor } = await openStore('/fixture/spa-delivery');
    await page.evaluate(() => {
      for (let i = 1; i <= 1000; i++) history.pushState({}, '', `/fixture/spa-delivery?page=${i}`);
    });
    expect(await page.evaluate(() => (window as unknown as { exposures: number }).exposures)).toBe(1001);
    // Each route change hands the records before it over; the queue sends them as the endpoint answers.
    const exposures = async () => (await received(visitor)).filter((r) => r.type === 'exposure').length;
    await expect.poll(exposures, { timeout: 90_000, interval: 500 }).toBe(1000);
    // Leaving the page sends the last page view's record.
    await page.goto('about:blank');
    await expect.poll(exposures, { timeout: 10_000, interval: 200 }).toBe(1001);
  });

  it('delivers every one of 2,000 purchases made in one go', { timeout: 180_000 }, async () => {
    const { page, visitor } = await openStore('/fixture/purchase-delivery');
    await page.evaluate(() => {
      for (let i = 0; i < 2000; i++) window.p13n!.track('purchase', { transaction_id: `T-${i}`, value: 10 });
    });
    // The shopper moves on (a route change): what is still queued is handed over too.
    await page.evaluate(() => history.pushState({}, '', '/fixture/purchase-delivery?thanks'));
    await expect
      .poll(async () => (await received(visitor)).filter((r) => r.type === 'conversion').length, {
        timeout: 150_000,
        interval: 500,
      })
      .toBe(2000);
  });
});
