/**
 * IndexedDB under other parties' hands, in real Chromium: another tab deletes the database (issue 12
 * item 5), and a repeat visit whose IndexedDB does not answer (issue 11 item 3, issue 12 item 7).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { fixtureHtml, newContext, ready, serveFixture, watch } from './harness.js';
import { blankPage, p13nWarnings, records } from './idb.js';

const NEW_YORK = { timezoneId: 'America/New_York' };
const config = {
  segments: { returning: 'visits >= 2 OR pageviews >= 2' },
  slots: { hero: { rules: [
    { id: 'welcome-back', when: 'returning', content: { type: 'hero', heading: 'Welcome back' } },
    { id: 'hello', content: { type: 'hero', heading: 'Hello, page view {{pageviews}}' } },
  ] } },
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
    await expect.poll(async () => ((await records(first.page))?.visitor as { pageviews?: number } | undefined)?.pageviews).toBe(1);

    // A privacy tool in another tab, while the first keeps its page open.
    const other = await blankPage(context);
    const outcome = await other.evaluate(() => new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      const request = indexedDB.deleteDatabase('p13n');
      request.onblocked = () => seen.push('blocked');
      request.onsuccess = () => resolve([...seen, 'deleted']);
      request.onerror = () => resolve([...seen, 'error']);
    }));
    expect(outcome).toEqual(['deleted']);

    const next = watch(await context.newPage());
    await next.page.goto(url);
    await ready(next.page);
    expect(await next.page.locator('[data-p13n-slot="hero"] h2').innerText()).toBe('Hello, page view 1');
    expect(p13nWarnings(next.warnings)).toEqual([]);
    expect(await next.page.evaluate(() => window.p13n!.decisions()[0]!.rule)).toBe('hello');

    // The first tab reopens on its next need: its event is stored in the new database.
    await first.page.evaluate(() => window.p13n!.track('add_to_cart', { value: 20 }));
    await expect.poll(async () => ((await records(first.page))?.visitor as { cartValue?: number } | undefined)?.cartValue).toBe(20);
    expect(p13nWarnings(first.warnings)).toEqual([]);
    expect([...first.errors, ...next.errors]).toEqual([]);
  });
});
