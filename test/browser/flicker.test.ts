/**
 * The promise the product is sold on: a shopper never sees a slot's default content and then a swap.
 * Every animation frame of the demo store is sampled (bench/paint-recorder.mjs) over several loads,
 * as a first-time visitor, a returning one and a signed-in VIP.
 */
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paintReport, recordPaints } from '../../bench/paint-recorder.mjs';
import { baseUrl, newContext, storedProfile } from './harness.js';
import { visit } from './pages.js';
import { delayIndexedDb } from './slow-storage.js';

const SLOTS = { hero: '[data-p13n-slot="hero"]', featured: '[data-p13n-slot="featured"]' };
const LOADS = 3;

let context: BrowserContext;
// Closed after each test by harness.ts.

/** Loads `path` and waits until two frames after ready, so the last state is painted and recorded. */
async function load(path: string) {
  const page = context.pages()[0] ?? (await context.newPage());
  await visit(page, path);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return paintReport(page, SLOTS);
}

describe('the demo store, painted frame by frame', () => {
  // The demo serves the README's async install (hiding style, then <script async>); `?install=sync` the synchronous tag.
  it.each([
    ['async', '/'],
    ['synchronous', '/?install=sync'],
  ])(
    'never paints default content before personalized content, on first and repeat visits (%s install)',
    async (_install, path) => {
      for (let i = 0; i < LOADS; i++) {
        context = await newContext();
        await context.addInitScript(recordPaints, SLOTS);
        const first = await load(path);
        expect(first.slots.hero, `first visit ${i}`).toMatchObject({ flicker: false, final: 'personalized' });
        // Its rules end with `featured-default` (content null): the default is the decision, shown once decided.
        expect(first.slots.featured).toMatchObject({ flicker: false, final: 'default' });
        expect(first.slots.hero.revealedAt).not.toBeNull();
        const repeat = await load(path);
        expect(repeat.slots.hero, `repeat visit ${i}`).toMatchObject({ flicker: false });
        expect(repeat.slots.featured).toMatchObject({ flicker: false, final: 'default' });
        await context.close();
      }
    },
  );

  it('would notice a flicker: with the hiding style overruled, the default paints and is swapped', async () => {
    context = await newContext();
    await context.addInitScript(recordPaints, SLOTS);
    await context.addInitScript(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('html [data-p13n-slot]:not(#a):not(#b){visibility:visible!important}');
      document.adoptedStyleSheets = [sheet];
    });
    await context.addInitScript(delayIndexedDb, 100);
    // The synchronous tag: it decides whatever the parser adds after it, so an overruled style shows the swap.
    const report = await load('/?install=sync');
    expect(report.slots.hero).toMatchObject({ flicker: true, final: 'personalized' });
  });

  it('shows a signed-in VIP their hero without a flicker, and without waiting for storage', async () => {
    context = await newContext();
    await context.addInitScript(recordPaints, SLOTS);
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/account/login?as=vip`);
    // She is in Norway: she accepts the demo's consent banner, so there is a stored profile for every
    // later page to read (without one, nothing is read and there is no storage to wait for).
    await page.locator('.consent-banner').getByRole('button', { name: 'Accept' }).click();
    await expect.poll(async () => (await storedProfile(page))?.pageviews).toBeGreaterThan(0);
    await context.addInitScript(delayIndexedDb, 600);
    await context.addInitScript(() =>
      document.addEventListener('DOMContentLoaded', () => {
        const hero = document.querySelector('[data-p13n-slot="hero"]')!;
        (window as Window & { atParsed?: unknown }).atParsed = {
          rule: hero.getAttribute('data-p13n-rule'),
          shown: hero.hasAttribute('data-p13n-ready'),
          ready: (window as Window & { __paints?: { readyAt: unknown } }).__paints!.readyAt,
        };
      }),
    );
    for (let i = 0; i < LOADS; i++) {
      // The synchronous tag, whose script has run before the parser reaches the hero.
      const report = await load('/?install=sync');
      expect(report.slots.hero).toMatchObject({ flicker: false, final: 'personalized' });
      // Rendered and shown as the parser added it, while the (slowed) profile read was still under way.
      // (With the localStorage snapshot, the whole page may even be decided by then: `ready` is not asserted.)
      expect(await page.evaluate(() => (window as Window & { atParsed?: unknown }).atParsed)).toMatchObject({
        rule: 'hero-vip',
        shown: true,
      });
      // `tags CONTAINS 'vip'` reads only what the server printed: decided before the profile is read.
      expect(
        await page.evaluate(() => document.querySelector('[data-p13n-slot="hero"]')!.getAttribute('data-p13n-rule')),
      ).toBe('hero-vip');
    }
  });
});
