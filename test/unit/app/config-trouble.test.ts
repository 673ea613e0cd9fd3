/**
 * Never break the store, through boot: a config that is not JSON, a bad segment, a bad rule, and a
 * slot missing from the page each end with content shown (the default, or what the rest of the config
 * gives) and at most one warning naming the cause. What needs a real browser (storage failures, a
 * config fetched from a URL, hostile pages) is in test/browser/trust.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { durableStore, type Loaded, load } from './page-load.js';

const config = {
  consent: 'implied',
  segments: { returning: 'visits >= 2' },
  slots: {
    hero: { rules: [{ id: 'counted', content: { type: 'hero', heading: 'Page view {{pageviews}}' } }] },
  },
};
const body = '<section data-p13n-slot="hero"><h1 class="default">Default hero</h1></section>';
const NOW = Date.parse('2026-11-02T10:00:00Z');
const open = (cfg: unknown, html = body) => load({ config: cfg, body: html, store: durableStore(), now: NOW });
const hero = '[data-p13n-slot="hero"]';

/** The slot is visible: revealed after its decision, or never hidden (no hiding rule in the page). */
function shown(page: Loaded, selector: string): boolean {
  const doc = page.win.document as unknown as Document & { adoptedStyleSheets?: CSSStyleSheet[] };
  const hiding = [...(doc.adoptedStyleSheets ?? []), ...doc.styleSheets].some((sheet) =>
    [...sheet.cssRules].some(
      (rule) => rule.cssText.includes('visibility: hidden') || rule.cssText.includes('visibility:hidden'),
    ),
  );
  return !hiding || doc.querySelector(selector)!.hasAttribute('data-p13n-ready');
}

describe('config trouble', () => {
  it('a config that is not JSON: defaults, one warning', async () => {
    const page = await open('{ "segments": { "a": "visits > 1", }');
    expect(page.text(hero)).toBe('Default hero');
    expect(shown(page, hero)).toBe(true);
    expect(page.warnings).toEqual([expect.stringMatching(/not valid JSON/)]);
  });

  it('one bad segment: the rules using it are off, the rest works, one warning', async () => {
    const page = await open({
      consent: 'implied',
      segments: { broken: 'vists >= 2', everyone: 'visits >= 1' },
      slots: {
        hero: {
          rules: [
            { id: 'uses-broken', when: 'broken', content: { type: 'hero', heading: 'Broken' } },
            { id: 'works', when: 'everyone', content: { type: 'hero', heading: 'Works' } },
          ],
        },
      },
    });
    expect(page.text(hero)).toBe('Works');
    expect(shown(page, hero)).toBe(true);
    expect(page.warnings).toEqual([expect.stringMatching(/segment 'broken'.*Did you mean 'visits'/)]);
  });

  it('one bad rule: that rule is dropped, the rest works, one warning', async () => {
    const page = await open(
      {
        consent: 'implied',
        slots: {
          hero: {
            rules: [
              { id: 'bad', content: { type: 'carousel', slides: [] } },
              { id: 'good', content: { type: 'hero', heading: 'Good rule' } },
            ],
          },
          promo: { rules: [{ id: 'promo', content: { type: 'hero', heading: 'Promo' } }] },
        },
      },
      `${body}<aside data-p13n-slot="promo">Default promo</aside>`,
    );
    expect(page.text(hero)).toBe('Good rule');
    expect(shown(page, hero)).toBe(true);
    expect(page.text('[data-p13n-slot="promo"]')).toBe('Promo');
    expect(page.warnings).toEqual([expect.stringMatching(/slots\.hero\.rules\[0\]\.content\.type.*carousel/)]);
  });
});

describe('page trouble', () => {
  it('a slot missing from the page: the others work, no warning', async () => {
    const page = await open({
      ...config,
      slots: { ...config.slots, missing: { rules: [{ id: 'm', content: { type: 'hide' } }] } },
    });
    expect(page.text(hero)).toBe('Page view 1');
    expect(shown(page, hero)).toBe(true);
    expect(page.warnings).toEqual([]);
  });
});
