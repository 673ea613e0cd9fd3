/**
 * IndexedDB under other parties' hands, in real Chromium: another tab deletes the database, and a
 * repeat visit whose IndexedDB does not answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { baseUrl, fixtureHtml, newContext, ready, serveFixture, storedProfile, watch, writesDone } from './harness.js';
import { blankPage, p13nWarnings, records } from './idb.js';

const NEW_YORK = { timezoneId: 'America/New_York' };
const config = {
  segments: { returning: 'visits >= 2 OR pageviews >= 2' },
  slots: {
    hero: {
      rules: [
        { id: 'welcome-back', when: 'returning', content: { type: 'hero', heading: 'Welcome back' } },
        { id: 'hello', content: { type: 'hero', heading: 'Hello, page view {{pageviews}}' } },
      ],
    },
  },
};
const body = '<section data-p13n-slot="hero"><h1>Default hero</h1></section>';

let context: BrowserContext;
afterEach(async () => {
  await context?.close();
});

describe('another tab deletes the database', () => {
  it('is not blocked by our connection, and the next tab is personalized without the timeout', async () => {
    context = await newContext(NEW_YORK);
    const url = await serveFixture(context, '/fixture/storage', fixtureHtml({ config, body }));
    const first = watch(await context.newPage());
    await first.page.goto(url);
    await ready(first.page);
    await expect
      .poll(async () => ((await records(first.page))?.visitor as { pageviews?: number } | undefined)?.pageviews)
      .toBe(1);

    // A privacy tool in another tab, while the first keeps its page open.
    const other = await blankPage(context);
    const outcome = await other.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          const request = indexedDB.deleteDatabase('p13n');
          request.onblocked = () => seen.push('blocked');
          request.onsuccess = () => resolve([...seen, 'deleted']);
          request.onerror = () => resolve([...seen, 'error']);
        }),
    );
    expect(outcome).toEqual(['deleted']);

    const next = watch(await context.newPage());
    await next.page.goto(url);
    await ready(next.page);
    expect(await next.page.locator('[data-p13n-slot="hero"] h2').innerText()).toBe('Hello, page view 1');
    expect(p13nWarnings(next.warnings)).toEqual([]);
    expect(await next.page.evaluate(() => window.p13n!.decisions()[0]!.rule)).toBe('hello');

    // The first tab reopens on its next need: its event is stored in the new database.
    await first.page.evaluate(() => window.p13n!.track('add_to_cart', { value: 20 }));
    await expect
      .poll(async () => ((await records(first.page))?.visitor as { cartValue?: number } | undefined)?.cartValue)
      .toBe(20);
    expect(p13nWarnings(first.warnings)).toEqual([]);
    expect([...first.errors, ...next.errors]).toEqual([]);
  });
});

/**
 * Init script: while localStorage holds `hang-idb`, `indexedDB.open` answers nothing until the page
 * calls `__releaseIndexedDb()`, as a stuck IndexedDB on a busy phone. Every slot text shown is kept
 * in `__slotTexts`, to count swaps.
 */
function hangIndexedDb(): void {
  const w = window as unknown as { __releaseIndexedDb: () => void; __slotTexts: string[] };
  w.__slotTexts = [];
  new MutationObserver(() => {
    const text = document.querySelector('[data-p13n-slot="hero"]')?.textContent?.trim();
    if (text && w.__slotTexts.at(-1) !== text) w.__slotTexts.push(text);
  }).observe(document, { childList: true, subtree: true, characterData: true });
  if (!localStorage.getItem('hang-idb')) return;
  const realOpen = indexedDB.open.bind(indexedDB);
  const held: Array<() => void> = [];
  let released = false;
  w.__releaseIndexedDb = () => {
    released = true;
    held.splice(0).forEach((run) => run());
  };
  indexedDB.open = ((...args: [string, number?]) => {
    if (released) return realOpen(...args);
    const request: Record<string, unknown> = {
      onsuccess: null,
      onerror: null,
      onupgradeneeded: null,
      onblocked: null,
      result: undefined,
      error: null,
      transaction: null,
    };
    held.push(() => {
      const real = realOpen(...args);
      for (const type of ['success', 'error', 'upgradeneeded', 'blocked']) {
        real.addEventListener(type, (event) => {
          try {
            request.result = real.result;
          } catch {
            /* no result on error */
          }
          request.error = real.error;
          request.transaction = real.transaction;
          (request[`on${type}`] as ((event: Event) => void) | null)?.call(request, event);
        });
      }
    });
    return request as unknown as IDBOpenDBRequest;
  }) as IDBFactory['open'];
}

describe('a repeat visit whose IndexedDB does not answer', () => {
  it('is personalized from the snapshot, swaps no slot twice, and records the page view once IndexedDB answers', async () => {
    context = await newContext(NEW_YORK);
    await context.addInitScript(hangIndexedDb);
    const url = await serveFixture(context, '/fixture/storage', fixtureHtml({ config, body }));
    const watched = watch(await context.newPage());
    const { page } = watched;
    await page.goto(url);
    await ready(page);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('p13n:snapshot') !== null)).toBe(true);

    await page.evaluate(() => localStorage.setItem('hang-idb', '1'));
    await page.reload();
    await ready(page);
    expect(await page.locator('[data-p13n-slot="hero"] h2').innerText()).toBe('Welcome back');
    expect(await page.evaluate(() => window.p13n!.attributes()!.pageviews)).toBe(2);
    await page.evaluate(() => (window as unknown as { __releaseIndexedDb: () => void }).__releaseIndexedDb());
    await expect
      .poll(async () => ((await records(page))?.visitor as { pageviews?: number } | undefined)?.pageviews)
      .toBe(2);
    const texts = await page.evaluate(() => (window as unknown as { __slotTexts: string[] }).__slotTexts);
    // The default, parsed while hidden, then the decision: never a second content.
    expect(texts.filter((text) => text !== 'Default hero')).toEqual(['Welcome back']);
    expect(p13nWarnings(watched.warnings)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});

describe('a consenting signed-in customer (the demo store)', () => {
  it('is one visitor in attributes() and profile() after login, consent, a product, add to cart and the cart', async () => {
    for (let run = 0; run < 3; run++) {
      context = await newContext();
      const watched = watch(await context.newPage());
      const { page } = watched;
      await page.goto(`${baseUrl()}/account/login?as=customer`);
      await ready(page);
      await page.locator('.consent-banner').getByRole('button', { name: 'Accept' }).click();
      await writesDone(page); // consent's write has landed (a navigation may cut off a write in flight)
      await page.goto(`${baseUrl()}/products/cork-yoga-block`);
      await ready(page);
      await page.getByRole('button', { name: /add to cart/i }).click();
      await writesDone(page);
      await page.goto(`${baseUrl()}/cart`);
      await ready(page);
      await expect.poll(async () => (await storedProfile(page))?.pageviews).toBe(3);
      const views = () =>
        page.evaluate(() => {
          const profile = window.p13n!.profile()!;
          const attributes = window.p13n!.attributes()!;
          return {
            profile: [profile.pageviews, profile.cartValue > 0],
            attributes: [attributes.pageviews, (attributes.cart_value as number) > 0],
          };
        });
      await expect.poll(views).toEqual({ profile: [3, true], attributes: [3, true] });
      expect(watched.errors).toEqual([]);
      await context.close();
    }
  }, 60_000);
});
