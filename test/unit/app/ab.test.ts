/**
 * A/B tests through boot, with the visitor's store kept between loads and the endpoint recorded:
 * one variant per visitor across page loads, no exposure for a slot the page does not have, and
 * nothing at all for a bot. Real beacons leaving an unloading page, and consent, are in
 * test/browser/ab.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { durableStore, type Loaded, load } from './page-load.js';

const test = {
  id: 'hero-test',
  variants: [
    { id: 'control', weight: 50, content: null },
    { id: 'welcome', weight: 50, content: { type: 'hero', heading: 'Welcome, tester' } },
  ],
};
const config = { consent: 'implied', segments: {}, slots: { hero: { rules: [test] } }, endpoint: '/collect' };
const body = '<section data-p13n-slot="hero"><h1>Default hero</h1></section>';
const NOW = Date.parse('2026-11-02T10:00:00Z');
const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const heroDecision = (page: Loaded) => page.api.decisions().find((d) => d.slot === 'hero')!;
const dataLayer = (page: Loaded, event: string) => (page.win.dataLayer ?? []).filter((entry) => entry.event === event);
/** The records sent to the endpoint once the page is left. */
const sentOnLeaving = (page: Loaded) => {
  page.leave();
  return page.sent.flatMap((body) => body.split('\n').filter(Boolean));
};

describe('an A/B test', () => {
  it('keeps a visitor in one variant across page loads', async () => {
    const store = durableStore();
    const first = await load({ config, body, store, now: NOW });
    const { variant } = heroDecision(first);
    expect(['control', 'welcome']).toContain(variant);
    const seen = [variant];
    for (let i = 1; i <= 3; i++)
      seen.push(heroDecision(await load({ config, body, store, now: NOW + i * 1000 })).variant);
    expect(new Set(seen).size).toBe(1);
    const last = await load({ config, body, store, now: NOW + 4000 });
    expect(last.api.profile()!.assignments).toEqual({ 'hero-test@1': variant });
    expect(last.text('[data-p13n-slot="hero"] h1, [data-p13n-slot="hero"] .p13n-hero__heading')).toBe(
      variant === 'welcome' ? 'Welcome, tester' : 'Default hero',
    );
    expect(last.warnings).toEqual([]);
  });

  it('counts no exposure when the slot is not on the page', async () => {
    const shown = await load({ config, body, store: durableStore(), now: NOW });
    expect(dataLayer(shown, 'p13n_exposure')).toHaveLength(1); // with the slot: one exposure, sent on leaving
    expect(sentOnLeaving(shown)).toEqual([expect.stringContaining('"type":"exposure"')]);

    const page = await load({ config, body: '<p>No hero here</p>', store: durableStore(), now: NOW });
    expect(heroDecision(page).variant).not.toBeNull(); // decided and assigned, but never seen
    expect(dataLayer(page, 'p13n_exposure')).toEqual([]);
    expect(sentOnLeaving(page)).toEqual([]);
  });
});

describe('who is never in a test', () => {
  it('gives a bot the default content, no assignment and no events', async () => {
    const page = await load({ config, body, userAgent: BOT, store: durableStore(), now: NOW });
    expect(heroDecision(page)).toMatchObject({ rule: null, variant: null, content: null });
    expect(page.text('[data-p13n-slot="hero"] h1')).toBe('Default hero');
    expect(page.api.profile()!.assignments).toEqual({});
    expect(dataLayer(page, 'p13n_exposure')).toEqual([]);
    expect(sentOnLeaving(page)).toEqual([]);
  });
});
