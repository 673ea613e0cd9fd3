/**
 * Pages that broke the built-ins we use, in real Chromium: a theme that replaces JSON.parse and
 * JSON.stringify (before or after our script runs), Prototype.js's Array#toJSON, a read-only
 * `window.p13n` and a removed `window.Promise`. Each ends with the slot shown, `ready` settled, no
 * uncaught error, and at most one warning that says what really happened.
 */
import { describe, expect, it } from 'vitest';
import { fixtureHtml, ready, type Watched } from './harness.js';
import { openPage } from './pages.js';
import { p13nWarnings } from './idb.js';

const config = {
  segments: { everyone: 'visits >= 1' },
  slots: {
    hero: {
      rules: [{ id: 'counted', when: 'everyone', content: { type: 'hero', heading: 'Page view {{pageviews}}' } }],
    },
  },
};
const context = { customer: { id: 'c1', tags: ['vip', 'b2b'] } };
const body = '<section data-p13n-slot="hero"><h1>Default hero</h1></section>';

/** A page of its own test's context (closed after the test by harness.ts). */
function load(head: string, init?: () => void): Promise<Watched> {
  return openPage('/fixture/hostile', {
    contextOptions: { timezoneId: 'America/New_York' },
    init: init ? [init] : [],
    html: fixtureHtml({ config, context, body, head }),
    ready: false,
  });
}

const heroShown = (watched: Watched) =>
  watched.page.evaluate(() => {
    const hero = document.querySelector('[data-p13n-slot="hero"]')!;
    return {
      text: (hero as HTMLElement).innerText,
      visible: getComputedStyle(hero).visibility === 'visible',
      ready: hero.hasAttribute('data-p13n-ready'),
    };
  });

/** `ready` settles (resolves: it never rejects) — the value says which. */
const settled = (watched: Watched) =>
  watched.page.evaluate(() =>
    window.p13n!.ready.then(
      () => 'resolved',
      (error: unknown) => `rejected: ${String(error)}`,
    ),
  );

describe('a theme that replaces JSON', () => {
  const breakJson = `<script>
    JSON.parse = function () { throw new Error('theme JSON.parse'); };
    JSON.stringify = function () { throw new Error('theme JSON.stringify'); };
  </script>`;

  it('before our script: personalized all the same, ready resolves, nothing uncaught', async () => {
    const watched = await load(breakJson);
    await ready(watched.page);
    expect(await settled(watched)).toBe('resolved');
    expect(await heroShown(watched)).toEqual({ text: 'Page view 1', visible: true, ready: true });
    expect(await watched.page.evaluate(() => window.p13n!.attributes()!.tags)).toEqual(['vip', 'b2b']);
    expect(await watched.page.evaluate(() => window.p13n!.decisions()[0]!.rule)).toBe('counted');
    expect(watched.errors).toEqual([]);
    expect(p13nWarnings(watched.warnings)).toEqual([]);
  });

  it('after our script (replaced before our first decision): the same', async () => {
    // Runs at the end of the parser, while the profile read is still under way.
    const watched = await load('', () =>
      document.addEventListener('DOMContentLoaded', () => {
        JSON.parse = () => {
          throw new Error('theme JSON.parse');
        };
        JSON.stringify = () => {
          throw new Error('theme JSON.stringify');
        };
      }),
    );
    await ready(watched.page);
    expect(await settled(watched)).toBe('resolved');
    expect(await heroShown(watched)).toEqual({ text: 'Page view 1', visible: true, ready: true });
    await watched.page.evaluate(() => window.p13n!.track('add_to_cart', { value: 12 }));
    expect(await watched.page.evaluate(() => window.p13n!.attributes()!.cart_value)).toBe(12);
    expect(watched.errors).toEqual([]);
    expect(p13nWarnings(watched.warnings)).toEqual([]);
  });
});

describe('Prototype.js (Array.prototype.toJSON)', () => {
  it('decisions(), attributes() and profile() return arrays and objects, not strings', async () => {
    const prototypeJs = `<script>Array.prototype.toJSON = function () { return JSON.stringify(this.slice()); };</script>`;
    const watched = await load(prototypeJs);
    await ready(watched.page);
    const shapes = await watched.page.evaluate(() => ({
      decisions: Array.isArray(window.p13n!.decisions()),
      tags: Array.isArray(window.p13n!.attributes()!.tags),
      transactions: Array.isArray(window.p13n!.profile()!.transactions),
    }));
    expect(shapes).toEqual({ decisions: true, tags: true, transactions: true });
    expect(watched.errors).toEqual([]);
  });
});

describe('a page that took window.p13n', () => {
  it('read-only: the script stays out, says so once, and leaves the slot with its default', async () => {
    const taken = `<style>[data-p13n-slot]:not([data-p13n-ready]){visibility:hidden}</style><script>Object.defineProperty(window, 'p13n', { value: Object.freeze({ mine: true }), writable: false, configurable: false });</script>`;
    const watched = await load(taken);
    await watched.page.locator('[data-p13n-slot="hero"][data-p13n-ready]').waitFor({ state: 'visible' });
    expect((await heroShown(watched)).text).toBe('Default hero');
    expect(await watched.page.evaluate(() => (window as unknown as { p13n: { mine: boolean } }).p13n.mine)).toBe(true);
    expect(await watched.page.evaluate(() => indexedDB.databases().then((dbs) => dbs.map((db) => db.name)))).toEqual(
      [],
    );
    expect(p13nWarnings(watched.warnings)).toEqual([
      expect.stringMatching(/window\.p13n is already taken.*personalization is off/),
    ]);
    expect(watched.errors).toEqual([]);
  });
});

describe('a page without window.Promise', () => {
  it('one warning, the slot shown with its default', async () => {
    // page.evaluate needs the page's Promise; locators run in Playwright's own world, which keeps it.
    const watched = await load(
      '<style>[data-p13n-slot]:not([data-p13n-ready]){visibility:hidden}</style><script>delete window.Promise;</script>',
    );
    const hero = watched.page.locator('[data-p13n-slot="hero"][data-p13n-ready]');
    await hero.waitFor({ state: 'visible' });
    expect(await hero.innerText()).toBe('Default hero');
    expect(p13nWarnings(watched.warnings)).toEqual([expect.stringMatching(/Promise/)]);
    expect(watched.errors).toEqual([]);
  });
});
