/**
 * `predicted_purchase` in Chromium equals Node's, to 1e-9: on 1,000 random profiles through the path
 * personalize.js runs (profile and page facts → attributes → the model), compiled with the shopper
 * bundle's own build options; and in the shipped dist/personalize.js, for a visitor whose profile
 * changes as they shop, where a segment on the score decides a slot.
 */
import { readFileSync } from 'node:fs';
import { build, type BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { shared } from '../../build.mjs';
import { readerOf } from '../../src/core/attributes/predicted.js';
import { toAttributes, type AttributeInput } from '../../src/core/attributes/from-profile.js';
import { CHANNELS, DEVICES, REFERRER_TYPES } from '../../src/core/attributes/registry.js';
import type { Facts } from '../../src/core/classify/types.js';
import { parseModel } from '../../src/core/model/parse.js';
import { score } from '../../src/core/model/score.js';
import { newProfile, type Profile } from '../../src/core/profile/model.js';
import type { Attributes } from '../../src/core/types.js';
import { fixtureHtml, heldResponse, newContext, ready, serveFixture, watch } from './harness.js';

/** A trained regression (bench/gen-store.mjs, 30,000 visitors) with 50 boosted trees added: both paths of score(). */
const model = parseModel(JSON.parse(readFileSync(new URL('./fixtures/model.json', import.meta.url), 'utf8'))).model!;
const NOW = Date.parse('2026-11-20T15:00:00Z');

/** mulberry32 */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInput(rand: () => number): AttributeInput {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const maybe = <T>(value: T): T | null => (rand() < 0.1 ? null : value);
  const count = (max: number) => Math.floor(rand() ** 2 * max);
  const visits = 1 + count(30);
  const channel = pick([...CHANNELS, 'Something New']) as (typeof CHANNELS)[number];
  const source =
    rand() < 0.15
      ? null
      : {
          channel,
          source: 'x',
          medium: 'y',
          campaign: null,
          content: null,
          term: null,
          referrerType: pick(REFERRER_TYPES),
          referrerHost: null,
        };
  const profile: Profile = {
    ...newProfile('v', NOW - count(400) * 86_400_000),
    visits,
    pageviews: visits + count(200),
    visitPageviews: 1 + count(25),
    previousVisitEnd: visits > 1 ? NOW - count(90) * 86_400_000 - count(80_000_000) : null,
    source,
    loggedIn: rand() < 0.5 ? null : rand() < 0.5,
    cartValue: rand() < 0.6 ? 0 : Math.round(rand() * 100_000) / 100,
    cartItems: count(9),
    orders: count(12),
    totalSpent: Math.round(rand() * 500_000) / 100,
    interest: Object.fromEntries(
      ['running', 'hiking', 'yoga', 'constructor', '__proto__']
        .filter(() => rand() < 0.4)
        .map((k) => [k, 1 + count(20)]),
    ),
    events: rand() < 0.3 ? { newsletter_signup: 1 + count(3) } : {},
  };
  const facts = {
    source: null,
    device: {
      device: pick([...DEVICES, 'tv']),
      bot: false,
      os: maybe(pick(['ios', 'android', 'windows', 'macos', 'linux'])),
      browser: 'chrome',
    },
    location: {
      country: maybe(pick(['US', 'GB', 'DE', 'NO', 'SE', 'FR', 'BR'])),
      timezone: 'Europe/Oslo',
      language: 'en',
      hemisphere: 'north',
    },
    time: { hour: count(24), weekday: 1 + count(7), month: 1 + count(12), day: '2026-11-20' },
    path: '/',
    pageType: 'home',
    loggedIn: rand() < 0.7 ? null : rand() < 0.5,
  } as unknown as Facts;
  return { profile, facts, tags: null, consent: true, now: NOW, model };
}

describe('predicted_purchase in Chromium and in Node', () => {
  it('agrees to 1e-9 on 1,000 random profiles, through the bundle build', async () => {
    expect(model.f!.length).toBeGreaterThan(10);
    expect(model.t!.length).toBe(50);
    const bundle = await build({
      ...(shared as BuildOptions),
      entryPoints: ['test/browser/model-entry.ts'],
      format: 'iife',
      write: false,
      sourcemap: false,
      metafile: false,
    });
    const rand = random(20261120);
    const inputs = Array.from({ length: 1000 }, () => randomInput(rand));
    const node = inputs.map((input) => toAttributes(input).predicted_purchase as number);

    const context = await newContext();
    const { page, errors } = watch(await context.newPage());
    await page.setContent('<!doctype html><title>model</title>');
    await page.addScriptTag({ content: bundle.outputFiles![0]!.text });
    // JSON carries the inputs: `__proto__` as an own key survives, as it does in a stored profile.
    const browser = (await page.evaluate(
      (json) => window.predictedFor!(JSON.parse(json)),
      JSON.stringify(inputs),
    )) as number[];

    expect(browser).toHaveLength(1000);
    const worst = Math.max(...browser.map((p, i) => Math.abs(p - node[i]!)));
    expect(worst).toBeLessThanOrEqual(1e-9);
    expect(new Set(node.map((p) => p.toFixed(3))).size).toBeGreaterThan(200); // the profiles differ, so do the scores
    expect(errors).toEqual([]);
  }, 90_000);
});

describe('dist/personalize.js with a model in the config', () => {
  it('scores the visitor as Node does while the profile changes, and a segment on the score decides', async () => {
    const page = (threshold: number) => ({
      models: { purchase: model },
      segments: { likely: `predicted_purchase >= ${threshold}` },
      slots: {
        hero: {
          rules: [{ id: 'likely-buyer', when: 'likely', content: { type: 'hero', heading: 'Free shipping today' } }],
        },
      },
    });
    const body = '<section data-p13n-slot="hero"><h2>Default</h2></section>';
    const context = await newContext();
    const first = await serveFixture(
      context,
      '/fixture/model?utm_source=newsletter&utm_medium=email',
      fixtureHtml({ config: page(0.999), body }),
    );
    const { page: tab, errors } = watch(await context.newPage());
    await tab.goto(first);
    await ready(tab);
    expect(await tab.evaluate(() => window.p13n!.inspect().problems)).toEqual([]);
    const check = async () => {
      const attrs = (await tab.evaluate(() => window.p13n!.attributes())) as Attributes;
      expect(attrs.predicted_purchase).toEqual(expect.any(Number));
      const expected = score(model, readerOf(attrs));
      expect(Math.abs((attrs.predicted_purchase as number) - expected)).toBeLessThanOrEqual(1e-9);
      // Expressions read the same number.
      const [below, above] = await tab.evaluate(
        (p) => [
          window.p13n!.matches(`predicted_purchase >= ${p - 1e-6}`),
          window.p13n!.matches(`predicted_purchase >= ${p + 1e-6}`),
        ],
        expected,
      );
      expect([below, above]).toEqual([true, false]);
      return expected;
    };
    const scores = [await check()];
    for (let i = 0; i < 6; i++) {
      await tab.evaluate((k) => {
        window.p13n!.track('view_item', { item_id: `p${k}`, item_category: 'Running' });
        // Each one different: the same action twice within 2 s counts once (README "API reference").
        window.p13n!.track('add_to_cart', { item_id: `p${k}`, value: 60 + k, quantity: 1 });
      }, i);
      await expect
        .poll(async () => (await tab.evaluate(() => window.p13n!.attributes()!.cart_items)) as number)
        .toBe(i + 1);
      scores.push(await check());
    }
    expect(new Set(scores).size).toBe(7);
    expect(scores.at(-1)!).toBeGreaterThan(scores[0]!);

    // The next page, with a segment between where the visit started and where it is now.
    const threshold = (scores[0]! + scores.at(-1)!) / 2;
    const next = await serveFixture(context, '/fixture/model-next', fixtureHtml({ config: page(threshold), body }));
    await tab.goto(next);
    await ready(tab);
    const now = await check();
    expect(now).toBeGreaterThan(threshold);
    expect(await tab.evaluate(() => window.p13n!.segments())).toEqual(['likely']);
    await expect.poll(() => tab.locator('[data-p13n-slot="hero"]').innerText()).toBe('Free shipping today');
    expect(errors).toEqual([]);
  });
});

describe('an exposure with a model in the config', () => {
  it('carries the score with every fact the model reads, also when personalize-ua.js arrives last', async () => {
    const config = {
      consent: 'implied',
      models: { purchase: model },
      slots: {
        hero: {
          rules: [
            {
              id: 'hero-test',
              variants: [
                { id: 'control', weight: 50, content: null },
                { id: 'b', weight: 50, content: { type: 'hero', heading: 'B' } },
              ],
            },
          ],
        },
      },
    };
    const context = await newContext();
    const url = await serveFixture(
      context,
      '/fixture/model-exposure',
      fixtureHtml({ config, body: '<section data-p13n-slot="hero"><h2>Default</h2></section>' }),
    );
    // No rule reads the device, so the first decision does not wait for it; the chunk with the
    // user-agent parser is held until the tracking chunk has arrived.
    const track = heldResponse();
    await context.route('**/personalize-track.js', async (route) => {
      await route.continue();
      track.release();
    });
    await context.route('**/personalize-ua.js', async (route) => {
      await track.released;
      await route.continue();
    });
    const { page, errors } = watch(await context.newPage());
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      (window as unknown as { exposures: unknown[] }).exposures = seen;
      document.addEventListener('p13n:exposure', (event) => seen.push((event as CustomEvent).detail));
    });
    await page.goto(url);
    await ready(page);
    const attrs = (await page.evaluate(() => window.p13n!.attributes())) as Attributes;
    expect(attrs.device).toBe('desktop');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { exposures: unknown[] }).exposures.length))
      .toBe(1);
    const [exposure] = (await page.evaluate(() => (window as unknown as { exposures: unknown[] }).exposures)) as Array<{
      predicted_purchase: number;
    }>;
    expect(exposure!.predicted_purchase).toBe(Math.round(score(model, readerOf(attrs)) * 1e4) / 1e4);
    expect(errors).toEqual([]);
  });
});
