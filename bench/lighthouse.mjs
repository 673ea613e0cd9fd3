// Lighthouse (pinned 12.2.3) mobile preset, performance category, on the demo home, a collection and a
// product page, each in four variants (bench/variants.mjs: no script, p13n as the demo installs it,
// GrowthBook auto.min.js with an equivalent experiment, the ~1 KB inline floor), interleaved ABCD ABCD
// so a machine that gets busier slows every variant alike. Medians per page and variant; differences
// against no script, ratios against GrowthBook and the floor.
//
// Lighthouse's default mobile run simulates a slow 4G phone (Lantern, from one unthrottled load), so
// the figures are comparable between runs of this bench, not with a field measurement.
import lighthouse from 'lighthouse';
import { launchWithDebuggingPort } from './chromium.mjs';
import { difference, fmt, interleave, lighthouseRow, median, ratio, SCRIPT_URLS } from './figures.mjs';
import { floorScript, startVariantServers, VARIANTS } from './variants.mjs';

export const PAGES = { home: '/', collection: '/collections/running', product: '/products/ridgeline-trail-runner' };
const RUN_TIMEOUT_MS = 120_000;
const METRICS = ['fcp', 'lcp', 'tbt', 'score', 'bootup', 'transfer'];

const CONFIG = {
  extends: 'lighthouse:default',
  settings: { onlyCategories: ['performance'], maxWaitForLoad: 30_000 },
  // Every script's row, not only those over 50 ms: a small script must still show its cost.
  audits: [{ path: 'bootup-time', options: { thresholdInMs: 0 } }],
};

