/**
 * The core promise, in real Chromium: a page with the install snippet is personalized from a profile
 * kept in IndexedDB across page loads, tabs do not lose page views, and a browser without usable
 * IndexedDB still gets content and no error. The 30-minute visit rule, on a clock the test moves, is
 * checked through boot in Node (test/unit/app/visits.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { fixtureHtml, newContext, ready, serveFixture, storedProfile, watch } from './harness.js';

const config = {
  segments: { returning: 'visits >= 2', first: 'new_visitor' },
  slots: {
    hero: {
      rules: [
        { id: 'welcome-back', when: 'returning', content: { type: 'hero', heading: 'Welcome back: visit {{visits}}' } },
        { id: 'hello', when: 'first', content: { type: 'hero', heading: 'Hello, first-time visitor' } },
      ],
    },
  },
};
const body = '<section data-p13n-slot="hero"><h1 class="default">Default hero</h1></section>';

let context: BrowserContext;
// Closed after each test by harness.ts.

async function heroText(page: import('playwright-core').Page) {
  await ready(page);
  return page.locator('[data-p13n-slot="hero"]').innerText();
}

describe('a page with the install snippet', () => {
  it('is personalized on the first visit and remembers the visitor after a reload', async () => {
    context = await newContext();
    const url = await serveFixture(context, '/fixture/core', fixtureHtml({ config, body }));
    const { page, errors } = watch(await context.newPage());
    await page.goto(url);
    expect(await heroText(page)).toBe('Hello, first-time visitor');
    const first = await page.evaluate(() => window.p13n!.profile()!);
    expect(first).toMatchObject({ visits: 1, pageviews: 1 });
    await expect.poll(async () => (await storedProfile(page))?.pageviews).toBe(1);

    await page.reload();
    expect(await heroText(page)).toBe('Hello, first-time visitor');
    const second = await page.evaluate(() => window.p13n!.profile()!);
    expect(second).toMatchObject({ id: first.id, visits: 1, pageviews: 2 });
    expect(errors).toEqual([]);
  });

  it('loses no page view when two tabs load at the same time', async () => {
    context = await newContext();
    const url = await serveFixture(context, '/fixture/tabs', fixtureHtml({ config, body }));
    const tabs = await Promise.all([context.newPage(), context.newPage(), context.newPage()]);
    await Promise.all(tabs.map((tab) => tab.goto(url)));
    await Promise.all(tabs.map((tab) => ready(tab)));
    // Each tab writes once after rendering; wait for the writes to land, then check none was lost.
    await expect.poll(async () => (await storedProfile(tabs[0]!))?.pageviews, { timeout: 5000 }).toBe(3);
    expect(await storedProfile(tabs[0]!)).toMatchObject({ visits: 1, pageviews: 3 });
  });

  it('still shows content, with one warning and no page error, when IndexedDB throws', async () => {
    context = await newContext();
    await context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const url = await serveFixture(context, '/fixture/no-idb', fixtureHtml({ config, body }));
    const { page, warnings, errors } = watch(await context.newPage());
    await page.goto(url);
    expect(await heroText(page)).toBe('Hello, first-time visitor');
    await expect
      .poll(() => warnings.filter((w) => w.startsWith('[p13n]')))
      .toEqual([expect.stringMatching(/IndexedDB is unavailable.*SecurityError/)]);
    expect(errors).toEqual([]);
    await expect(page.locator('[data-p13n-slot="hero"]').isVisible()).resolves.toBe(true);
  });
});
