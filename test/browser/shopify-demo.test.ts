/**
 * The demo store as a Shopify store: its /cart.js, /recommendations/products.json and
 * /collections/HANDLE/products.json answer in Shopify's shapes, the snippet's p13n-context carries
 * the cart and product, and products sources fill the demo's slots: never on the page that first
 * needs them (the default stays, no late swap), but on the next one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { baseUrl, fixtureHtml, newContext, ready, serveFixture, watch } from './harness.js';

let context: BrowserContext;
afterEach(async () => {
  await context?.close();
});

const json = (page: Page, path: string) => page.evaluate((p) => fetch(p).then((r) => r.json()), path);
const upsell = (page: Page) => page.locator('[data-p13n-slot="product-upsell"]');
/** Waits until the Shopify chunk has stored something under `key` (it runs after the first decisions). */
const stored = (page: Page, key: string, includes: string) =>
  page.waitForFunction(([k, s]) => (localStorage.getItem(k!) ?? '').includes(s!), [key, includes], { timeout: 10_000 });

describe('the demo store on Shopify’s endpoints', () => {
  it('answers /cart.js in cents and prints the cart in units in p13n-context', async () => {
    context = await newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/products/granite-hiking-boot`);
    await ready(page);
    await page.click('.product-form__submit');
    await page.locator('[data-cart-status]').filter({ hasText: 'Added' }).waitFor();
    const cart = await json(page, '/cart.js');
    expect(cart).toMatchObject({
      item_count: 1,
      total_price: 16900,
      currency: 'USD',
      items: [{ handle: 'granite-hiking-boot', quantity: 1, price: 16900, line_price: 16900 }],
    });
    await page.goto(`${baseUrl()}/`);
    await ready(page);
    const printed = JSON.parse((await page.locator('#p13n-context').textContent()) ?? 'null');
    expect(printed.cart).toEqual({ total_price: 169, item_count: 1, currency: 'USD' });
    expect(await page.evaluate(() => window.p13n!.attributes()!.cart_value)).toBe(169);
  });

  it('answers recommendations in cents and collection products.json in strings', async () => {
    context = await newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/`);
    const recs = await json(page, '/recommendations/products.json?product_id=NW-HIK-201&limit=2&intent=complementary');
    expect(recs.intent).toBe('complementary');
    expect(recs.products).toHaveLength(2);
    expect(recs.products[0]).toMatchObject({
      price: expect.any(Number),
      url: expect.stringMatching(/^\/products\//),
      featured_image: expect.any(String),
    });
    const running = await json(page, '/collections/running/products.json?limit=2');
    expect(running.products.map((p: { handle: string }) => p.handle)).toEqual([
      'ridgeline-trail-runner',
      'tempo-road-shoe',
    ]);
    expect(running.products[0].variants[0].price).toBe('129.00');
  });
});

describe('product sources in the demo store', () => {
  it('keeps the default on the first product page, then shows complementary products with their real prices', async () => {
    context = await newContext();
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${baseUrl()}/products/granite-hiking-boot`);
    await ready(page);
    const defaultText = await upsell(page).innerText();
    expect(defaultText).not.toContain('Pairs well with');
    await stored(page, 'p13n:catalog', 'complementary');
    expect(await upsell(page).innerText()).toBe(defaultText); // the fetch landed: no late swap

    await page.reload();
    await ready(page);
    await expect(upsell(page).locator('.p13n-products__title').innerText()).resolves.toBe('Pairs well with');
    const cards = await upsell(page)
      .locator('.p13n-product')
      .evaluateAll((items) =>
        items.map((li) => ({
          title: li.querySelector('.p13n-product__title')?.textContent,
          price: li.querySelector('.p13n-product__price')?.textContent,
          href: li.querySelector('a')?.getAttribute('href'),
        })),
      );
    expect(cards).toEqual([
      { title: 'Ridgeline Trail Runner', price: '$129.00', href: '/products/ridgeline-trail-runner' },
      { title: 'Tempo Road Shoe', price: '$119.00', href: '/products/tempo-road-shoe' },
      { title: 'Featherlight Running Vest', price: '$59.00', href: '/products/featherlight-running-vest' },
    ]);
    expect(errors).toEqual([]);
  });

  it('shows recently viewed products on the home page once the visitor has seen some', async () => {
    context = await newContext();
    const page = await context.newPage();
    for (const handle of ['cork-yoga-block', 'summit-30-daypack']) {
      await page.goto(`${baseUrl()}/products/${handle}`);
      await ready(page);
      await stored(page, 'p13n:recent', handle);
    }
    await page.goto(`${baseUrl()}/`);
    await ready(page);
    const featured = page.locator('[data-p13n-slot="featured"]');
    await expect(featured.locator('h2').innerText()).resolves.toBe('Still thinking about these?');
    await expect(featured.locator('.p13n-product__title').allInnerTexts()).resolves.toEqual([
      'Summit 30 Daypack',
      'Cork Yoga Block',
    ]);
    await expect(featured.locator('.p13n-product__price').allInnerTexts()).resolves.toEqual(['$89.00', '$22.00']);
  });
});

describe('the cart, followed live', () => {
  it('reads /cart.js once after the theme’s own /cart/add request, without touching fetch', async () => {
    context = await newContext();
    const config = { segments: {}, slots: {} };
    const url = await serveFixture(
      context,
      '/fixture/theme',
      fixtureHtml({ config, context: { cart: { total_price: 0, item_count: 0, currency: 'NOK' } } }),
    );
    let cartReads = 0;
    await context.route(`${baseUrl()}/cart/add.js`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"id":1,"quantity":2}' }),
    );
    await context.route(`${baseUrl()}/cart.js`, (route) => {
      cartReads++;
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ item_count: 2, total_price: 25900, currency: 'NOK', items: [] }),
      });
    });
    const page = await context.newPage();
    await page.goto(url);
    await ready(page);
    await page.waitForFunction(
      () => !!(window as Window & { __p13nChunks?: { shopify?: unknown } }).__p13nChunks?.shopify,
    );
    expect(await page.evaluate(() => window.fetch.toString())).toContain('[native code]');
    await page.evaluate(() => fetch('/cart/add.js', { method: 'POST', body: '{}' }));
    await page.waitForFunction(() => window.p13n!.profile()!.cartValue === 259, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => window.p13n!.profile()!.cartItems)).toBe(2);
    expect(cartReads).toBe(1);
  });
});