const withTimeout = (promise, ms, what) => {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

async function audit(url, port) {
  const result = await withTimeout(
    lighthouse(url, { hostname: '127.0.0.1', port, output: 'json', logLevel: 'error' }, CONFIG),
    RUN_TIMEOUT_MS,
    `Lighthouse on ${url}`,
  );
  if (!result?.lhr) throw new Error(`Lighthouse on ${url} returned no result`);
  return result.lhr;
}

/**
 * Medians per page and variant from the raw rows.
 * @returns {Record<string, Record<string, Record<string, any>>>}
 */
export function summarize(rows, pages, variants) {
  const out = {};
  for (const page of pages) {
    out[page] = {};
    for (const variant of variants) {
      const runs = rows.filter((r) => r.page === page && r.variant === variant && !r.error);
      const m = {
        runs: runs.length,
        failed: rows.filter((r) => r.page === page && r.variant === variant && r.error).length,
      };
      for (const key of [...METRICS, 'documentScripting']) m[key] = median(runs.map((r) => r[key]));
      out[page][variant] = m;
    }
  }
  return out;
}

export async function run({ runs = 5, pages = Object.keys(PAGES) } = {}) {
  const servers = await startVariantServers(VARIANTS);
  const browser = await launchWithDebuggingPort();
  const rows = [];
  let version = '12.2.3';
  try {
    for (const { round, page, variant } of interleave(pages, VARIANTS, runs)) {
      const url = `${servers.urls[variant]}${PAGES[page]}`;
      try {
        const lhr = await audit(url, browser.port);
        version = lhr.lighthouseVersion ?? version;
        rows.push({ round, page, variant, ...lighthouseRow(lhr, SCRIPT_URLS[variant] ?? null) });
      } catch (error) {
        rows.push({ round, page, variant, error: String(error.message ?? error).split('\n')[0] });
      }
    }
  } finally {
    await browser.close();
    await servers.close();
  }
  const figures = summarize(rows, pages, VARIANTS);
  return { ...report(figures, pages, runs, version), raw: rows };
}

/** The tables: one row per page and measure, one column per variant, then the comparisons. */
export function report(figures, pages, runs, version) {
  const head = [
    'page',
    'measure',
    'no script',
    'p13n',
    'GrowthBook',
    'floor (inline)',
    'p13n − no script',
    'p13n ÷ GrowthBook',
    'p13n ÷ floor',
  ];
  const rows = [];
  const summary = [];
  const cell = { fcp: fmt.ms, lcp: fmt.ms, tbt: fmt.ms, score: fmt.score, bootup: fmt.ms, transfer: fmt.kb };
  const names = {
    fcp: 'FCP',
    lcp: 'LCP',
    tbt: 'TBT',
    score: 'performance score',
    bootup: 'script bootup (bootup-time)',
    transfer: 'script transfer',
  };
  for (const page of pages) {
    const f = figures[page];
    // The floor's script is inline: its bootup is the document's own scripting beyond no script's.
    const floorBootup = difference(f.floor.documentScripting, f.none.documentScripting);
    const value = (variant, key) => (variant === 'floor' && key === 'bootup' ? floorBootup : f[variant][key]);
    for (const key of METRICS) {
      const perScript = key === 'bootup' || key === 'transfer';
      const delta = perScript ? null : difference(f.p13n[key], f.none[key]);
      const show = (variant) => {
        if (variant === 'none' && perScript) return '–';
        if (variant === 'floor' && key === 'transfer') return `inline, ${fmt.kb(floorScript().length)} in the HTML`;
        return cell[key](value(variant, key));
      };
      const ratioTo = (variant) =>
        key === 'score' || (variant === 'floor' && key === 'transfer')
          ? '–'
          : fmt.times(ratio(f.p13n[key], value(variant, key)));
      rows.push([
        page,
        names[key],
        show('none'),
        show('p13n'),
        show('growthbook'),
        show('floor'),
        key === 'score' ? fmt.delta(delta, ' points') : fmt.delta(delta),
        ratioTo('growthbook'),
        ratioTo('floor'),
      ]);
    }
    const gb = (key) => difference(f.growthbook[key], f.none[key]);
    summary.push([
      `Lighthouse ${page}: FCP / LCP vs no script (median of ${f.p13n.runs})`,
      `${fmt.delta(difference(f.p13n.fcp, f.none.fcp))} / ${fmt.delta(difference(f.p13n.lcp, f.none.lcp))}`,
      `GrowthBook ${fmt.delta(gb('fcp'))} / ${fmt.delta(gb('lcp'))}; floor ${fmt.delta(difference(f.floor.fcp, f.none.fcp))} / ${fmt.delta(difference(f.floor.lcp, f.none.lcp))}`,
      'goal: ≤ +100 / +150 ms',
    ]);
    summary.push([
      `Lighthouse ${page}: performance score`,
      `${fmt.score(f.p13n.score)} (${fmt.delta(difference(f.p13n.score, f.none.score), ' points')})`,
      `no script ${fmt.score(f.none.score)}, GrowthBook ${fmt.score(f.growthbook.score)}, floor ${fmt.score(f.floor.score)}`,
      'goal: within 2 points',
    ]);
    summary.push([
      `Lighthouse ${page}: script bootup / transfer`,
      `${fmt.ms(f.p13n.bootup)} / ${fmt.kb(f.p13n.transfer)}`,
      `GrowthBook ${fmt.ms(f.growthbook.bootup)} / ${fmt.kb(f.growthbook.transfer)}`,
      `${fmt.times(ratio(f.p13n.bootup, f.growthbook.bootup))} / ${fmt.times(ratio(f.p13n.transfer, f.growthbook.transfer))} of GrowthBook`,
    ]);
  }
  const failed = pages.flatMap((page) => VARIANTS.map((v) => figures[page][v].failed)).reduce((a, b) => a + b, 0);
  return {
    summary,
    title: `Lighthouse ${version} mobile (performance), ${runs} runs per page and variant, interleaved, medians`,
    head,
    rows,
    notes: [
      'Variants (bench/variants.mjs, one loopback origin each): no script; p13n exactly as the demo installs it (dist/personalize.js and the personalize-*.js chunks it loads); GrowthBook auto.min.js (async, inline payload, one visual-editor experiment on the hero, tracking off); the floor, a ~1 KB inline script after the hero that swaps it synchronously. The demo toolbar (demo-tools.js) is removed from every variant.',
      "Lighthouse's mobile preset simulates a slow 4G phone with a 4× slower CPU (Lantern) from an unthrottled load on this machine: compare variants within this run.",
      "Script bootup is the `bootup-time` audit (threshold lowered to 0 ms) summed over the variant's own script URLs; the floor's is the document row's scripting minus no script's. Transfer is `network-requests` transferSize over the same URLs.",
      'Lighthouse clears storage before each run: every run is a first visit.',
      ...(failed ? [`${failed} run(s) failed and are left out of the medians (see raw rows).`] : []),
    ],
  };
}
