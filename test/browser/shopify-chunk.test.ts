/**
 * The Shopify file (personalize-shopify.js) on hostile or strict pages: loaded through the script's one
 * loader under Trusted Types, and bounded in what it takes from localStorage, which any script of the
 * store can write: the custom pixel's order queue and the catalog cache.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, fixtureHtml, newContext, ready, serveFixture, watch, type Watched } from './harness.js';

let context: BrowserContext;
// Closed after each test by harness.ts.

/** What the Shopify snippet prints on every page: a cart, which also marks the store as Shopify. */
const shop = { cart: { total_price: 0, item_count: 0, currency: 'NOK' } };
const recsConfig = {
  segments: {},
  slots: {
    hero: { rules: [{ id: 'all', content: { type: 'hero', heading: 'Welcome' } }] },
    recs: {
      rules: [
        { id: 'picks', content: { type: 'products', title: 'Picks', source: { collection: 'shoes', limit: 10 } } },
      ],
    },
  },
};
const CATALOG_KEY = 'c|shoes|10|NOK';
const body =
  '<section data-p13n-slot="hero"><h1>Default hero</h1></section><section data-p13n-slot="recs"><p>Default recs</p></section>';
const p13nWarnings = (watched: Watched) => watched.warnings.filter((w) => w.includes('[p13n]'));
const cardTitles = (page: Page) => page.locator('[data-p13n-slot="recs"] .p13n-product__title').allInnerTexts();
const recsText = (page: Page) => page.locator('[data-p13n-slot="recs"]').innerText();
/** Waits until the Shopify file has run on this page (it loads after the first decisions). */
const shopifyRan = (page: Page) =>
  page.waitForFunction(() => !!(window as Window & { __p13nChunks?: { shopify?: unknown } }).__p13nChunks?.shopify);

/** A Shopify page whose localStorage holds `seed` before personalize.js runs; the store's collection answers `products`. */
async function openShop({
  seed = {},
  headers = {},
  query = '',
  products = [{ title: 'Fresh shoe', handle: 'fresh', variants: [{ price: '99.00' }] }],
}: {
  seed?: Record<string, string>;
  headers?: Record<string, string>;
  query?: string;
  products?: unknown[];
} = {}): Promise<Watched> {
  context = await newContext();
  await context.route(`${baseUrl()}/collections/shoes/products.json*`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ products }) }),
  );
  await serveFixture(context, '/fixture/blank', '<!doctype html><title>blank</title>');
  await serveFixture(context, '/fixture/shop*', fixtureHtml({ config: recsConfig, body, context: shop }), headers);
  const watched = watch(await context.newPage());
  await watched.page.goto(`${baseUrl()}/fixture/blank`);
  await watched.page.evaluate((entries) => {
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  }, seed);
  await watched.page.goto(`${baseUrl()}/fixture/shop${query}`);
  await ready(watched.page);
  return watched;
}

