/**
 * When slots are decided and shown: after the timeout, when the script runs late, when slots arrive
 * later (lazy sections, a re-rendered section, an SPA route), and when the profile changes.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paintReport, recordPaints } from '../../bench/paint-recorder.mjs';
import { bundle, fixtureHtml, newContext, ready, serveFixture, watch } from './harness.js';
import { openPage } from './pages.js';
import { delayIndexedDb } from './slow-storage.js';
import { HIDING_STYLE } from '../../demo/pages.mjs';

let context: BrowserContext;
// Closed after each test by harness.ts.

const HERO = { hero: '[data-p13n-slot="hero"]' };
const heroHtml = (text = 'Default hero') => `<section data-p13n-slot="hero"><h1 class="default">${text}</h1></section>`;
const banner = (heading: string) => ({ type: 'hero', heading });
const twoFrames = (page: Page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
const heroState = (page: Page) =>
  page.evaluate(() => {
    const hero = document.querySelector('[data-p13n-slot="hero"]')!;
    return {
      rule: hero.getAttribute('data-p13n-rule'),
      text: hero.textContent!.trim(),
      ready: hero.hasAttribute('data-p13n-ready'),
    };
  });

async function open(path: string, html: string, init: Array<[(arg: never) => void, unknown]> = []) {
  const watched = await openPage(path, { html, init: [[recordPaints, HERO], ...init] });
  context = watched.context;
  await twoFrames(watched.page);
  return watched;
}

describe('the timeout', () => {
  const config = {
    timeout: 50,
    segments: { carted: 'cart_value > 0' },
    slots: {
      hero: {
        rules: [
          { id: 'cart', when: 'carted', content: banner('Your cart is waiting') },
          { id: 'everyone', content: banner('Welcome') },
        ],
      },
    },
  };

  it('shows the default when the profile is slow, and keeps it when the decision arrives and is re-made unchanged', async () => {
    const { page, warnings } = await open('/timeout', fixtureHtml({ config, body: heroHtml() }), [
      [delayIndexedDb, 300],
    ]);
    expect(await heroState(page)).toEqual({ rule: null, text: 'Default hero', ready: true });
    expect(await page.evaluate(() => window.p13n!.decisions()[0]!.rule)).toBe('everyone');
    expect(warnings.filter((w) => w.includes('no decision within 50 ms'))).toHaveLength(1);

    await page.evaluate(() => window.p13n!.track('newsletter_signup'));
    await twoFrames(page);
    expect(await heroState(page), 're-decided, same decision: still the default').toMatchObject({
      rule: null,
      text: 'Default hero',
    });

    await page.evaluate(() => window.p13n!.track('add_to_cart', { value: 30 }));
    await twoFrames(page);
    expect(await heroState(page), 'a new decision, after the shopper acted, renders').toMatchObject({
      rule: 'cart',
      text: 'Your cart is waiting',
    });
    const report = await paintReport(page, HERO);
    expect(report.slots.hero.final).toBe('personalized');
  });
});

describe('a script that runs after the page was painted (async, deferred, tag manager)', () => {
  const config = { segments: {}, slots: { hero: { rules: [{ id: 'everyone', content: banner('Welcome') }] } } };
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>late</title>
<script type="application/json" id="p13n-config">${JSON.stringify(config)}</script></head>
<body>${heroHtml()}<div id="later"></div></body></html>`;

  async function loadLate() {
    const watched = await openWithoutScript();
    await watched.page.evaluate((code) => {
      const script = document.createElement('script');
      script.textContent = code; // as an async tag would run it: after parsing and painting
      document.head.append(script);
    }, bundle());
    await ready(watched.page);
    await twoFrames(watched.page);
    return watched;
  }

  async function openWithoutScript() {
    context = await newContext();
    await context.addInitScript(recordPaints, HERO);
    const url = await serveFixture(context, '/late', page);
    const watched = watch(await context.newPage());
    await watched.page.goto(url);
    await twoFrames(watched.page);
    return watched;
  }

  it('leaves slots the shopper has already seen as they are, and says why once', async () => {
    const { page, warnings, errors } = await loadLate();
    expect(await heroState(page)).toEqual({ rule: null, text: 'Default hero', ready: true });
    expect((await paintReport(page, HERO)).slots.hero).toMatchObject({ flicker: false, hiddenFrames: 0 });
    expect(warnings.filter((w) => w.includes('ran after some slots were already shown'))).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('never paints the default and then swaps it when the tag is async, however early it runs', async () => {
    const asyncPage = fixtureHtml({ config, body: heroHtml() }).replace(
      '<script src="/personalize.js"></script>',
      '<script src="/personalize.js" async></script>',
    );
    for (let i = 0; i < 3; i++) {
      const { page: tab } = await open('/async', asyncPage);
      expect((await paintReport(tab, HERO)).slots.hero.flicker).toBe(false);
      await context.close();
    }
  });

  it('still personalizes slots that appear after it ran', async () => {
    const { page } = await loadLate();
    await page.evaluate(() => {
      document.querySelector('[data-p13n-slot="hero"]')!.remove();
      document.getElementById('later')!.innerHTML = '<section data-p13n-slot="hero"><h1>Default hero</h1></section>';
    });
    await twoFrames(page);
    expect(await heroState(page)).toMatchObject({ rule: 'everyone', text: 'Welcome' });
  });
});

describe('slots that appear later', () => {
  const config = {
    segments: { on_sale_page: "path = '/sale'" },
    slots: {
      hero: {
        rules: [
          { id: 'sale', when: 'on_sale_page', content: banner('Sale: 20% off') },
          { id: 'everyone', content: banner('Welcome') },
        ],
      },
    },
  };

  it('personalizes a lazy section before it is ever painted', async () => {
    const { page } = await open('/lazy', fixtureHtml({ config, body: '<main id="main"></main>' }));
    await page.evaluate((html) => {
      setTimeout(() => document.getElementById('main')!.insertAdjacentHTML('beforeend', html), 50);
    }, heroHtml());
    await page.waitForFunction(() => document.querySelector('[data-p13n-slot="hero"]'));
    await twoFrames(page);
    expect(await heroState(page)).toMatchObject({ rule: 'everyone', text: 'Welcome' });
    expect((await paintReport(page, HERO)).slots.hero).toMatchObject({ flicker: false, final: 'personalized' });
  });

  it('personalizes a section the theme re-renders (Shopify section rendering replaces the element)', async () => {
    const { page } = await open(
      '/section',
      fixtureHtml({ config, body: `<div id="shopify-section-hero">${heroHtml()}</div>` }),
    );
    expect(await heroState(page)).toMatchObject({ rule: 'everyone' });
    const before = (await paintReport(page, HERO)).slots.hero;
    await page.evaluate((html) => {
      document.getElementById('shopify-section-hero')!.innerHTML = html;
    }, heroHtml('Fresh default from the server'));
    await twoFrames(page);
    expect(await heroState(page)).toMatchObject({ rule: 'everyone', text: 'Welcome' });
    const after = (await paintReport(page, HERO)).slots.hero;
    expect(after).toMatchObject({ flicker: false, final: 'personalized', hiddenFrames: before.hiddenFrames });
  });

  it('re-decides on an SPA route change (pushState, popstate) and renders the new route’s slots for it', async () => {
    const { page } = await open('/spa', fixtureHtml({ config, body: `<main id="app">${heroHtml()}</main>` }));
    expect(await heroState(page)).toMatchObject({ rule: 'everyone' });
    const pageviews = await page.evaluate(() => window.p13n!.profile()!.pageviews);

    // The router renders the new route's DOM first, then pushes its URL, in one task.
    await page.evaluate((html) => {
      document.getElementById('app')!.innerHTML = html;
      history.pushState({}, '', '/sale');
    }, heroHtml('Sale page default'));
    await twoFrames(page);
    expect(await heroState(page)).toMatchObject({ rule: 'sale', text: 'Sale: 20% off' });
    expect(await page.evaluate(() => window.p13n!.attributes()!.path)).toBe('/sale');
    expect(await page.evaluate(() => window.p13n!.profile()!.pageviews)).toBe(pageviews + 1);

    await page.evaluate(() => window.p13n!.refresh()); // an app that also calls refresh() on its route changes
    expect(await page.evaluate(() => window.p13n!.profile()!.pageviews), 'one page view per URL').toBe(pageviews + 1);

    await page.evaluate(() => history.back());
    await page.waitForFunction(() => location.pathname === '/spa');
    await twoFrames(page);
    expect(await heroState(page)).toMatchObject({ rule: 'everyone', text: 'Welcome' });
    expect((await paintReport(page, HERO)).slots.hero.flicker).toBe(false);
  });
});

describe('re-deciding when the profile changes', () => {
  const config = {
    segments: { carted: 'cart_value > 0', member: 'logged_in' },
    slots: {
      hero: {
        rules: [
          {
            id: 'test',
            variants: [
              { id: 'a', weight: 1, content: banner('Variant A') },
              { id: 'b', weight: 1, content: banner('Variant B') },
            ],
          },
        ],
      },
      cart: { rules: [{ id: 'cart', when: 'carted', content: banner('Your cart is waiting') }] },
      account: { rules: [{ id: 'member', when: 'member', content: banner('Welcome back, member') }] },
    },
  };
  const body = `${heroHtml()}<div data-p13n-slot="cart"><p>No cart</p></div><div data-p13n-slot="account"><p>Sign in</p></div>`;

  it('renders only the slots whose decision changed, and never moves a visitor to another variant', async () => {
    const { page } = await open('/redecide', fixtureHtml({ config, body }));
    const variant = await page.evaluate(() => window.p13n!.decisions().find((d) => d.slot === 'hero')!.variant);
    await page.evaluate(() => {
      const w = window as Window & { mutated?: string[] };
      w.mutated = [];
      for (const slot of document.querySelectorAll('[data-p13n-slot]')) {
        new MutationObserver(() => w.mutated!.push(slot.getAttribute('data-p13n-slot')!)).observe(slot, {
          childList: true,
          subtree: true,
          attributes: true,
          characterData: true,
        });
      }
    });
    await page.evaluate(() => window.p13n!.track('add_to_cart', { value: 20 }));
    await page.evaluate(() => window.p13n!.track('login'));
    await twoFrames(page);
    const mutated = await page.evaluate(() => [...new Set((window as Window & { mutated?: string[] }).mutated)].sort());
    expect(mutated).toEqual(['account', 'cart']);
    expect(await page.evaluate(() => window.p13n!.decisions().find((d) => d.slot === 'hero')!.variant)).toBe(variant);
    expect(await page.evaluate(() => Object.keys(window.p13n!.profile()!.assignments))).toEqual(['test@1']);
  });
});

describe('the async install (README: the hiding style, then <script async>)', () => {
  const config = { segments: {}, slots: { hero: { rules: [{ id: 'everyone', content: banner('Welcome') }] } } };
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>async</title>
${HIDING_STYLE}
<script type="application/json" id="p13n-config">${JSON.stringify(config)}</script></head>
<body>${heroHtml()}</body></html>`;

  /** Opens the page without the script, optionally waits for the style's own reveal, then adds `<script async src>`. */
  async function openThenLoad(afterReveal: boolean) {
    context = await newContext();
    await context.addInitScript(recordPaints, HERO);
    const url = await serveFixture(context, '/async-install', page);
    const watched = watch(await context.newPage());
    await watched.page.goto(url);
    await twoFrames(watched.page);
    if (afterReveal) {
      // The style reveals the slot by itself 1.5 s after it appeared: the animation's end is the event to wait for.
      await watched.page.evaluate(
        () =>
          new Promise<void>((done) => {
            const hero = document.querySelector('[data-p13n-slot="hero"]')!;
            if (getComputedStyle(hero).visibility === 'visible') done();
            else hero.addEventListener('animationend', () => done(), { once: true });
          }),
      );
      await twoFrames(watched.page);
    }
    await watched.page.evaluate(() => {
      const script = document.createElement('script');
      script.src = '/personalize.js';
      script.async = true;
      document.head.append(script);
    });
    await ready(watched.page);
    await twoFrames(watched.page);
    return watched;
  }

  it('personalizes a slot the hiding style still hides, though the script ran after it was parsed, without a swap', async () => {
    const { page: tab, warnings, errors } = await openThenLoad(false);
    expect(await heroState(tab)).toMatchObject({ rule: 'everyone', text: 'Welcome', ready: true });
    expect((await paintReport(tab, HERO)).slots.hero).toMatchObject({ flicker: false, final: 'personalized' });
    expect(warnings.filter((w) => w.includes('already shown'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps the default of a slot the hiding style has revealed (script later than 1.5 s), and says why once', async () => {
    const { page: tab, warnings, errors } = await openThenLoad(true);
    expect(await heroState(tab)).toEqual({ rule: null, text: 'Default hero', ready: true });
    expect((await paintReport(tab, HERO)).slots.hero).toMatchObject({ flicker: false, final: 'default' });
    expect(warnings.filter((w) => w.includes('ran after some slots were already shown'))).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
