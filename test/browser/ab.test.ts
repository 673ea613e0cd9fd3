/**
 * A/B tests in real Chromium: exposure and conversion events in dataLayer and at the endpoint (real
 * beacons, read back from the demo server's collector), and nothing at all for visitors who have not
 * consented. One variant per visitor across loads, no exposure for a slot the page lacks, and bots
 * are checked through boot in Node (test/unit/app/ab.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { baseUrl, fixtureHtml, newContext, ready, serveFixture, writesDone } from './harness.js';
import { received } from './pages.js';

const test = {
  id: 'hero-test',
  variants: [
    { id: 'control', weight: 50, content: null },
    { id: 'welcome', weight: 50, content: { type: 'hero', heading: 'Welcome, tester' } },
  ],
};
const config = (extra: Record<string, unknown> = {}) => ({
  segments: {},
  slots: { hero: { rules: [test] } },
  endpoint: '/collect',
  ...extra,
});
const body = '<section data-p13n-slot="hero"><h1>Default hero</h1></section><a id="away" href="/fixture/away">away</a>';

let context: BrowserContext;
// Closed after each test by harness.ts.

/**
 * Serves the fixture on the demo origin, whose server keeps what its `/collect` endpoint receives.
 * The records are read back from the server, not intercepted: beacons sent while a page unloads
 * leave from the browser process, where Playwright's routing does not see them.
 */
async function setUp(cfg: unknown, options: Parameters<typeof newContext>[0] = {}) {
  context = await newContext(options);
  const url = await serveFixture(context, '/fixture/ab', fixtureHtml({ config: cfg, body }));
  // The page a shopper leaves to sends a marker to the same endpoint, after our pagehide beacon.
  await serveFixture(
    context,
    '/fixture/away',
    `<!doctype html><title>away</title><script>
    window.marker = 'away-' + Math.random().toString(36).slice(2);
    navigator.sendBeacon('/collect', JSON.stringify({ visitor: window.marker }));
  </script>`,
  );
  return { url };
}

/**
 * Leaves the page the way a shopper does (pagehide flushes the queue), and waits until the next
 * page's own beacon has reached the server: ours, sent before it, has then landed (if it was sent).
 */
async function leave(page: Page) {
  await page.click('#away');
  await page.waitForURL(/fixture\/away/);
  const marker = await page.evaluate(() => (window as unknown as { marker: string }).marker);
  await expect.poll(async () => (await received(marker)).length, { timeout: 10_000 }).toBe(1);
}

const visitorOf = (page: Page) => page.evaluate(() => window.p13n!.profile()!.id);

const dataLayer = (page: Page, event: string) =>
  page.evaluate(
    (name) =>
      ((window as unknown as { dataLayer?: Array<Record<string, unknown>> }).dataLayer ?? []).filter(
        (e) => e.event === name,
      ),
    event,
  );

const heroDecision = (page: Page) => page.evaluate(() => window.p13n!.decisions().find((d) => d.slot === 'hero')!);

