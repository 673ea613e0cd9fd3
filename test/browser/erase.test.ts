/**
 * An erase reaches every live page of the store: after `forget()` or `consent(false)` on one page, no
 * other page (another tab, or a page restored from the back/forward cache) writes the old profile
 * back. Before, a `track('add_to_cart')` on such a page re-created the IndexedDB record with the old
 * visitor id, and rewrote the snapshot.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixtureHtml, newCachingContext, newContext, ready, storedProfile, writesDone } from './harness.js';
import { openPage } from './pages.js';
import { banner } from './lifecycle-fixtures.js';

const config = {
  consent: 'implied',
  segments: { carted: 'cart_value > 0' },
  slots: { hero: { rules: [{ id: 'cart', when: 'carted', content: banner('Your cart is waiting') }] } },
};
const body = '<section data-p13n-slot="hero"><h1>Default hero</h1></section><a id="next" href="/erase/b">Account</a>';

async function open(context: BrowserContext, path: string): Promise<Page> {
  return (await openPage(path, { context, html: fixtureHtml({ config, body }), serveAt: '/erase/**' })).page;
}

const visitorOf = (page: Page) => page.evaluate(() => window.p13n!.profile()!.id);
const snapshotOf = (page: Page) =>
  page.evaluate(() => {
    const text = localStorage.getItem('p13n:snapshot');
    return text === null ? null : (JSON.parse(text) as { id?: string; cartValue?: number });
  });
/** Page A has taken in the erase made elsewhere: it is a new visitor now (the event to wait for, never a delay). */
const tookIn = (page: Page, old: string) => page.waitForFunction((id) => window.p13n!.profile()?.id !== id, old);
/** Page A has taken in a refusal made elsewhere. */
const refused = (page: Page) => page.waitForFunction(() => window.p13n!.attributes()?.consent === false);

/** Runs before the pages' scripts: this browser has no BroadcastChannel (Safari before 15.4). */
function withoutBroadcastChannel(): void {
  delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
}

describe('an erase on one tab', () => {
  it.each([
    ['over a BroadcastChannel', false],
    ['through the storage event, where there is no BroadcastChannel', true],
  ])('forget(): the other tab never writes the old profile back (%s)', async (_how, noChannel) => {
    const context = await newContext();
    if (noChannel) await context.addInitScript(withoutBroadcastChannel);
    const a = await open(context, '/erase/a');
    const b = await open(context, '/erase/b');
    const old = await visitorOf(a);
    expect(await visitorOf(b)).toBe(old);

    await b.evaluate(() => window.p13n!.forget());
    await tookIn(a, old);
    await a.evaluate(() => window.p13n!.track('add_to_cart', { value: 20 }));
    await writesDone(a);
    const stored = await storedProfile(a);
    expect(stored, 'a new record, for a new visitor').toMatchObject({ cartValue: 20, pageviews: 0 });
    expect(stored!.id).not.toBe(old);
    expect((await snapshotOf(a))?.id).not.toBe(old);
    expect(await a.evaluate(() => window.p13n!.profile()!.pageviews), 'nothing of the old profile').toBe(0);
  });

  it('consent(false): the other tab stops storing, and stores nothing more', async () => {
    const context = await newContext();
    const a = await open(context, '/erase/a');
    const b = await open(context, '/erase/b');
    expect(await storedProfile(a)).toBeDefined();

    await b.evaluate(() => window.p13n!.consent(false));
    await refused(a);
    await a.evaluate(() => window.p13n!.track('add_to_cart', { value: 20 }));
    await writesDone(a);
    expect(await storedProfile(a)).toBeUndefined();
    expect(await snapshotOf(a)).toBeNull();
    // It keeps personalizing from memory.
    expect(await a.evaluate(() => document.querySelector('[data-p13n-slot="hero"]')!.textContent)).toBe(
      'Your cart is waiting',
    );
  });
});

describe('an erase, then Back to a page kept in the back/forward cache', () => {
  it.each(['forget', 'consent(false)'])('%s: the restored page never writes the old profile back', async (how) => {
    const context = await newCachingContext();
    await context.addInitScript(() =>
      addEventListener('pageshow', (event) => {
        if (event.persisted) (window as Window & { __restored?: boolean }).__restored = true;
      }),
    );
    const page = await open(context, '/erase/a');
    const old = await visitorOf(page);
    await page.click('#next');
    await page.waitForURL(/\/erase\/b$/);
    await ready(page);
    if (how === 'forget') await page.evaluate(() => window.p13n!.forget());
    else await page.evaluate(() => window.p13n!.consent(false));

    await page.evaluate(() => history.back());
    await page.waitForFunction(() => (window as Window & { __restored?: boolean }).__restored === true);
    await page.evaluate(() => window.p13n!.track('add_to_cart', { value: 20 }));
    await writesDone(page);
    const stored = await storedProfile(page);
    if (how === 'forget') {
      expect(stored!.id).not.toBe(old);
      expect(stored).toMatchObject({ cartValue: 20 });
      expect((await snapshotOf(page))?.id).not.toBe(old);
    } else {
      expect(stored).toBeUndefined();
      expect(await snapshotOf(page)).toBeNull();
    }
  });
});
