// @vitest-environment node
/**
 * The bench's figures (bench/figures.mjs and the tables of bench/lighthouse.mjs and bench/throttled.mjs)
 * against cases worked by hand, so a slip in the maths or in reading Lighthouse's JSON fails here and
 * never reaches bench/RESULTS.md. Nothing here is timed.
 */
import { describe, expect, it } from 'vitest';
import {
  difference,
  finalPaint,
  fmt,
  interleave,
  lighthouseRow,
  median,
  quantile,
  ratio,
  SCRIPT_URLS,
} from '../../../bench/figures.mjs';
import { report as lighthouseReport, summarize } from '../../../bench/lighthouse.mjs';
import { figuresOf } from '../../../bench/throttled.mjs';
import { floorScript, rewriteHtml } from '../../../bench/variants.mjs';

describe('median() and quantile()', () => {
  it('takes the middle value of an odd count, in any input order', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('ignores missing values and gives null for none', () => {
    expect(median([null, 7, undefined, Number.NaN, 9])).toBe(8);
    expect(median([])).toBeNull();
    expect(quantile([null], 0.9)).toBeNull();
  });

  it('takes the nearest-rank p90: the 9th of 10, the 10th of 11', () => {
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(quantile(ten, 0.9)).toBe(90);
    expect(quantile([...ten, 110], 0.9)).toBe(100);
    expect(quantile(ten, 0)).toBe(10);
    expect(quantile(ten, 1)).toBe(100);
  });
});

describe('ratio() and difference()', () => {
  it('divides and subtracts', () => {
    expect(ratio(297, 99)).toBe(3);
    expect(difference(1508, 776)).toBe(732);
  });

  it('gives null for a missing side or a ratio against zero', () => {
    expect(ratio(10, 0)).toBeNull();
    expect(ratio(null, 5)).toBeNull();
    expect(difference(3, null)).toBeNull();
  });

  it('formats signs, thousands and ratios', () => {
    expect(fmt.delta(732.4)).toBe('+732 ms');
    expect(fmt.delta(-14)).toBe('−14 ms');
    expect(fmt.ms(1508.2)).toBe('1,508 ms');
    expect(fmt.times(2.3456)).toBe('2.35×');
    expect(fmt.kb(48_333)).toBe('47.2 KB');
    expect(fmt.ms(null)).toBe('–');
  });
});

describe('interleave()', () => {
  it('runs every variant once per round, page by page: ABCD ABCD', () => {
    const plan = interleave(['home', 'product'], ['a', 'b', 'c', 'd'], 2).map(
      (r) => `${r.round}${r.page[0]}${r.variant}`,
    );
    expect(plan).toEqual([
      '0ha',
      '0hb',
      '0hc',
      '0hd',
      '0pa',
      '0pb',
      '0pc',
      '0pd',
      '1ha',
      '1hb',
      '1hc',
      '1hd',
      '1pa',
      '1pb',
      '1pc',
      '1pd',
    ]);
  });
});

/** The parts of a Lighthouse 12 result (LHR) the bench reads, with rows it must leave out. */
const PAGE = 'http://127.0.0.1:4000/';
const lhr = (over: Record<string, unknown> = {}) => ({
  lighthouseVersion: '12.2.3',
  requestedUrl: PAGE,
  finalDisplayedUrl: PAGE,
  categories: { performance: { score: 0.87 } },
  audits: {
    'first-contentful-paint': { numericValue: 1508.4 },
    'largest-contentful-paint': { numericValue: 1816 },
    'total-blocking-time': { numericValue: 42 },
    'bootup-time': {
      details: {
        items: [
          { url: `${PAGE}personalize.js`, total: 250, scripting: 230, scriptParseCompile: 20 },
          { url: `${PAGE}p13n-ua.js`, total: 40, scripting: 35, scriptParseCompile: 5 },
          { url: `${PAGE}theme.js`, total: 15, scripting: 14, scriptParseCompile: 1 },
          { url: PAGE, total: 120, scripting: 9 },
          { url: 'Unattributable', total: 80, scripting: 0 },
        ],
      },
    },
    'network-requests': {
      details: {
        items: [
          { url: PAGE, transferSize: 6000, resourceType: 'Document' },
          { url: `${PAGE}personalize.js`, transferSize: 9000, resourceType: 'Script' },
          { url: `${PAGE}p13n-ua.js`, transferSize: 3000, resourceType: 'Script' },
          { url: `${PAGE}theme.js`, transferSize: 1000, resourceType: 'Script' },
          { url: `${PAGE}__bench/growthbook/auto.min.js`, transferSize: 16_500, resourceType: 'Script' },
        ],
      },
    },
  },
  ...over,
});

describe('lighthouseRow()', () => {
  it('reads the metrics and sums bootup and transfer over the bundle and its chunks only', () => {
    expect(lighthouseRow(lhr(), SCRIPT_URLS.p13n)).toEqual({
      fcp: 1508.4,
      lcp: 1816,
      tbt: 42,
      score: 87,
      bootup: 290,
      transfer: 12_000,
      scripts: 2,
      documentScripting: 9,
    });
  });

  it("picks GrowthBook's bundle by its URL, and leaves script figures empty for a page without one", () => {
    expect(lighthouseRow(lhr(), SCRIPT_URLS.growthbook)).toMatchObject({ bootup: 0, transfer: 16_500, scripts: 1 });
    expect(lighthouseRow(lhr(), null)).toMatchObject({ bootup: null, transfer: null, scripts: 0, fcp: 1508.4 });
  });

  it('gives null for a metric Lighthouse could not compute', () => {
    const broken = lhr({ categories: { performance: { score: null } } });
    delete (broken.audits as Record<string, unknown>)['largest-contentful-paint'];
    expect(lighthouseRow(broken, null)).toMatchObject({ score: null, lcp: null });
  });

  it('throws on a run Lighthouse itself reports as failed', () => {
    expect(() =>
      lighthouseRow(lhr({ runtimeError: { code: 'NO_FCP', message: 'The page did not paint' } }), null),
    ).toThrow(/NO_FCP/);
  });

  it("counts the bundle's own names and chunks, not the theme's scripts", () => {
    for (const url of ['/personalize.js', '/personalize.min.js', '/p13n-ua-4f2a.js', '/personalize.mjs?v=2'])
      expect(SCRIPT_URLS.p13n.test(url)).toBe(true);
    for (const url of ['/theme.js', '/p13n.json', '/personalize.js.map'])
      expect(SCRIPT_URLS.p13n.test(url)).toBe(false);
  });
});

describe('the Lighthouse table', () => {
  const row = (variant: string, fcp: number, extra: Record<string, number | null> = {}) => ({
    page: 'home',
    variant,
    fcp,
    lcp: fcp + 300,
    tbt: 0,
    score: 100 - fcp / 100,
    bootup: null,
    transfer: null,
    documentScripting: 5,
    ...extra,
  });
  const rows = [
    row('none', 800),
    row('none', 900),
    row('none', 700),
    row('p13n', 1000, { bootup: 100, transfer: 20_000 }),
    row('p13n', 1200, { bootup: 120, transfer: 20_000 }),
    row('p13n', 1100, { bootup: 110, transfer: 20_000 }),
    row('growthbook', 1000, { bootup: 50, transfer: 16_000 }),
    row('floor', 810, { documentScripting: 27 }),
    { page: 'home', variant: 'floor', error: 'Lighthouse took too long' },
  ];
  const figures = summarize(rows, ['home'], ['none', 'p13n', 'growthbook', 'floor']);

  it('takes medians per page and variant, leaving failed runs out', () => {
    expect(figures.home?.none).toMatchObject({ runs: 3, fcp: 800 });
    expect(figures.home?.p13n).toMatchObject({ runs: 3, fcp: 1100, bootup: 110 });
    expect(figures.home?.floor).toMatchObject({ runs: 1, failed: 1 });
  });

  it('shows the difference against no script and the ratios against GrowthBook and the floor', () => {
    const table = lighthouseReport(figures, ['home'], 3, '12.2.3');
    const fcp = table.rows.find((r: string[]) => r[1] === 'FCP');
    expect(fcp).toEqual(['home', 'FCP', '800 ms', '1,100 ms', '1,000 ms', '810 ms', '+300 ms', '1.10×', '1.36×']);
    // The inline floor's bootup is the document's scripting beyond no script's: 27 - 5 = 22 ms; 110 / 22 = 5.
    const bootup = table.rows.find((r: string[]) => r[1]?.startsWith('script bootup'));
    expect(bootup).toEqual([
      'home',
      'script bootup (bootup-time)',
      '–',
      '110 ms',
      '50 ms',
      '22 ms',
      '–',
      '2.20×',
      '5.00×',
    ]);
    expect(table.notes.join(' ')).toMatch(/1 run\(s\) failed/);
  });
});

describe('finalPaint()', () => {
  const frames = (...seen: string[]) => seen.map((s, i) => ({ time: 100 + i * 16, seen: s }));

  it('times the first frame of the final content, hidden frames before it not counted as a swap', () => {
    expect(finalPaint(frames('absent', 'hidden', 'hidden', 'Welcome|a.svg', 'Welcome|a.svg'), 90)).toEqual({
      at: 148,
      swapped: false,
    });
  });

  it('flags a default painted before the final content (a flicker)', () => {
    expect(finalPaint(frames('Default|d.svg', 'Default|d.svg', 'Welcome|a.svg'), 90)).toEqual({
      at: 132,
      swapped: true,
    });
  });

  it('does not count frames before the first paint as painted', () => {
    // Frames at 100 and 116 run before the first paint at 150: the default was never on screen.
    expect(finalPaint(frames('Default|d.svg', 'Welcome|a.svg', 'Welcome|a.svg'), 150)).toEqual({
      at: 150,
      swapped: false,
    });
  });

  it('gives no time when the hero ends hidden or absent', () => {
    expect(finalPaint(frames('Default|d.svg', 'hidden'), 0)).toEqual({ at: null, swapped: false });
    expect(finalPaint([], 0)).toEqual({ at: null, swapped: false });
  });
});

describe('the throttled figures', () => {
  const load = (variant: string, visit: string, scriptMs: number, personalized: boolean | null = null) => ({
    variant,
    visit,
    heroAt: 500,
    swapped: false,
    scriptMs,
    personalized,
    decided:
      personalized === null
        ? null
        : { rule: personalized ? 'x' : null, reason: personalized ? 'matched' : 'IndexedDB did not answer' },
  });

  it('counts personalized loads and bills the script the time above the no-script median', () => {
    const f = figuresOf([
      load('none', 'first', 100),
      load('none', 'first', 120),
      load('p13n', 'first', 150, true),
      load('p13n', 'first', 170, false),
      load('p13n', 'first', 160, true),
      load('growthbook', 'first', 150),
      { variant: 'growthbook', visit: 'first', error: 'timeout' },
    ]);
    expect(f['p13n/first']).toMatchObject({
      loads: 3,
      personalized: 2,
      scriptMedian: 160,
      ownScript: 50,
      reasons: ['IndexedDB did not answer'],
    });
    expect(f['growthbook/first']).toMatchObject({ loads: 1, failed: 1, personalized: null, ownScript: 40 });
    expect(f['p13n/repeat']).toMatchObject({ loads: 0, ownScript: null });
  });
});

describe('the page variants', () => {
  const demo = [
    '<head><style id="p13n-hide">[data-p13n-slot]{}</style>',
    '<script type="application/json" id="p13n-config">{"slots":{}}</script>',
    '<script type="application/json" id="p13n-context">{"country":"NO"}</script>',
    '<script async src="/personalize.js"></script>',
    '<script src="/demo-tools.js" defer></script></head>',
    '<body><section class="hero" data-p13n-slot="hero"><h1>Default</h1></section><p>rest</p></body>',
  ].join('\n');

  it('keeps p13n exactly as the demo installs it, minus the demo toolbar', () => {
    const page = rewriteHtml(demo, 'p13n');
    expect(page).toContain('<script async src="/personalize.js"></script>');
    expect(page).toContain('id="p13n-hide"');
    expect(page).not.toContain('demo-tools.js');
  });

  it('removes every trace of p13n for no script', () => {
    expect(rewriteHtml(demo, 'none')).not.toMatch(/p13n-hide|p13n-config|p13n-context|personalize\.js|demo-tools/);
  });

  it('puts GrowthBook with its inline payload where p13n was', () => {
    const page = rewriteHtml(demo, 'growthbook');
    expect(page).toMatch(/window\.growthbook_config=\{.*"domMutations"/);
    expect(page).toContain('src="/__bench/growthbook/auto.min.js"');
    expect(page).not.toContain('personalize.js');
  });

  it('puts the floor right after the hero, and keeps it about 1 KB', () => {
    const page = rewriteHtml(demo, 'floor');
    expect(page).toMatch(/<\/section>\s*<script>\(function\(\)\{.*<\/script><p>rest/s);
    expect(floorScript().length).toBeLessThan(1200);
  });

  it('fails loudly when the demo no longer prints the script tag', () => {
    expect(() => rewriteHtml('<head></head>', 'none')).toThrow(/no personalize\.js script tag/);
  });
});
