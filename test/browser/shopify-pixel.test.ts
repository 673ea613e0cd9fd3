/**
 * The custom pixel → storefront hand-off in real Chromium. The thank-you page is a harness that gives
 * dist/shopify/custom-pixel.js Shopify's documented Standard API as globals (`analytics.subscribe`,
 * `browser.localStorage` — async, writing the top frame's storage —, `init.customerPrivacy`,
 * `customerPrivacy.subscribe`) and fires `checkout_completed`. The next storefront page counts the
 * order once: orders, total spent, last order, interest, and the A/B conversion; a reload does not.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { fixtureHtml, newContext, ready, serveFixture, watch } from './harness.js';

const pixel = () => readFileSync(new URL('../../dist/shopify/custom-pixel.js', import.meta.url), 'utf8');

const thankYou = (allowed: boolean) => `<!doctype html><title>thank you</title><script>
  const handlers = {};
  window.analytics = { subscribe: (name, callback) => { handlers[name] = callback; return () => true; } };
  window.customerPrivacy = { subscribe: (name, callback) => { handlers[name] = callback; return () => true; } };
  window.browser = { localStorage: {
    getItem: async (key) => localStorage.getItem(key),
    setItem: async (key, value) => localStorage.setItem(key, value),
    removeItem: async (key) => localStorage.removeItem(key),
  } };
  window.init = { customerPrivacy: { analyticsProcessingAllowed: ${allowed}, marketingAllowed: false, preferencesProcessingAllowed: ${allowed}, saleOfDataAllowed: false } };
  window.fire = (name, event) => handlers[name]?.(event);
</script><script>${pixel().replace(/<\/script/gi, '<\\/script')}</script>`;

const checkoutCompleted = {
  id: 'sh-1',
  name: 'checkout_completed',
  type: 'standard',
  seq: 5,
  timestamp: '2026-12-01T10:00:00.000Z',
  data: {
    checkout: {
      order: { id: 'gid://shopify/Order/5550001' },
      currencyCode: 'NOK',
      totalPrice: { amount: 129.5, currencyCode: 'NOK' },
      lineItems: [
        {
          quantity: 1,
          variant: {
            price: { amount: 129.5, currencyCode: 'NOK' },
            product: { id: '1', title: 'Trail', type: 'Running Shoes' },
          },
        },
      ],
    },
  },
};

const config = {
  segments: {},
  slots: {
    hero: {
      rules: [
        {
          id: 'hero-test',
          variants: [
            { id: 'a', weight: 50, content: null },
            { id: 'b', weight: 50, content: null },
          ],
        },
      ],
    },
  },
};

let context: BrowserContext;
afterEach(async () => {
  await context?.close();
});

type Profile = { orders: number; interest: Record<string, number> };
/** Opens a storefront page and waits until its Shopify chunk has done `done` (it loads after the first decisions). */
async function storefront(page: Page, url: string, done: (profile: Profile) => boolean = () => true) {
  await page.goto(url);
  await ready(page);
  await page.waitForFunction(`(${done.toString()})(window.p13n.profile())`, undefined, { timeout: 10_000 });
  return page.evaluate(() => ({
    profile: window.p13n!.profile()!,
    conversions: (window as unknown as { conversions: Array<Record<string, unknown>> }).conversions,
  }));
}

/** What the Shopify snippet prints: a cart (which also marks the store as Shopify), on product pages a product. */
const cart = { total_price: 0, item_count: 0, currency: 'NOK' };
const product = { id: 1, handle: 'trail', title: 'Trail', url: '/products/trail', type: 'Running Shoes', price: 129.5 };

async function setUp(allowed: boolean) {
  context = await newContext();
  const body = '<section data-p13n-slot="hero">Hero</section>';
  const shop = await serveFixture(context, '/fixture/shop', fixtureHtml({ config, body, context: { cart } }));
  await serveFixture(context, '/fixture/product', fixtureHtml({ config, body, context: { cart, product } }));
  const done = await serveFixture(context, '/fixture/thank-you', thankYou(allowed));
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { conversions: unknown[] };
    w.conversions = [];
    document.addEventListener('p13n:conversion', (e) => w.conversions.push((e as CustomEvent).detail));
  });
  return { shop, done, page };
}

describe('the custom pixel', () => {
  it('hands checkout_completed to the next storefront page, which counts it once', async () => {
    const { shop, done, page } = await setUp(true);
    const { errors } = watch(page);
    const before = await storefront(page, shop);
    expect(before.profile.orders).toBe(0);
    await page.goto(done);
    await page.evaluate(
      (event) =>
        (window as unknown as { fire: (n: string, e: unknown) => Promise<void> }).fire('checkout_completed', event),
      checkoutCompleted,
    );
    expect(await page.evaluate(() => localStorage.getItem('p13n:orders'))).toContain('5550001');

    const after = await storefront(page, shop, (p) => p.orders > 0);
    expect(after.profile).toMatchObject({
      orders: 1,
      totalSpent: 129.5,
      transactions: ['gid://shopify/Order/5550001'],
      interest: { running_shoes: 1 },
    });
    expect(after.profile.lastOrderAt).toBeGreaterThan(0);
    expect(after.conversions).toHaveLength(1);
    expect(after.conversions[0]).toMatchObject({
      type: 'conversion',
      transaction_id: 'gid://shopify/Order/5550001',
      value: 129.5,
      currency: 'NOK',
    });

    // The next page's chunk has run once the product view from p13n-context is counted.
    const next = await storefront(page, shop.replace('/shop', '/product'), (p) => p.interest.running_shoes === 2);
    expect(next.profile).toMatchObject({ orders: 1, totalSpent: 129.5 });
    expect(next.conversions).toEqual([]);
    const reloaded = await storefront(page, shop.replace('/shop', '/product'), (p) => p.interest.running_shoes === 3);
    expect(reloaded.profile).toMatchObject({ orders: 1, totalSpent: 129.5 });
    expect(reloaded.conversions).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('hands nothing over when the shopper has not allowed preferences', async () => {
    const { shop, done, page } = await setUp(false);
    await storefront(page, shop);
    await page.goto(done);
    await page.evaluate(
      (event) =>
        (window as unknown as { fire: (n: string, e: unknown) => Promise<void> }).fire('checkout_completed', event),
      checkoutCompleted,
    );
    expect(await page.evaluate(() => localStorage.getItem('p13n:orders'))).toBeNull();
    const next = await storefront(page, shop.replace('/shop', '/product'), (p) => p.interest.running_shoes === 1);
    expect(next.profile.orders).toBe(0);
  });
});
