/** Preview: which segments and variants a tab forces, and the badge that says so. */
import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { forcedBy, knownOnly, leaveUrl, nextPreview, parsePreview } from '../../../../src/edge/preview/preview.js';
import { BADGE_ID, describePreview, showBadge } from '../../../../src/edge/preview/badge.js';

const compiled = compileConfig(
  parseConfig({
    segments: { vip: "tags CONTAINS 'vip'", lapsed: 'days_since_last_visit >= 30' },
    slots: {
      hero: {
        rules: [
          {
            id: 'hero-test',
            when: 'vip',
            variants: [
              { id: 'control', weight: 1, content: null },
              { id: 'welcome', weight: 1, content: { type: 'hide' } },
            ],
          },
        ],
      },
    },
  }).config,
);

describe('nextPreview()', () => {
  it('starts from the URL and is kept for the next pages of the tab', () => {
    const started = nextPreview('?p13n_preview=vip,lapsed', null);
    expect(parsePreview(started!)).toEqual({ segments: ['vip', 'lapsed'], variants: {} });
    expect(nextPreview('?page=2', started)).toBe(started);
  });

  it('replaces only the part the URL names', () => {
    const segments = nextPreview('?p13n_preview=vip', null);
    const both = nextPreview('?p13n_variant=hero-test:welcome', segments);
    expect(parsePreview(both!)).toEqual({ segments: ['vip'], variants: { 'hero-test': 'welcome' } });
    expect(parsePreview(nextPreview('?p13n_preview=lapsed', both)!)).toEqual({
      segments: ['lapsed'],
      variants: { 'hero-test': 'welcome' },
    });
  });

  it('reads several variants, repeated or separated by commas', () => {
    const text = nextPreview('?p13n_variant=a:x,b:y&p13n_variant=c:z', null);
    expect(parsePreview(text!).variants).toEqual({ a: 'x', b: 'y', c: 'z' });
  });

  it('ends with p13n_preview=off (any case), also when variants are given', () => {
    expect(nextPreview('?p13n_preview=OFF&p13n_variant=a:x', 'p13n_preview=vip')).toBeNull();
    expect(nextPreview('?p13n_preview=', null)).toBeNull();
  });

  it('ignores malformed pairs and caps what a URL can ask for', () => {
    expect(parsePreview('p13n_variant=nocolon,:x,y:').variants).toEqual({});
    const many = Array.from({ length: 50 }, (_, i) => `s${i}`).join(',');
    expect(parsePreview(nextPreview(`?p13n_preview=${many}`, null)!).segments).toHaveLength(20);
  });
});

describe('knownOnly()', () => {
  it('keeps the config’s names and warns once about each other one', () => {
    const warnings: string[] = [];
    const kept = knownOnly(
      {
        segments: ['vip', 'vipp', 'constructor'],
        variants: { 'hero-test': 'welcome', 'hero-test2': 'x', other: 'welcome' },
      },
      compiled,
      (_cause, message) => warnings.push(message),
    );
    expect(kept).toEqual({ segments: ['vip'], variants: { 'hero-test': 'welcome' } });
    expect(warnings).toEqual([
      "preview: no segment 'vipp' in the config, ignored",
      "preview: no segment 'constructor' in the config, ignored",
      "preview: no variant 'x' in an A/B rule 'hero-test2', ignored",
      "preview: no variant 'welcome' in an A/B rule 'other', ignored",
    ]);
  });

  it('becomes the runtime’s forced sets', () => {
    expect(forcedBy({ segments: ['vip'], variants: { 'hero-test': 'welcome' } })).toEqual({
      forcedSegments: new Set(['vip']),
      forcedVariants: new Map([['hero-test', 'welcome']]),
    });
    expect(forcedBy(null)).toEqual({ forcedSegments: new Set(), forcedVariants: new Map() });
  });
});

describe('the preview badge', () => {
  it('says what is forced and links to the way out, as text', () => {
    const preview = { segments: ['<img src=x onerror=alert(1)>'], variants: { 'hero-test': 'welcome' } };
    const host = showBadge(
      document,
      preview,
      'https://shop.example/collections/all?p13n_preview=vip&p13n_variant=a:b&page=2',
    );
    expect(host.id).toBe(BADGE_ID);
    const root = host.shadowRoot!;
    expect(root.querySelector('[role="status"]')!.textContent).toBe(`${describePreview(preview)}Leave preview`);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('a')!.getAttribute('href')).toBe(
      'https://shop.example/collections/all?p13n_preview=off&page=2',
    );
    expect(host.style.position).toBe('fixed');
  });

  it('is shown once, however often it is asked for', () => {
    showBadge(document, { segments: ['vip'], variants: {} }, 'https://shop.example/');
    showBadge(document, { segments: ['vip'], variants: {} }, 'https://shop.example/');
    expect(document.querySelectorAll(`#${BADGE_ID}`)).toHaveLength(1);
  });

  it('leaves by p13n_preview=off, keeping the page’s own parameters', () => {
    expect(leaveUrl('https://shop.example/p?utm_source=x&p13n_preview=vip')).toBe(
      'https://shop.example/p?utm_source=x&p13n_preview=off',
    );
  });
});
