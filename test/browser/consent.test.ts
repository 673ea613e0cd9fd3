/**
 * Consent in real Chromium: where it is required nothing is stored (not even an empty database) until
 * the visitor agrees, through p13n.consent(), Shopify's Customer Privacy API or Google Consent Mode;
 * Global Privacy Control refuses; a refusal erases; old profiles expire; forget() erases everything.
 * The visit is personalized from memory throughout.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { fixtureHtml, newContext, ready, serveFixture, writesDone } from './harness.js';
import { blankPage, p13nWarnings, profileRecord, records, seed } from './idb.js';
import { type Opened, openPage } from './pages.js';

const DAY = 24 * 60 * 60 * 1000;
const config = (extra: Record<string, unknown> = {}) => ({
  ...extra,
  segments: { returning: 'visits >= 2' },
  slots: { hero: { rules: [{ id: 'counted', content: { type: 'hero', heading: 'Page view {{pageviews}}' } }] } },
});
const body = '<section data-p13n-slot="hero"><h1>Default hero</h1></section>';
const OSLO = { timezoneId: 'Europe/Oslo' };
const NEW_YORK = { timezoneId: 'America/New_York' };

let context: BrowserContext;
// Closed after each test by harness.ts.

async function open(options: { timezoneId: string }, html: string, path = '/fixture/consent'): Promise<Opened> {
  const opened = await openPage(path, { contextOptions: options, html });
  context = opened.context;
  return opened;
}

const heading = (page: Page) => page.locator('[data-p13n-slot="hero"] h2').innerText();
const stored = async (page: Page) => (await records(page))?.visitor as Record<string, unknown> | undefined;

describe('where consent is required (Europe/Oslo)', () => {
  it('stores nothing, not even an empty database, and still personalizes from memory', async () => {
    const { page, warnings, errors } = await open(OSLO, fixtureHtml({ config: config(), body }));
    expect(await heading(page)).toBe('Page view 1');
    expect(await page.evaluate(() => window.p13n!.attributes()!.consent)).toBe(false);
    await writesDone(page);
    expect(await records(page)).toBeNull();
    expect(p13nWarnings(warnings)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('stores the visit once p13n.consent(true) is called, and reads it on the next page before any signal', async () => {
    const { page } = await open(OSLO, fixtureHtml({ config: config(), body }));
    await page.evaluate(() => window.p13n!.consent(true));
    expect(await stored(page)).toMatchObject({ pageviews: 1 });
    await page.reload();
    await ready(page);
    expect(await heading(page)).toBe('Page view 2');
    // No consent signal on this page: what an earlier consent stored is read, nothing is written.
    await writesDone(page);
    expect(await stored(page)).toMatchObject({ pageviews: 1 });
  });

  it('takes the server country over the time zone', async () => {
    const { page } = await open(OSLO, fixtureHtml({ config: config(), body, context: { country: 'US' } }));
    await expect.poll(() => stored(page)).toMatchObject({ pageviews: 1 });
    await context.close();
    const second = await open(NEW_YORK, fixtureHtml({ config: config(), body, context: { country: 'DE' } }));
    await writesDone(second.page);
    expect(await records(second.page)).toBeNull();
  });
});

describe('where consent is implied (America/New_York)', () => {
  it('stores the visit at once', async () => {
    const { page } = await open(NEW_YORK, fixtureHtml({ config: config(), body }));
    await expect.poll(() => stored(page)).toMatchObject({ pageviews: 1 });
  });

  it('erases the stored profile when the visitor withdraws, and keeps personalizing from memory', async () => {
    const { page, errors } = await open(NEW_YORK, fixtureHtml({ config: config(), body }));
    await expect.poll(() => stored(page)).toMatchObject({ pageviews: 1 });
    await page.evaluate(() => window.p13n!.consent(false));
    expect(await records(page)).toEqual({});
    await page.evaluate(() => {
      history.pushState(null, '', '?page=2'); // the next page of a single-page storefront
      return window.p13n!.refresh();
    });
    expect(await heading(page)).toBe('Page view 2');
    await writesDone(page);
    expect(await records(page)).toEqual({});
    expect(errors).toEqual([]);
  });

  it('treats Global Privacy Control as a refusal that erases what was stored', async () => {
    const { page } = await open(NEW_YORK, fixtureHtml({ config: config(), body }));
    await expect.poll(() => stored(page)).toMatchObject({ pageviews: 1 });
    const gpcPage = await context.newPage();
    await gpcPage.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
    await gpcPage.goto(page.url());
    await ready(gpcPage);
    expect(await heading(gpcPage)).toBe('Page view 1');
    await expect.poll(() => records(gpcPage)).toEqual({});
    expect(await gpcPage.evaluate(() => window.p13n!.attributes()!.consent)).toBe(false);
  });

  it('ignores Global Privacy Control when the config says "globalPrivacyControl": "ignore"', async () => {
    context = await newContext(NEW_YORK);
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
    const page = await context.newPage();
    await page.goto(
      await serveFixture(
        context,
        '/fixture/gpc-ignored',
        fixtureHtml({ config: config({ globalPrivacyControl: 'ignore' }), body }),
      ),
    );
    await ready(page);
    await expect.poll(() => stored(page)).toMatchObject({ pageviews: 1 });
  });
});

describe("Shopify's Customer Privacy API", () => {
  it('stores nothing while preferences are not allowed, starts on visitorConsentCollected, erases on a later refusal', async () => {
    context = await newContext(NEW_YORK);
    await context.addInitScript(() => {
      (window as unknown as { Shopify: unknown }).Shopify = {
        customerPrivacy: { preferencesProcessingAllowed: () => false },
      };
    });
    const page = await context.newPage();
    await page.goto(
      await serveFixture(context, '/fixture/shopify', fixtureHtml({ config: config({ consent: 'implied' }), body })),
    );
    await ready(page);
    await writesDone(page);
    expect(await records(page)).toBeNull();
    const states = page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          document.addEventListener('p13n:consent', (event) => {
            seen.push((event as CustomEvent<{ state: string }>).detail.state);
            if (seen.length === 2) resolve(seen);
          });
        }),
    );
    await page.evaluate(() =>
      document.dispatchEvent(
        new CustomEvent('visitorConsentCollected', { detail: { preferencesAllowed: true, analyticsAllowed: true } }),
      ),
    );
    await expect.poll(() => stored(page)).toMatchObject({ pageviews: 1 });
    await page.evaluate(() =>
      document.dispatchEvent(new CustomEvent('visitorConsentCollected', { detail: { preferencesAllowed: false } })),
    );
    await expect.poll(() => records(page)).toEqual({});
    expect(await states).toEqual(['granted', 'refused']);
  });

  it('is read when it loads after the script (Shopify loads it asynchronously)', async () => {
    context = await newContext(OSLO);
    await context.addInitScript(() => {
      setTimeout(() => {
        (window as unknown as { Shopify: unknown }).Shopify = {
          customerPrivacy: { preferencesProcessingAllowed: () => true },
        };
      }, 500);
    });
    const page = await context.newPage();
    await page.goto(await serveFixture(context, '/fixture/shopify-late', fixtureHtml({ config: config(), body })));
    await ready(page);
    expect(await heading(page)).toBe('Page view 1');
    await expect.poll(() => stored(page), { timeout: 3000 }).toMatchObject({ pageviews: 1 });
  });
});

describe('Google Consent Mode v2', () => {
  const gtagHead = `<script>window.dataLayer = window.dataLayer || []; function gtag(){ dataLayer.push(arguments); }
gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });</script>`;

  it('waits on a denied default, stores on an update that grants, erases on one that denies', async () => {
    const { page } = await open(NEW_YORK, fixtureHtml({ config: config(), body, head: gtagHead }));
    expect(await heading(page)).toBe('Page view 1');
    await writesDone(page);
    expect(await records(page)).toBeNull();
    await page.evaluate(() =>
      (window as unknown as { gtag: (...args: unknown[]) => void }).gtag('consent', 'update', {
        analytics_storage: 'granted',
      }),
    );
    await expect.poll(() => stored(page)).toMatchObject({ pageviews: 1 });
    await page.evaluate(() =>
      (window as unknown as { gtag: (...args: unknown[]) => void }).gtag('consent', 'update', {
        personalization_storage: 'denied',
        analytics_storage: 'granted',
      }),
    );
    await expect.poll(() => records(page)).toEqual({});
  });
});

describe('retention', () => {
  it('erases a profile last seen more than 13 months ago and starts a new one', async () => {
    context = await newContext(NEW_YORK);
    const seeded = profileRecord({
      id: 'old-visitor',
      lastSeen: Date.now() - 400 * DAY,
      firstSeen: Date.now() - 500 * DAY,
    });
    await seed(await blankPage(context), { visitor: seeded });
    const page = await context.newPage();
    await page.goto(await serveFixture(context, '/fixture/expired', fixtureHtml({ config: config(), body })));
    await ready(page);
    expect(await heading(page)).toBe('Page view 1');
    await expect.poll(() => stored(page)).toMatchObject({ pageviews: 1, visits: 1 });
    expect((await stored(page))!.id).not.toBe('old-visitor');
  });

  it('follows retentionDays, and keeps a profile seen within it', async () => {
    context = await newContext(NEW_YORK);
    await seed(await blankPage(context), { visitor: profileRecord({ lastSeen: Date.now() - 20 * DAY, pageviews: 3 }) });
    const page = await context.newPage();
    const url = await serveFixture(
      context,
      '/fixture/retention',
      fixtureHtml({ config: config({ retentionDays: 30 }), body }),
    );
    await page.goto(url);
    await ready(page);
    expect(await heading(page)).toBe('Page view 4');
    await seed(page, { visitor: profileRecord({ lastSeen: Date.now() - 31 * DAY, pageviews: 3 }) });
    await page.reload();
    await ready(page);
    expect(await heading(page)).toBe('Page view 1');
  });
});

describe('forget()', () => {
  it('erases every record, the one kept aside included, and starts a new visitor', async () => {
    context = await newContext(NEW_YORK);
    await seed(await blankPage(context), {
      visitor: profileRecord(),
      'visitor.unreadable': { keptAt: Date.now(), record: { version: 1, broken: true } },
    });
    const page = await context.newPage();
    await page.goto(await serveFixture(context, '/fixture/forget', fixtureHtml({ config: config(), body })));
    await ready(page);
    expect(await heading(page)).toBe('Page view 4');
    await page.evaluate(() => window.p13n!.forget());
    expect(await records(page)).toEqual({});
    await page.reload();
    await ready(page);
    expect(await heading(page)).toBe('Page view 1');
    await expect.poll(async () => (await stored(page))?.pageviews).toBe(1);
    expect((await stored(page))!.id).not.toBe('seeded-visitor');
  });
});
