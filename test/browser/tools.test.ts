/**
 * The store owner's tools in a real browser, on the demo store: preview (forced segments and variants,
 * the badge, nothing stored or counted) and the debug panel (a separate file, in a shadow root, CSP-safe).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { baseUrl, fixtureHtml, newContext, ready, serveFixture, storedProfile, watch } from './harness.js';
import { visit } from './pages.js';

let context: BrowserContext;
// Closed after each test by harness.ts.

const heroHeading = (page: Page) => page.locator('[data-p13n-slot="hero"] h2').first().innerText();
const badge = (page: Page) => page.locator('#p13n-preview-badge');
const panel = (page: Page) => page.locator('#p13n-debug');

describe('preview', () => {
  it('shows a forced segment’s content with a badge, for this tab only, and leaves on request', async () => {
    context = await newContext();
    const { page, errors } = watch(await context.newPage());
    await visit(page, '/?p13n_preview=vip');
    expect(await heroHeading(page)).toBe('Early access for VIP members');
    await expect(badge(page).getByRole('status').innerText()).resolves.toMatch(/^Preview: vip\s*Leave preview$/);
    expect(await page.evaluate(() => window.p13n!.segments())).toContain('vip');

    await visit(page, '/collections/all'); // no parameter: the tab remembers
    await expect(page.locator('[data-p13n-slot="collection-banner"]').innerText()).resolves.toMatch(
      /Members shop first/,
    );
    expect(await badge(page).getByRole('status').isVisible()).toBe(true);

    const other = await context.newPage(); // another tab of the same browser: no preview
    await visit(other, '/');
    expect(await heroHeading(other)).toBe('New here? Take 10% off');
    expect(await badge(other).count()).toBe(0);

    await Promise.all([
      page.waitForURL(/p13n_preview=off/, { timeout: 5000 }),
      badge(page).getByRole('link', { name: 'Leave preview' }).click({ timeout: 5000 }),
    ]);
    await ready(page);
    await expect(page.locator('[data-p13n-slot="collection-banner"]').innerText()).resolves.toMatch(
      /10% off your first order/,
    );
    expect(await badge(page).count()).toBe(0);
    await visit(page, '/');
    expect(await badge(page).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('forces a variant without assigning, storing or counting anything', async () => {
    context = await newContext();
    const page = await context.newPage();
    const events: string[] = [];
    await page.exposeFunction('recordP13nEvent', (name: string) => events.push(name));
    await page.addInitScript(() => {
      for (const name of ['exposure', 'conversion'])
        document.addEventListener(`p13n:${name}`, () =>
          (window as unknown as { recordP13nEvent(n: string): void }).recordP13nEvent(name),
        );
    });
    await visit(page, '/?p13n_preview=returning&p13n_variant=hero-welcome-back-test:welcome-back');
    expect(await heroHeading(page)).toBe('Welcome back');
    const hero = (await page.evaluate(() => window.p13n!.decisions())).find((d) => d.slot === 'hero')!;
    expect(hero).toMatchObject({
      rule: 'hero-welcome-back-test',
      variant: 'welcome-back',
      experiment: { counted: false },
    });
    expect(hero.reason).toMatch(/forced by preview/);
    await expect.poll(async () => (await storedProfile(page))?.visits).toBe(1);
    const stored = await storedProfile(page);
    expect(stored!.assignments).toEqual({});
    expect(JSON.stringify(stored)).not.toMatch(/returning|welcome-back|p13n_preview/);
    const layer = await page.evaluate(() =>
      ((window as unknown as { dataLayer?: Array<{ event?: string }> }).dataLayer ?? []).map((e) => e.event),
    );
    expect(layer.filter((name) => name === 'p13n_exposure')).toEqual([]);
    expect(events).toEqual([]);
  });

  it('does not enter a previewing tab in a test it reaches through a forced segment', async () => {
    context = await newContext();
    const page = await context.newPage();
    await visit(page, '/?p13n_preview=returning');
    const hero = (await page.evaluate(() => window.p13n!.decisions())).find((d) => d.slot === 'hero')!;
    expect(hero.rule).toBe('hero-welcome-back-test');
    expect(hero.experiment).toMatchObject({ counted: false });
    await page.evaluate(() => window.p13n!.track('custom_flush'));
    await expect.poll(async () => (await storedProfile(page))?.assignments).toEqual({});
  });
});

describe('the debug panel', () => {
  it('opens with ?p13n_debug=1, lists segments, evaluates expressions and shows errors with their position', async () => {
    context = await newContext();
    const { page, warnings, errors } = watch(await context.newPage());
    await visit(page, '/?p13n_debug=1');
    await expect(panel(page).getByText('p13n debug', { exact: true }).isVisible()).resolves.toBe(true);
    const rows = panel(page).locator('[data-segment]');
    await expect.poll(() => rows.count()).toBe(12);
    expect(await panel(page).locator('[data-segment="first_visit"]').getAttribute('data-matched')).toBe('true');
    expect(await panel(page).locator('[data-segment="vip"]').getAttribute('data-matched')).toBe('false');

    const input = panel(page).getByLabel('Test an expression');
    await input.fill("visits >= 1 AND device = 'desktop'");
    await expect(panel(page).locator('.verdict').innerText()).resolves.toBe('✓ true for this visitor');
    await input.fill('first_visit AND visits >= 2');
    await expect(panel(page).locator('.verdict').innerText()).resolves.toBe('✗ false for this visitor');
    await input.fill('visits >= 2 AND vists = 2');
    const error = panel(page).locator('.try .error');
    expect(await error.locator('pre').textContent()).toBe('visits >= 2 AND vists = 2\n                ^^^^^');
    expect(await error.locator('p').textContent()).toBe(
      "Unknown attribute 'vists' at column 17. Did you mean 'visits'?",
    );

    await panel(page).getByRole('tab', { name: /Slots/ }).click();
    await expect(panel(page).locator('[data-slot="hero"]').innerText()).resolves.toMatch(
      /rule hero-first-visit[\s\S]*rule 'hero-first-visit' matched/,
    );
    await panel(page)
      .getByRole('tab', { name: /Events/ })
      .click();
    await expect(panel(page).getByRole('tabpanel').innerText()).resolves.toMatch(/p13n:ready/);

    await visit(page, '/cart'); // kept for the tab
    await expect(panel(page).locator('[data-segment]').first().isVisible()).resolves.toBe(true);
    await visit(page, '/?p13n_debug=0');
    expect(await panel(page).count()).toBe(0);
    expect(warnings.filter((w) => w.includes('[p13n]'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps the theme’s CSS out (shadow DOM) and loads under a strict CSP with the script’s nonce', async () => {
    context = await newContext();
    const { page, warnings, errors } = watch(await context.newPage());
    const config = JSON.parse(readFileSync(new URL('../../demo/p13n.json', import.meta.url), 'utf8'));
    const html = fixtureHtml({
      config,
      head: '<style nonce="n0nce">* { color: rgb(255, 0, 0) !important; font-size: 40px !important; }</style>',
      body: '<section data-p13n-slot="hero"><h2>Default</h2></section>',
    }).replace('<script src="/personalize.js">', '<script nonce="n0nce" src="/personalize.js">');
    const url = await serveFixture(context, '/strict', html, {
      'Content-Security-Policy':
        "default-src 'self'; script-src 'nonce-n0nce'; style-src 'self' 'nonce-n0nce'; img-src 'self'",
    });
    await page.goto(`${url}?p13n_debug=1`);
    await ready(page);
    const name = panel(page).locator('[data-segment="first_visit"] .name');
    await expect.poll(() => name.count()).toBe(1);
    const style = await name.evaluate((element) => getComputedStyle(element));
    expect([style.color, style.fontSize]).toEqual(['rgb(29, 35, 48)', '13px']);
    expect(warnings.filter((w) => /Content Security Policy|\[p13n\]/.test(w))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('that cannot be loaded is one console warning, and the page is personalized as usual', async () => {
    context = await newContext();
    const { page, warnings, errors } = watch(await context.newPage());
    await context.route('**/personalize-debug.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await visit(page, '/?p13n_debug=1');
    expect(await heroHeading(page)).toBe('New here? Take 10% off');
    await expect
      .poll(() => warnings.filter((w) => w.includes('[p13n]')))
      .toEqual([
        `[p13n] personalize-debug.js could not be loaded from ${baseUrl()}/personalize-debug.js (missing, or not served as JavaScript): upload it next to personalize.js; meanwhile the debug panel is off`,
      ]);
    expect(await panel(page).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('is not in the shoppers’ bundle', () => {
    const main = readFileSync(new URL('../../dist/personalize.js', import.meta.url), 'utf8');
    const debug = readFileSync(new URL('../../dist/personalize-debug.js', import.meta.url), 'utf8');
    for (const marker of [
      'Test an expression',
      'p13n debug panel',
      'Waiting for the first decisions',
      '.verdict.true',
    ]) {
      expect(debug.includes(marker), `${marker} in the panel`).toBe(true);
      expect(main.includes(marker), `${marker} in personalize.js`).toBe(false);
    }
  });
});