describe('the Shopify file under Trusted Types', () => {
  it("loads through the policy 'p13n' the README asks for: no violation, and the recs fill for the next page", async () => {
    const watched = await openShop({
      headers: { 'Content-Security-Policy': "require-trusted-types-for 'script'; trusted-types p13n" },
    });
    const { page } = watched;
    await shopifyRan(page);
    await page.waitForFunction((key) => (localStorage.getItem('p13n:catalog') ?? '').includes(key), CATALOG_KEY);
    await page.reload();
    await ready(page);
    expect(await cardTitles(page)).toEqual(['Fresh shoe']);
    expect(p13nWarnings(watched)).toEqual([]);
    expect(watched.warnings.filter((w) => /Trusted ?Type/i.test(w))).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});

/** An order as a writer without bounds could queue it: the same 20 types in every order, then many of its own. */
const order = (i: number, types: number) => ({
  id: `gid://shopify/Order/${1000 + i}`,
  total: 10,
  currency: 'NOK',
  types: Array.from({ length: types }, (_, j) => (j < 20 ? `Common ${j}` : `Only ${i}-${j}`)),
});

describe('the custom pixel’s order queue (p13n:orders)', () => {
  it('counts 10 orders of 1,000 product types each with at most 20 types per order, and one warning', async () => {
    // 10 × 1,000 types (89 KB): each type was a tracked product view; the longest task took 3.7 s.
    const queue = JSON.stringify(Array.from({ length: 10 }, (_, i) => order(i, 1_000)));
    const watched = await openShop({ seed: { 'p13n:orders': queue } });
    const { page } = watched;
    await page.waitForFunction(() => window.p13n!.profile()!.orders === 10);
    await page.evaluate(() => window.p13n!.refresh()); // the writes so far are done
    const interest = await page.evaluate(() => window.p13n!.profile()!.interest);
    // The 20 types every order starts with, counted once per order; none of the 980 beyond them.
    expect(Object.keys(interest)).toHaveLength(20);
    expect(Object.values(interest)).toEqual(Array(20).fill(10));
    expect(p13nWarnings(watched)).toEqual([expect.stringMatching(/order queue .*p13n:orders.* held more than it may/)]);
    expect(await page.evaluate(() => localStorage.getItem('p13n:orders'))).toBeNull();
    expect(watched.errors).toEqual([]);
  });

  it('drops a queue of 10,000 types per order whole, with one warning, and the profile is still saved', async () => {
    const queue = JSON.stringify(Array.from({ length: 10 }, (_, i) => order(i, 10_000)));
    const watched = await openShop({ seed: { 'p13n:orders': queue } });
    const { page } = watched;
    await page.waitForFunction(() => localStorage.getItem('p13n:orders') === null);
    await page.evaluate(() => window.p13n!.refresh());
    expect(await page.evaluate(() => window.p13n!.profile()!.orders)).toBe(0);
    expect(p13nWarnings(watched)).toEqual([expect.stringMatching(/held more than it may/)]);
    expect(watched.errors).toEqual([]);
  });
});

describe('the catalog cache (p13n:catalog)', () => {
  const cached = (at: number, items: unknown[]) => JSON.stringify({ [CATALOG_KEY]: { at, items } });
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Cached ${i}`, href: `/products/c${i}` }));

  it('shows at most the source’s limit of a cached entry', async () => {
    const { page, errors } = await openShop({ seed: { 'p13n:catalog': cached(Date.now(), items(2_000)) } });
    expect(await cardTitles(page)).toHaveLength(10);
    expect(errors).toEqual([]);
  });

  it('does not trust an entry of 50,000 cards: the slot keeps its default, and the cache is filled again', async () => {
    // It rendered 50,000 cards, and `ready` took 12.6 s.
    const { page, errors } = await openShop({ seed: { 'p13n:catalog': cached(Date.now(), items(50_000)) } });
    expect(await cardTitles(page)).toEqual([]);
    expect(await recsText(page)).toBe('Default recs');
    await page.waitForFunction(() => (localStorage.getItem('p13n:catalog') ?? '').includes('Fresh shoe'));
    expect(await page.evaluate(() => localStorage.getItem('p13n:catalog')!.length)).toBeLessThan(10_000);
    expect(errors).toEqual([]);
  });

  it('treats an entry written in the future (the clock set a year ahead, then corrected) as stale', async () => {
    const yearAhead = Date.now() + 365 * 24 * 60 * 60 * 1000;
    const { page } = await openShop({
      seed: { 'p13n:catalog': cached(yearAhead, [{ title: 'Old price', price: '$10.00' }]) },
    });
    expect(await recsText(page)).toBe('Default recs');
    await page.waitForFunction(() => (localStorage.getItem('p13n:catalog') ?? '').includes('Fresh shoe'));
    await page.reload();
    await ready(page);
    expect(await cardTitles(page)).toEqual(['Fresh shoe']);
  });

  it('shows a product title as the catalog spells it: tokens are the owner’s, not the catalog’s', async () => {
    const { page } = await openShop({
      seed: { 'p13n:catalog': cached(Date.now(), [{ title: 'Shoe {{utm_term|noterm}}' }]) },
      query: '?utm_term=Call%20555-0100%20for%20a%20refund',
    });
    expect(await cardTitles(page)).toEqual(['Shoe {{utm_term|noterm}}']);
  });
});
