/**
 * A prerendered page (speculation rules: Shopify storefronts prerender the link a shopper is about to
 * follow) decides and renders as usual, but counts nothing while no one sees it: no page view or visit,
 * no profile write, no snapshot, no exposure, no dataLayer event or audience. Once shown
 * (`prerenderingchange`) it counts once, and keeps showing what it rendered.
 *
 * Here `document.prerendering` is emulated (an init script, and the event fired by the test), so each
 * step can be inspected from the page; prerender-real.test.ts prerenders with real speculation rules.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { compileInstall, installHtml } from '../../src/tools/snippet/install.js';
import { fixtureHtml, newContext, ready, serveFixture, storedProfile, watch, writesDone } from './harness.js';
import { PRERENDER_CONFIG } from './lifecycle-fixtures.js';

const body = '<section data-p13n-slot="hero"><h1>Default hero</h1></section>';

/** Runs in the page before any of its scripts: a page with `?prerender` is prerendered until `__activate()`. */
function emulatePrerendering(): void {
  const w = window as Window & { __activate?: () => void; __exposures?: number };
  w.__exposures = 0;
  document.addEventListener('p13n:exposure', () => {
    w.__exposures! += 1;
  });
  if (!location.search.includes('prerender')) return;
  let prerendering = true;
  Object.defineProperty(Document.prototype, 'prerendering', { configurable: true, get: () => prerendering });
  w.__activate = () => {
    prerendering = false;
    document.dispatchEvent(new Event('prerenderingchange'));
  };
}

/** What the page has counted so far, as storage, events and the dataLayer show it. */
async function counted(page: Page) {
  await writesDone(page);
  const stored = await storedProfile(page);
  return page.evaluate((record) => {
    const w = window as Window & { __exposures?: number; dataLayer?: unknown[] };
    return {
      pageviews: (record?.pageviews as number | undefined) ?? null,
      visits: (record?.visits as number | undefined) ?? null,
      snapshot: localStorage.getItem('p13n:snapshot') !== null,
      exposures: w.__exposures,
      dataLayer: (w.dataLayer ?? []).length,
    };
  }, stored);
}

const hero = (page: Page) =>
  page.evaluate(() => {
    const slot = document.querySelector('[data-p13n-slot="hero"]')!;
    return {
      variant: slot.getAttribute('data-p13n-variant'),
      text: slot.textContent!.trim(),
      visible: getComputedStyle(slot).visibility !== 'hidden',
    };
  });

const installs = {
  'the hand-written install': () => fixtureHtml({ config: PRERENDER_CONFIG, body }),
  // The inline decider renders before personalize.js arrives; personalize.js adopts it and counts.
  'the generated install': () =>
    `<!doctype html><html><head><meta charset="utf-8">${installHtml(
      compileInstall(JSON.stringify(PRERENDER_CONFIG), 'dist'),
      { src: '/personalize.js' },
    )}</head><body>${body}</body></html>`,
};

describe('a prerendered page', () => {
  it.each(Object.keys(installs) as Array<keyof typeof installs>)(
    'renders but counts nothing until shown, then counts once and keeps what it showed (%s)',
    async (install) => {
      const context = await newContext();
      await context.addInitScript(emulatePrerendering);
      const url = await serveFixture(context, '/prerendered**', installs[install]());
      const { page, errors } = watch(await context.newPage());
      // A first page view, shown: the visitor is in the test from now on (an inline decider enters only
      // a visitor it knows is remembered, from the snapshot).
      await page.goto(url);
      await ready(page);
      expect(await counted(page)).toMatchObject({ pageviews: 1, visits: 1, snapshot: true });

      await page.goto(`${url}?prerender`);
      await ready(page);
      const rendered = await hero(page);
      expect(rendered).toMatchObject({ visible: true, text: expect.stringMatching(/^Welcome, [AB]$/) });
      expect(await counted(page), 'prerendered: nothing counted').toEqual({
        pageviews: 1,
        visits: 1,
        snapshot: true,
        exposures: 0,
        dataLayer: 0,
      });

      await page.evaluate(() => (window as Window & { __activate?: () => void }).__activate!());
      await page.waitForFunction(() => (window as Window & { __exposures?: number }).__exposures === 1);
      await expect.poll(() => counted(page)).toMatchObject({ pageviews: 2, visits: 1, exposures: 1 });
      const shown = await counted(page);
      expect(shown.dataLayer, 'the exposure and the audience').toBeGreaterThanOrEqual(2);
      expect(await hero(page), 'what was shown stays').toEqual(rendered);
      // The variant shown is the visitor's from now on.
      const stored = await storedProfile(page);
      expect(Object.values(stored!.assignments as Record<string, string>)).toEqual([rendered.variant]);
      // Counted once: a later flush counts nothing more.
      expect(await counted(page)).toMatchObject({ pageviews: 2, visits: 1, exposures: 1 });
      expect(errors).toEqual([]);
    },
  );
});
