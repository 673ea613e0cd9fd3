/**
 * Never break the store, in real Chromium: each failure ends with the default content visible (or
 * personalization from memory), at most one `[p13n]` warning naming the cause, no uncaught error,
 * and nothing lost that was stored. A config that is not JSON, a bad segment or rule, and a slot
 * missing from the page are checked through boot in Node (test/unit/app/config-trouble.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { baseUrl, bundle, fixtureHtml, newContext, writesDone, type Watched } from './harness.js';
import { openPage } from './pages.js';
import { blankPage, p13nWarnings, profileRecord, records, seed } from './idb.js';

const config = {
  segments: { returning: 'visits >= 2' },
  slots: {
    hero: { rules: [{ id: 'counted', content: { type: 'hero', heading: 'Page view {{pageviews}}' } }] },
  },
};
const body = '<section data-p13n-slot="hero"><h1 class="default">Default hero</h1></section>';
const NEW_YORK = { timezoneId: 'America/New_York' };

let context: BrowserContext | undefined;
// Closed after each test by harness.ts; forgotten here, so the next test's load() opens its own.
afterEach(() => {
  context = undefined;
});

async function load(
  html: string,
  { init, path = '/fixture/trust' }: { init?: () => void; path?: string } = {},
): Promise<Watched> {
  context ??= await newContext(NEW_YORK);
  return openPage(path, { context, html, init: init ? [init] : [] });
}

const hero = (page: Page) => page.locator('[data-p13n-slot="hero"]');
const heroText = (page: Page) => hero(page).innerText();
const stored = async (page: Page) => (await records(page))?.visitor as Record<string, unknown> | undefined;

/** Default content visible, or personalization from memory: either way the slot is shown. */
async function expectShown(page: Page, text: string | RegExp) {
  await expect(hero(page).isVisible()).resolves.toBe(true);
  expect(await heroText(page)).toMatch(text);
}

function expectOneWarning(watched: Watched, cause: RegExp) {
  expect(p13nWarnings(watched.warnings)).toEqual([expect.stringMatching(cause)]);
  expect(watched.errors).toEqual([]);
}

