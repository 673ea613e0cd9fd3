/**
 * The files personalize.js loads beside itself (src/app/chunks): what a page fetches before its
 * first decision, a rule that waits for the UA parser, and a file that cannot be loaded.
 */
import type { BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureHtml, newContext } from './harness.js';
import { openPage } from './pages.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const hero = (heading: string) => ({ type: 'hero', heading });
const body = '<section data-p13n-slot="hero"><h1>Default hero</h1></section>';

let context: BrowserContext;
afterEach(async () => {
  await context?.close();
});

/** Init script: the order of DOM changes, as they happen: the hero revealed with its decision, and each file's <script> inserted. */
function recordOrder(): void {
  const order: string[] = [];
  (window as Window & { order?: string[] }).order = order;
  new MutationObserver((records) => {
    for (const record of records) {
      if (
        record.type === 'attributes' &&
        (record.target as Element).matches('[data-p13n-slot="hero"][data-p13n-ready]')
      )
        order.push('decided');
      for (const node of record.addedNodes) {
        const src = node instanceof HTMLScriptElement ? node.src : '';
        if (/\/personalize-[a-z]+\.js$/.test(src)) order.push(src.replace(/^.*\//, ''));
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-p13n-ready'] });
}

async function open(
  config: unknown,
  { userAgent, serverContext, timezoneId }: { userAgent?: string; serverContext?: unknown; timezoneId?: string } = {},
) {
  const watched = await openPage('/fixture/chunks', {
    contextOptions: { ...(userAgent ? { userAgent } : {}), ...(timezoneId ? { timezoneId } : {}) },
    init: [recordOrder],
    html: fixtureHtml({ config, body, context: serverContext }),
  });
  context = watched.context;
  const timeline = await watched.page.evaluate(() => ({
    order: (window as Window & { order?: string[] }).order ?? [],
    rule: document.querySelector('[data-p13n-slot="hero"]')!.getAttribute('data-p13n-rule'),
  }));
  return { ...watched, ...timeline };
}

describe('the files beside personalize.js', () => {
  it('are not fetched before the first decision of a visits-only config on a store that prints the country', async () => {
    const config = {
      segments: { returning: 'visits >= 2' },
      slots: {
        hero: {
          rules: [
            { id: 'back', when: 'returning', content: hero('Welcome back') },
            { id: 'new', content: hero('Welcome') },
          ],
        },
      },
    };
    const { order, rule, warnings } = await open(config, { serverContext: { country: 'US' } });
    expect(rule).toBe('new');
    // After it: tracking, and the device, season and hemisphere of attributes(); never the source tables here.
    expect(order[0]).toBe('decided');
    expect(order.slice(1).sort()).toEqual(['personalize-track.js', 'personalize-tz.js', 'personalize-ua.js']);
    expect(warnings).toEqual([]);
  });

  it('makes a rule on device wait for the UA parser, and decide as it would with it', async () => {
    const config = {
      segments: {},
      slots: {
        hero: {
          rules: [
            { id: 'phone', when: "device = 'mobile'", content: hero('On the go') },
            { id: 'other', content: hero('Welcome') },
          ],
        },
      },
    };
    const { order, rule } = await open(config, { userAgent: IPHONE, serverContext: { country: 'US' } });
    expect(rule).toBe('phone');
    expect(order.indexOf('personalize-ua.js')).toBeLessThan(order.indexOf('decided'));
  });

  it('makes a rule on the hemisphere wait for the zone tables, even on a store that prints the country', async () => {
    const config = {
      segments: {},
      slots: {
        hero: {
          rules: [
            { id: 'south', when: "hemisphere = 'south'", content: hero('Summer sale') },
            { id: 'other', content: hero('Welcome') },
          ],
        },
      },
    };
    const { order, rule, warnings } = await open(config, {
      timezoneId: 'Australia/Sydney',
      serverContext: { country: 'AU' },
    });
    expect(rule).toBe('south');
    expect(order.indexOf('personalize-tz.js')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('personalize-tz.js')).toBeLessThan(order.indexOf('decided'));
    expect(warnings).toEqual([]);
  });

  it('shows what the rules give without a file that cannot be loaded, with one warning and no error', async () => {
    context = await newContext({ userAgent: IPHONE });
    await context.route('**/personalize-ua.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
    const config = {
      segments: {},
      slots: {
        hero: {
          rules: [
            { id: 'phone', when: "device = 'mobile'", content: hero('On the go') },
            { id: 'other', content: hero('Welcome') },
          ],
        },
      },
    };
    const { page, warnings, errors } = await openPage('/fixture/chunk-missing', {
      context,
      html: fixtureHtml({ config, body, context: { country: 'US' } }),
    });
    // The device is unknown, so `device = 'mobile'` is false: the next rule decides, and the slot is shown.
    expect(
      await page.evaluate(() => {
        const slot = document.querySelector('[data-p13n-slot="hero"]')!;
        return {
          rule: slot.getAttribute('data-p13n-rule'),
          ready: slot.hasAttribute('data-p13n-ready'),
          visibility: getComputedStyle(slot).visibility,
        };
      }),
    ).toEqual({ rule: 'other', ready: true, visibility: 'visible' });
    expect(warnings.filter((w) => w.includes('[p13n]'))).toEqual([
      expect.stringMatching(/personalize-ua\.js could not be loaded/),
    ]);
    expect(errors).toEqual([]);
  });
});

/**
 * A hero rule every visitor matches: the slot is personalized whatever the files beside it do. The
 * store prints the country, so the time-zone file loads after the first decision (`ready` waits for it),
 * and a busy machine gets its own generous decision timeout.
 */
const everyone = {
  segments: {},
  slots: { hero: { rules: [{ id: 'all', content: hero('Welcome') }] } },
  timeout: 10_000,
};
const serverCountry = { country: 'AU' };
const heroRule = (page: import('playwright-core').Page) =>
  page.locator('[data-p13n-slot="hero"]').getAttribute('data-p13n-rule');

/** Opens the fixture with `personalize-tz.js` answered by `route`, and waits until the tz load has settled. */
async function withTz(fulfill: { status?: number; contentType: string; body: string }) {
  context = await newContext({ timezoneId: 'Australia/Sydney' });
  await context.route('**/personalize-tz.js*', (route) => route.fulfill({ status: 200, ...fulfill }));
  // ready waits for the tz chunk (loaded after the first decision), bounded
  return openPage('/fixture/chunk-tz', {
    context,
    html: fixtureHtml({ config: everyone, body, context: serverCountry }),
  });
}

/** What a store owner's console calls on a page, each guarded: a throw is the finding. */
const apiCalls = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const call = (f: () => unknown) => {
      try {
        return { ok: f() };
      } catch (error) {
        return { threw: String(error) };
      }
    };
    const attributes = call(() => window.p13n!.attributes()) as { ok?: Record<string, unknown>; threw?: string };
    const inspect = call(() => window.p13n!.inspect().version) as { ok?: unknown; threw?: string };
    return {
      attributes: attributes.threw ?? {
        season: attributes.ok?.season,
        hemisphere: attributes.ok?.hemisphere,
      },
      inspect: inspect.threw ?? 'ok',
    };
  });

describe('a file beside personalize.js that is not the one it expects', () => {
  it('reads as unknown when it is from another release, with one warning naming it, and nothing thrown', async () => {
    // An older personalize-tz.js from the browser's cache: it has no hemisphereOf yet.
    const { page, warnings, errors } = await withTz({
      contentType: 'text/javascript',
      body: '(window.__p13nChunks = window.__p13nChunks || {}).tz = { countryForZone: function () { return "AU"; } };',
    });
    expect(await heroRule(page)).toBe('all');
    expect(await apiCalls(page)).toEqual({ attributes: { season: null, hemisphere: null }, inspect: 'ok' });
    expect(warnings.filter((w) => w.includes('[p13n]'))).toEqual([
      expect.stringMatching(/personalize-tz\.js is from another release .*; meanwhile `season`, `hemisphere`/),
    ]);
    expect(errors).toEqual([]);
  });

  it('reads as unknown when it registers something of the wrong shape, without an uncaught error or blaming IndexedDB', async () => {
    const { page, warnings, errors } = await withTz({
      contentType: 'text/javascript',
      body: '(window.__p13nChunks = window.__p13nChunks || {}).tz = 42;',
    });
    expect(await heroRule(page)).toBe('all');
    expect(await apiCalls(page)).toEqual({ attributes: { season: null, hemisphere: null }, inspect: 'ok' });
    expect(warnings.filter((w) => w.includes('[p13n]'))).toEqual([
      expect.stringMatching(/^\[p13n\] personalize-tz\.js /),
    ]);
    expect(errors).toEqual([]);
  });

  it('never runs the theme’s HTML 404 page answered with 200 as script: one warning, no page error', async () => {
    const { page, warnings, errors } = await withTz({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><html><head><title>Page not found</title></head><body><h1>404</h1><script>window.ran = true</script></body></html>',
    });
    expect(await heroRule(page)).toBe('all'); // slots are still personalized
    expect(await apiCalls(page)).toEqual({ attributes: { season: null, hemisphere: null }, inspect: 'ok' });
    expect(warnings.filter((w) => w.includes('[p13n]'))).toEqual([
      expect.stringMatching(/personalize-tz\.js could not be loaded from .* \(missing, or not served as JavaScript\)/),
    ]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as Window & { ran?: boolean }).ran)).toBeUndefined();
  });

  it('runs as it did with every file of the same build, on the same page', async () => {
    const opened = await openPage('/fixture/chunk-tz', {
      contextOptions: { timezoneId: 'Australia/Sydney' },
      html: fixtureHtml({ config: everyone, body, context: serverCountry }),
    });
    context = opened.context;
    const { page, warnings, errors } = opened;
    expect(await apiCalls(page)).toEqual({
      attributes: { season: expect.any(String), hemisphere: 'south' },
      inspect: 'ok',
    });
    expect(warnings.filter((w) => w.includes('[p13n]'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('the query of personalize.js (Shopify’s ?v=)', () => {
  it('is passed on to every file it loads, the Shopify file and the debug panel included', async () => {
    context = await newContext();
    const requested: string[] = [];
    context.on('request', (request) => {
      const { pathname, search } = new URL(request.url());
      if (/^\/personalize[\w-]*\.js$/.test(pathname)) requested.push(`${pathname.slice(1)}${search}`);
    });
    const html = fixtureHtml({
      config: everyone,
      body,
      context: { cart: { total_price: 0, item_count: 0, currency: 'NOK' } }, // a Shopify store
    }).replace('<script src="/personalize.js">', '<script src="/personalize.js?v=123">');
    const { page, errors } = await openPage('/fixture/versioned?p13n_debug=1', {
      context,
      html,
      serveAt: '/fixture/versioned*',
    });
    await page.locator('#p13n-debug').waitFor({ state: 'attached' });
    await page.waitForFunction(
      () => !!(window as Window & { __p13nChunks?: { shopify?: unknown } }).__p13nChunks?.shopify,
    );
    expect(requested.filter((file) => /shopify|debug/.test(file)).sort()).toEqual([
      'personalize-debug.js?v=123',
      'personalize-shopify.js?v=123',
    ]);
    expect(requested.every((file) => file.endsWith('?v=123'))).toBe(true);
    expect(errors).toEqual([]);
  });
});
