/**
 * The demo store, served as `npm start` serves it, personalizes for the segments its README lists.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { baseUrl, heldResponse, newContext, ready, storedProfile, watch, writesDone } from './harness.js';

let context: BrowserContext;
// Closed after each test by harness.ts.

const heroHeading = (page: import('playwright-core').Page) =>
  page.locator('[data-p13n-slot="hero"] h2').first().innerText();

describe('the demo store', () => {
  it('greets a first visit, then a signed-in VIP, without errors or warnings', async () => {
    context = await newContext();
    const { page, warnings, errors } = watch(await context.newPage());
    await page.goto(`${baseUrl()}/`);
    await ready(page);
    expect(await heroHeading(page)).toBe('New here? Take 10% off');
    expect(await page.evaluate(() => window.p13n!.segments())).toContain('first_visit');
    // The first page view must be stored before the next page reads it (else that one is a first visit too).
    await writesDone(page);

    await page.goto(`${baseUrl()}/account/login?as=vip`);
    await ready(page);
    expect(await heroHeading(page)).toBe('Early access for VIP members');
    expect(await page.evaluate(() => window.p13n!.attributes()!.tags)).toEqual(['vip']);
    expect(warnings.filter((w) => w.includes('[p13n]'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('asks a signed-in customer in Norway for consent, and remembers their visits once they accept', async () => {
    context = await newContext();
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${baseUrl()}/`);
    await ready(page);
    expect(await page.locator('.consent-banner').count()).toBe(0); // no country that needs it
    await page.goto(`${baseUrl()}/account/login?as=vip`);
    await ready(page);
    const banner = page.locator('.consent-banner');
    await banner.waitFor();
    expect(await page.evaluate(() => window.p13n!.attributes()!.consent)).toBe(false);
    await banner.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => page.evaluate(() => window.p13n!.attributes()!.consent)).toBe(true);
    await expect.poll(async () => (await storedProfile(page))?.pageviews).toBeGreaterThan(0);
    const stored = (await storedProfile(page))!.pageviews as number;
    await page.reload(); // the banner keeps the choice, as consent tools do, and tells the script again
    await ready(page);
    await expect.poll(async () => (await storedProfile(page))?.pageviews).toBe(stored + 1);
    expect(await banner.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('counts each product view once although the theme reports it three ways, and shows runners their picks', async () => {
    // The demo theme prints Product JSON-LD, pushes GA4 view_item to dataLayer and calls p13n.track().
    context = await newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/collections/running`);
    const products = await page
      .locator('a[href^="/products/"]')
      .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')!))]);
    for (const href of products.slice(0, 2)) {
      await page.goto(`${baseUrl()}${href}`);
      await ready(page);
      await writesDone(page); // the product view's write has landed before the next navigation
    }
    await expect
      .poll(async () => ((await storedProfile(page))?.interest as Record<string, number> | undefined)?.running)
      .toBe(2);
    await page.goto(`${baseUrl()}/`);
    await ready(page);
    await expect(page.locator('[data-p13n-slot="featured"]').innerText()).resolves.toMatch(/Picked for runners/);
  });

  it('counts a purchase made on the cart page once, from the theme’s dataLayer and track() together', async () => {
    context = await newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/products/${await firstProductHandle()}`);
    await ready(page);
    await page.getByRole('button', { name: /add to cart/i }).click();
    await page.goto(`${baseUrl()}/cart`);
    await ready(page);
    const cartValue = await page.evaluate(() => window.p13n!.attributes()!.cart_value);
    expect(cartValue).toBeGreaterThan(0);
    await page.getByRole('button', { name: /checkout/i }).click();
    await expect.poll(() => page.evaluate(() => window.p13n!.attributes()!.orders)).toBe(1);
    expect(await page.evaluate(() => window.p13n!.attributes()!)).toMatchObject({
      total_spent: cartValue,
      cart_value: 0,
    });
  });
});

async function firstProductHandle(): Promise<string> {
  const products = (await import('../../demo/products.json', { with: { type: 'json' } })).default as Array<{
    handle: string;
  }>;
  return products[0]!.handle;
}

describe('the demo store’s traffic-source and device segments', () => {
  it('greets a visit from the email campaign link the README lists', async () => {
    context = await newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale`);
    await ready(page);
    expect(await heroHeading(page)).toBe('Thanks for reading our newsletter'); // not the raw slug 'winter-sale'
  });

  it('shows phone visitors from social media what is trending', async () => {
    context = await newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/?utm_source=instagram&utm_medium=social`);
    await ready(page);
    expect(await page.evaluate(() => window.p13n!.segments())).toEqual(
      expect.arrayContaining(['from_social', 'mobile']),
    );
    await expect(page.locator('[data-p13n-slot="featured"] h2').innerText()).resolves.toBe('Trending on Instagram');
  });
});

/** Runs a `demo.*` helper that ends in a reload, and waits for the page it reloads to decide. */
async function runHelper(page: import('playwright-core').Page, helper: 'newVisit' | 'travel45' | 'reset') {
  const loaded = page.waitForEvent('load');
  await page.evaluate((name) => {
    const demo = (window as unknown as { demo: Record<string, (arg?: number) => Promise<void>> }).demo;
    void (name === 'travel45' ? demo.travel!(45) : demo[name]!());
  }, helper);
  await loaded;
  await ready(page);
}