describe('an A/B test', () => {
  it('reports the exposure to dataLayer and as p13n:exposure, once per page view', async () => {
    const { url } = await setUp(config());
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { exposures: unknown[] };
      w.exposures = [];
      document.addEventListener('p13n:exposure', (e) => w.exposures.push((e as CustomEvent).detail));
    });
    await page.goto(url);
    await ready(page);
    const { variant } = await heroDecision(page);
    await page.evaluate(() => window.p13n!.track('newsletter_signup')); // re-decides and re-renders
    expect(await dataLayer(page, 'p13n_exposure')).toEqual([
      {
        event: 'p13n_exposure',
        p13n_test: 'hero-test@1',
        p13n_rule: 'hero-test',
        p13n_variant: variant,
        p13n_slot: 'hero',
        p13n_segment: '(everyone)',
        p13n_segments: '',
        p13n_control: 'control',
        p13n_weights: 'control:50,welcome:50',
      },
    ]);
    const details = await page.evaluate(
      () => (window as unknown as { exposures: Array<Record<string, unknown>> }).exposures,
    );
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({
      type: 'exposure',
      test: 'hero-test@1',
      variant,
      weights: { control: 50, welcome: 50 },
    });
  });

  it('sends the exposure and a purchase carrying the assignment to the endpoint when the page is left', async () => {
    const { url } = await setUp(config());
    const page = await context.newPage();
    await page.goto(url);
    await ready(page);
    const { variant } = await heroDecision(page);
    const visitor = await visitorOf(page);
    // The theme reports the purchase both to GA4 and to p13n: it counts once.
    await page.evaluate(() => {
      (window as unknown as { dataLayer: unknown[] }).dataLayer.push({
        event: 'purchase',
        ecommerce: { transaction_id: 'T-100', value: 129.5, currency: 'USD' },
      });
      window.p13n!.track('purchase', { transaction_id: 'T-100', value: 129.5, currency: 'USD' });
    });
    expect(await dataLayer(page, 'p13n_conversion')).toEqual([
      {
        event: 'p13n_conversion',
        p13n_test: 'hero-test@1',
        p13n_rule: 'hero-test',
        p13n_variant: variant,
        p13n_value: 129.5,
        p13n_currency: 'USD',
        p13n_transaction_id: 'T-100',
      },
    ]);
    expect(await received(visitor)).toEqual([]); // batched until the page goes away
    await page.click('#away');
    await expect.poll(async () => (await received(visitor)).length, { timeout: 5000 }).toBe(2);
    const [exposure, conversion] = await received(visitor);
    expect(exposure).toMatchObject({
      type: 'exposure',
      v: 1,
      visitor,
      test: 'hero-test@1',
      rule: 'hero-test',
      version: 1,
      variant,
      control: 'control',
      weights: { control: 50, welcome: 50 },
      traffic: 100,
      slot: 'hero',
      when: null,
      segments: [],
    });
    expect(conversion).toMatchObject({
      type: 'conversion',
      v: 1,
      visitor,
      event: 'purchase',
      value: 129.5,
      currency: 'USD',
      transaction_id: 'T-100',
      assignments: { 'hero-test@1': variant },
    });
    expect(conversion!.ts).toBeGreaterThanOrEqual(exposure!.ts as number);
  });
});

describe('who is never in a test', () => {
  it('sends nothing and assigns nothing without consent ("consent": "required"), until consent is given', async () => {
    const { url } = await setUp(config({ consent: 'required' }));
    const page = await context.newPage();
    await page.goto(url);
    await ready(page);
    expect(await heroDecision(page)).toMatchObject({ rule: 'hero-test', variant: null });
    await page.evaluate(() => window.p13n!.track('purchase', { transaction_id: 'T-1', value: 10 }));
    expect(await dataLayer(page, 'p13n_exposure')).toEqual([]);
    expect(await dataLayer(page, 'p13n_conversion')).toEqual([]);
    expect(await page.evaluate(() => window.p13n!.profile()!.assignments)).toEqual({});
    const visitor = await visitorOf(page);
    await leave(page);
    expect(await received(visitor)).toEqual([]);

    await page.goto(url);
    await ready(page);
    await page.evaluate(() => window.p13n!.consent(true));
    expect((await heroDecision(page)).variant).not.toBeNull();
    expect(await dataLayer(page, 'p13n_exposure')).toHaveLength(1);
    const consented = await visitorOf(page);
    await leave(page);
    await expect
      .poll(async () => (await received(consented)).map((r) => r.type), { timeout: 5000 })
      .toEqual(['exposure']);
  });
});

describe('the demo store', () => {
  const T0 = Date.parse('2026-11-02T10:00:00Z');

  it('runs hero-welcome-back-test for returning visitors and reports the exposure', async () => {
    context = await newContext();
    await context.clock.setFixedTime(T0);
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/?demo_bar=0`);
    await ready(page);
    expect(await dataLayer(page, 'p13n_exposure')).toEqual([]); // first visit: no test
    await writesDone(page); // the page view's write has landed
    await context.clock.setFixedTime(T0 + 60 * 60_000);
    await page.reload();
    await ready(page);
    const decision = await heroDecision(page);
    expect(decision.rule).toBe('hero-welcome-back-test');
    expect(await dataLayer(page, 'p13n_exposure')).toMatchObject([
      { p13n_rule: 'hero-welcome-back-test', p13n_variant: decision.variant, p13n_segment: 'returning' },
    ]);
  });
});
