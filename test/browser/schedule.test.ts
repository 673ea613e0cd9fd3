/**
 * A time-limited rule in real Chromium (README "Config reference", `from` / `until`): with the page's
 * clock moved by Playwright, the same page shows the default before the window, the offer inside it,
 * and the default again after it; `date` follows the same clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { fixtureHtml, newContext, ready, serveFixture, watch } from './harness.js';

const FROM = '2026-11-27T00:00:00+01:00';
const UNTIL = '2026-12-01T00:00:00+01:00';
const config = {
  timezone: 'Europe/Oslo',
  slots: {
    hero: {
      rules: [
        { id: 'black-friday', from: FROM, until: UNTIL, content: { type: 'hero', heading: 'Black Friday: {{date}}' } },
      ],
    },
  },
};
const body = '<section data-p13n-slot="hero"><h1>Default hero</h1></section>';

let context: BrowserContext;
afterEach(async () => {
  await context?.close();
});

async function heroAt(page: Page, url: string, instant: string): Promise<string> {
  await page.clock.setFixedTime(new Date(instant));
  await page.goto(url);
  await ready(page);
  return page.locator('[data-p13n-slot="hero"]').innerText();
}

describe('a rule with from / until', () => {
  it('switches on at from and off at until, as the clock moves', async () => {
    context = await newContext();
    const url = await serveFixture(context, '/fixture/schedule', fixtureHtml({ config, body }));
    const { page, errors, warnings } = watch(await context.newPage());
    await page.clock.install({ time: new Date('2026-11-26T22:59:00Z') });

    expect(await heroAt(page, url, '2026-11-26T22:59:59Z')).toBe('Default hero'); // 23:59:59 in Oslo
    expect(await heroAt(page, url, '2026-11-26T23:00:00Z')).toBe('Black Friday: 2026-11-27');
    expect(await heroAt(page, url, '2026-11-30T22:59:59Z')).toBe('Black Friday: 2026-11-30');
    expect(await heroAt(page, url, '2026-11-30T23:00:00Z')).toBe('Default hero');
    const decisions = await page.evaluate(() => window.p13n!.decisions());
    expect(decisions[0]).toMatchObject({
      rule: null,
      reason: "no rule matched; rule 'black-friday' is scheduled: ended 1 minute ago",
    });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
