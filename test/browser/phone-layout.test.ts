/**
 * The demo store on a phone: what the demo adds on top of the theme (its bar of segments and
 * decisions, the consent banner) never covers the hero's button or a product's price, at the first
 * screen nor with the element scrolled to the bottom or top edge. Checked with elementFromPoint at each
 * target's centre, as a tap would land.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { baseUrl, newContext, ready } from './harness.js';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const TARGETS = '.hero__cta, .p13n-hero__cta, .card__price, .p13n-product__price';

let context: BrowserContext;
afterEach(async () => {
  await context?.close();
});

/** Targets whose centre, in the viewport, is covered by something that is not the target itself. */
function covered(page: Page, edge: 'none' | 'start' | 'end'): Promise<string[]> {
  return page.evaluate(
    ({ selector, edge }) => {
      const found: string[] = [];
      document.querySelectorAll(selector).forEach((target, index) => {
        if (edge !== 'none') target.scrollIntoView({ block: edge });
        const box = target.getBoundingClientRect();
        const x = box.left + box.width / 2;
        const y = box.top + box.height / 2;
        if (box.width === 0 || y < 0 || y > innerHeight || x < 0 || x > innerWidth) return; // not on screen
        const top = document.elementFromPoint(x, y);
        if (top && !target.contains(top))
          found.push(`${target.className} #${index} under ${top.closest('[class]')?.className ?? top.tagName}`);
      });
      return found;
    },
    { selector: TARGETS, edge },
  );
}

async function check(page: Page, path: string): Promise<void> {
  await page.goto(`${baseUrl()}${path}`);
  await ready(page);
  await page.locator('.demo-bar').waitFor();
  expect(await page.locator(TARGETS).count()).toBeGreaterThan(0);
  for (const edge of ['none', 'end', 'start'] as const)
    expect(await covered(page, edge), `${path}, scrolled to ${edge}`).toEqual([]);
}

describe('the demo store on a phone', () => {
  it('keeps the demo bar off the hero button and the prices', async () => {
    context = await newContext(PHONE);
    const page = await context.newPage();
    await check(page, '/');
    await check(page, '/collections/all');
  });

  it('keeps the consent banner off them too, for a signed-in customer who has not chosen yet', async () => {
    context = await newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/account/login?as=customer`);
    await page.goto(`${baseUrl()}/`);
    await page.locator('.consent-banner').waitFor();
    await check(page, '/');
    await page.locator('.consent-banner').waitFor();
    await check(page, '/collections/all');
  });

  it('opens the debug panel as a bottom sheet that leaves the store’s header free', async () => {
    context = await newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/?p13n_debug=1`);
    await ready(page);
    await page.locator('#p13n-debug').locator('input').waitFor();
    const onHeader = await page.evaluate(() => {
      const box = document.querySelector('.site-header')!.getBoundingClientRect();
      return (
        document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('#p13n-debug') !== null
      );
    });
    expect(onHeader).toBe(false);
  });
});