/** The hero's heading: a personalized hero's h2, else the theme's default h1. */
const anyHero = (page: import('playwright-core').Page) =>
  page.locator('[data-p13n-slot="hero"] :is(h1, h2)').first().innerText();

describe('the demo helpers (demo-tools.js)', () => {
  it('demo.newVisit(): the very next page is a returning visit', async () => {
    context = await newContext();
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${baseUrl()}/`);
    await ready(page);
    expect(await heroHeading(page)).toBe('New here? Take 10% off');
    await runHelper(page, 'newVisit');
    // The page decides from the localStorage snapshot, which the helper moves back in time too.
    expect(await page.evaluate(() => window.p13n!.attributes()!.visits)).toBe(2);
    expect(await page.evaluate(() => window.p13n!.segments())).toContain('returning');
    expect(await page.evaluate(() => window.p13n!.segments())).not.toContain('first_visit');
    expect(await anyHero(page)).not.toBe('New here? Take 10% off');
    expect(errors).toEqual([]);
  });

  it('demo.travel(45): the very next page shows the lapsed visitor’s hero', async () => {
    context = await newContext();
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${baseUrl()}/`);
    await ready(page);
    await runHelper(page, 'travel45');
    expect(await page.evaluate(() => window.p13n!.attributes()!.days_since_last_visit)).toBe(45);
    expect(await heroHeading(page)).toBe('We missed you');
    expect(errors).toEqual([]);
  });

  it('demo.reset(): forgets the profile and signs out, so the next page is a first visit again', async () => {
    context = await newContext();
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${baseUrl()}/`);
    await ready(page);
    await page.evaluate(() => window.p13n!.track('purchase', { value: 250, transaction_id: 't1' }));
    await expect.poll(() => heroHeading(page)).toBe('Thank you for exploring with us');
    await writesDone(page);
    await runHelper(page, 'reset');
    expect(page.url()).toBe(`${baseUrl()}/`);
    expect(await page.evaluate(() => window.p13n!.attributes()!.orders)).toBe(0);
    expect(await heroHeading(page)).toBe('New here? Take 10% off');
    expect(errors).toEqual([]);
  });

  it('the bar waits for personalize.js, which is async, instead of saying it is not on the page', async () => {
    context = await newContext();
    // personalize.js arrives only after the bar has mounted: the order a slow network gives.
    const held = heldResponse();
    await context.route(`${baseUrl()}/personalize.js`, async (route) => {
      await held.released;
      await route.continue().catch(() => undefined);
    });
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${baseUrl()}/`, { waitUntil: 'domcontentloaded' });
    const text = page.locator('.demo-bar__text');
    await text.waitFor();
    held.release();
    await ready(page);
    await expect.poll(() => text.innerText()).toMatch(/^segments: .*first_visit/);
    expect(errors).toEqual([]);
  });

  it('the bar says so when personalize.js is really not on the page', async () => {
    context = await newContext();
    await context.route(`${baseUrl()}/personalize.js`, (route) => route.fulfill({ status: 404, body: '' }));
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/`);
    await expect
      .poll(() => page.locator('.demo-bar__text').innerText())
      .toBe('personalize.js is not on this page (run `npm run build`?)');
  });
});