describe('storage trouble', () => {
  it('IndexedDB missing: personalized from memory, one warning', async () => {
    const watched = await load(fixtureHtml({ config, body }), {
      init: () => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }),
    });
    await expectShown(watched.page, 'Page view 1');
    await watched.page.evaluate(() => window.p13n!.track('add_to_cart', { value: 10 }));
    expectOneWarning(watched, /IndexedDB is unavailable/);
  });

  it('IndexedDB blocked for a visitor who refused (Global Privacy Control): nothing to erase, no warning', async () => {
    const watched = await load(fixtureHtml({ config, body }), {
      init: () => {
        Object.defineProperty(window, 'indexedDB', {
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
        Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
      },
    });
    await expectShown(watched.page, 'Page view 1');
    await watched.page.evaluate(() => window.p13n!.forget());
    expect(p13nWarnings(watched.warnings)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('IndexedDB throwing on open (Firefox private windows before version 115): from memory, one warning', async () => {
    const watched = await load(fixtureHtml({ config, body }), {
      init: () => {
        IDBFactory.prototype.open = () => {
          throw new DOMException(
            'A mutation operation was attempted on a database that did not allow mutations.',
            'InvalidStateError',
          );
        };
      },
    });
    await expectShown(watched.page, 'Page view 1');
    expectOneWarning(watched, /IndexedDB is unavailable.*InvalidStateError/);
  });

  it('IndexedDB failing asynchronously (blocked storage): from memory, one warning', async () => {
    const watched = await load(fixtureHtml({ config, body }), {
      init: () => {
        IDBFactory.prototype.open = function () {
          const request = {
            error: new DOMException('The user denied permission to access the database.', 'UnknownError'),
            result: undefined,
          } as unknown as IDBOpenDBRequest;
          setTimeout(() => request.onerror?.(new Event('error')));
          return request;
        };
      },
    });
    await expectShown(watched.page, 'Page view 1');
    expectOneWarning(watched, /IndexedDB is unavailable.*UnknownError/);
  });

  it('IndexedDB never answering (a Safari bug): defaults shown at the timeout, one warning', async () => {
    const watched = await load(fixtureHtml({ config, body }), {
      init: () => {
        IDBFactory.prototype.open = () => ({}) as IDBOpenDBRequest;
      },
    });
    await expectShown(watched.page, 'Default hero');
    // ready settles after the store's own 3 s timeout, so the late failure has happened: it must not warn again.
    await expect.poll(() => p13nWarnings(watched.warnings).length).toBeGreaterThan(0);
    expectOneWarning(watched, /no decision within 1000 ms.*IndexedDB/);
  });

  it('quota exceeded on write: personalized from memory, one warning, the stored record intact', async () => {
    context = await newContext(NEW_YORK);
    const seeded = profileRecord({ pageviews: 3 });
    await seed(await blankPage(context), { visitor: seeded });
    // As Chromium reports it: the write's transaction aborts with a QuotaExceededError.
    const watched = await load(fixtureHtml({ config, body }), {
      init: () => {
        const put = IDBObjectStore.prototype.put;
        const quota = new WeakSet<IDBTransaction>();
        Object.defineProperty(IDBTransaction.prototype, 'error', {
          get(this: IDBTransaction) {
            return quota.has(this) ? new DOMException('The quota has been exceeded.', 'QuotaExceededError') : null;
          },
        });
        IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
          const request = put.apply(this, args);
          quota.add(this.transaction);
          queueMicrotask(() => this.transaction.abort());
          return request;
        };
      },
    });
    await expectShown(watched.page, 'Page view 4');
    await watched.page.evaluate(() => window.p13n!.track('add_to_cart', { value: 10 }));
    expect(await watched.page.evaluate(() => window.p13n!.attributes()!.cart_value)).toBe(10);
    await expect.poll(() => p13nWarnings(watched.warnings).length).toBe(1);
    expectOneWarning(watched, /could not be saved.*quota/i);
    expect(await records(watched.page)).toEqual({ visitor: seeded });
  });

  it('quota exceeded thrown by put() itself: the same', async () => {
    const watched = await load(fixtureHtml({ config, body }), {
      init: () => {
        IDBObjectStore.prototype.put = () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      },
    });
    await expectShown(watched.page, 'Page view 1');
    await expect.poll(() => p13nWarnings(watched.warnings).length).toBe(1);
    expectOneWarning(watched, /could not be saved.*quota/i);
  });

  it('a corrupt record: a new profile, one warning, the record kept aside', async () => {
    context = await newContext(NEW_YORK);
    const corrupt = { version: 1, id: 42, visits: 'many' };
    await seed(await blankPage(context), { visitor: corrupt });
    const watched = await load(fixtureHtml({ config, body }));
    await expectShown(watched.page, 'Page view 1');
    await expect
      .poll(async () => (await records(watched.page))?.['visitor.unreadable'])
      .toMatchObject({ record: corrupt });
    expect(await stored(watched.page)).toMatchObject({ pageviews: 1 });
    expectOneWarning(watched, /unreadable: it is kept aside/);
  });

  it('a record from a newer version: from memory, one warning, the record untouched', async () => {
    context = await newContext(NEW_YORK);
    const future = { version: 99, id: 'from-the-future', shape: { unknown: [1, 2, 3] } };
    await seed(await blankPage(context), { visitor: future });
    const watched = await load(fixtureHtml({ config, body }));
    await expectShown(watched.page, 'Page view 1');
    await watched.page.evaluate(() => window.p13n!.track('add_to_cart', { value: 10 }));
    await writesDone(watched.page);
    expect(await records(watched.page)).toEqual({ visitor: future });
    expectOneWarning(watched, /newer version.*left untouched/);
  });
});

describe('config trouble', () => {
  const remote =
    (status: number, text: string, delayMs = 0) =>
    async (ctx: BrowserContext) => {
      await ctx.route(`${baseUrl()}/remote/p13n.json`, async (route) => {
        if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
        await route.fulfill({ status, contentType: 'application/json', body: text }).catch(() => undefined);
      });
    };
  const remoteHtml = `<!doctype html><html><head><script src="/personalize.js" data-config="/remote/p13n.json"></script></head><body>${body}</body></html>`;

  it.each([
    ['slow (> timeout)', remote(200, JSON.stringify(config), 2500), /no answer within 1000 ms/],
    ['404', remote(404, 'Not found'), /HTTP 404/],
    ['not JSON', remote(200, '<html>oops</html>'), /not valid JSON/],
  ])('a data-config URL that is %s: defaults, one warning', async (_name, serve, cause) => {
    context = await newContext(NEW_YORK);
    await serve(context);
    const watched = await load(remoteHtml, { path: '/fixture/remote' });
    await expectShown(watched.page, 'Default hero');
    await expect.poll(() => p13nWarnings(watched.warnings).length).toBeGreaterThan(0); // console messages arrive asynchronously
    expectOneWarning(watched, cause);
  });
});

describe('page trouble', () => {
  it("a theme that throws in a p13n:* listener: the page error is the theme's own, personalization carries on", async () => {
    const head = `<script>
      document.addEventListener('p13n:ready', () => { throw new Error('theme listener broke'); });
      document.addEventListener('p13n:consent', () => { throw new Error('theme consent listener broke'); });
    </script>`;
    const watched = await load(fixtureHtml({ config, body, head }));
    await expectShown(watched.page, 'Page view 1');
    await watched.page.evaluate(() => window.p13n!.consent(false));
    await watched.page.evaluate(() => {
      history.pushState(null, '', '?page=2'); // the next page of a single-page storefront
      return window.p13n!.refresh();
    });
    expect(await heroText(watched.page)).toBe('Page view 2');
    // dispatchEvent reports a listener's exception as the page's (with the theme's stack) and returns.
    expect(watched.errors).toEqual([
      expect.stringContaining('theme listener broke'),
      expect.stringContaining('theme consent listener broke'),
    ]);
    expect(p13nWarnings(watched.warnings)).toEqual([]);
  });

  it('the script included twice: runs once, one warning', async () => {
    const html = fixtureHtml({ config, body, head: '' }).replace(
      '<script src="/personalize.js"></script>',
      '<script src="/personalize.js"></script><script src="/personalize.js?copy=2"></script>',
    );
    context = await newContext(NEW_YORK);
    await context.route(`${baseUrl()}/personalize.js?copy=2`, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: bundle() }),
    );
    const watched = await load(html);
    await expectShown(watched.page, 'Page view 1');
    expect(await watched.page.locator('.p13n-hero').count()).toBe(1);
    await expect.poll(() => stored(watched.page)).toMatchObject({ pageviews: 1 });
    expectOneWarning(watched, /included twice/);
  });

  it('a page without <head> in its markup', async () => {
    const html =
      `<!doctype html><title>no head</title><script type="application/json" id="p13n-config">${JSON.stringify(config)}</script>` +
      `<script src="/personalize.js"></script>${body}`;
    const watched = await load(html);
    await expectShown(watched.page, 'Page view 1');
    expect(p13nWarnings(watched.warnings)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('a document whose head was removed, in a browser without constructable stylesheets', async () => {
    const html =
      `<!doctype html><html><body><script>document.head.remove();</script>` +
      `<script type="application/json" id="p13n-config">${JSON.stringify(config)}</script><script src="/personalize.js"></script>${body}</body></html>`;
    const watched = await load(html, {
      init: () =>
        Object.defineProperty(Document.prototype, 'adoptedStyleSheets', { get: () => undefined, configurable: true }),
    });
    expect(await watched.page.evaluate(() => document.head)).toBeNull();
    await expectShown(watched.page, 'Page view 1');
    expect(p13nWarnings(watched.warnings)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
