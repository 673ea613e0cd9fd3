// The hero-LCP goals, side by side in one run: a page whose LCP element is its hero image (plus two
// lines of text), with a config that gives shoppers from the newsletter another hero and a second
// page view another one (bench/lcp/p13n.json), on a throttled phone (150 ms RTT, 1.6 Mbit/s down,
// 750 kbit/s up, CPU 4×, Android Chrome, 412 px wide). Four pages (bench/lcp/pages.mjs): the ideal
// (the personalized hero already in the HTML), no script, p13n as `p13n snippet` prints it, and
// GrowthBook; two visit kinds per shopper (bench/lcp/visit.mjs): the newsletter landing with a cold
// cache, then a second page view with a warm cache and the stored profile. Shoppers are interleaved
// (ideal, none, p13n, GrowthBook; then none, p13n, GrowthBook, ideal; …) so a machine that gets
// busier slows every page alike.
//
// `npm run bench -- --only lcp [--runs N]` (default 7 shoppers per page; `--quick`: 2).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { difference, fmt, ratio } from './figures.mjs';
import {
  cellsOf,
  detailRows,
  GOALS,
  goalRows,
  loadFigures,
  timelineRows,
  VISIT_NAMES,
  VISITS,
} from './lcp/figures.mjs';
import { CAMPAIGN_QUERY, EXPECTED_RULE, growthbookTags, HEROES, VARIANTS } from './lcp/pages.mjs';
import { snippetOf, startLcpServers } from './lcp/server.mjs';
import { growthbookGzip, inlineGzip, programGzip, shopperFiles } from './lcp/sizes.mjs';
import { scriptRuns } from './lcp/trace.mjs';
import { CPU_SLOWDOWN, shopper } from './lcp/visit.mjs';

const RAW_FILE = join(tmpdir(), 'p13n-bench-lcp-loads.json');

/**
 * Every page once per round (ABCD ABCD …), the first page of a round rotating (ABCD BCDA CDAB DABC …).
 * In a run in fixed order the ideal, first in every round, painted about 150 ms later than no script
 * (median FCP 640 vs 492 ms) though its page is no heavier: most likely the round's first shopper
 * pays for the previous round's browser context being torn down. Rotating spreads that over all pages.
 */
export function rotatedRounds(variants, rounds) {
  const plan = [];
  for (let round = 0; round < rounds; round++)
    for (let k = 0; k < variants.length; k++) plan.push({ round, variant: variants[(k + round) % variants.length] });
  return plan;
}

export async function run({ lcpRuns = 7 } = {}) {
  const servers = await startLcpServers(VARIANTS);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const version = browser.version();
  const loads = [];
  try {
    for (const { round, variant } of rotatedRounds(VARIANTS, lcpRuns)) {
      try {
        for (const raw of await shopper(browser, servers.urls[variant], variant, CAMPAIGN_QUERY)) {
          const trace = scriptRuns(JSON.parse(raw.trace.toString('utf8')), raw.url);
          loads.push({ round, ...loadFigures(raw, HEROES, trace) });
        }
      } catch (error) {
        const message = String(error?.message ?? error).split('\n')[0];
        for (const visit of VISITS)
          if (!loads.some((l) => l.round === round && l.variant === variant && l.visit === visit))
            loads.push({ round, variant, visit, error: message });
      }
    }
  } finally {
    await browser.close();
    await servers.close();
  }
  writeFileSync(RAW_FILE, JSON.stringify(loads, null, 1));
  process.stderr.write(`(lcp: every load's figures in ${RAW_FILE}) `);
  const demo = snippetOf(fileURLToPath(new URL('../demo/p13n.json', import.meta.url)));
  const sizes = {
    inline: {
      bench: inlineGzip(servers.install),
      demo: inlineGzip(demo),
      growthbook: inlineGzip(growthbookTags(1)),
    },
    program: { bench: programGzip(servers.install), demo: programGzip(demo) },
    files: shopperFiles(),
    growthbookFile: growthbookGzip(),
  };
  return report(loads, sizes, { runs: lcpRuns, version });
}

/** The part's tables and notes (run.mjs prints them) from the loads' figures. */
export function report(loads, sizes, { runs, version }) {
  const cells = cellsOf(loads, VARIANTS);
  const summary = [];
  for (const visit of VISITS) {
    const [p, i, g] = ['p13n', 'ideal', 'growthbook'].map((v) => cells[`${v}/${visit}`]);
    summary.push(
      [
        `hero LCP page, ${VISIT_NAMES[visit]}: personalized`,
        `${p.personalized} of ${p.loads}`,
        `GrowthBook ${g.personalized} of ${g.loads} (painted the default first in ${g.swapped})`,
        'goal: all',
      ],
      [
        `hero LCP page, ${VISIT_NAMES[visit]}: LCP median`,
        fmt.ms(p.lcp),
        `ideal ${fmt.ms(i.lcp)}; GrowthBook ${fmt.ms(g.lcp)}`,
        `${fmt.delta(difference(p.lcp, i.lcp))} over the ideal (goal ≤ +${GOALS.lcpOverIdealMs} ms)`,
      ],
      [
        `hero LCP page, ${VISIT_NAMES[visit]}: script before the first paint, thread CPU time (wall)`,
        `${fmt.ms(p.beforePaintCpu)} (${fmt.ms(p.beforePaint)})`,
        `GrowthBook ${fmt.ms(g.beforePaintCpu)} (${fmt.ms(g.beforePaint)})`,
        `goal ≤ ${GOALS.beforePaintMs} ms`,
      ],
      [
        `hero LCP page, ${VISIT_NAMES[visit]}: script main-thread time (above no script)`,
        fmt.ms(p.ownScript),
        `GrowthBook ${fmt.ms(g.ownScript)}`,
        `${fmt.times(ratio(p.ownScript, g.ownScript))} of GrowthBook (goal ≤ 1×)`,
      ],
    );
  }
  const largest = [...sizes.files].sort((a, b) => b.gzip - a.gzip)[0];
  summary.push(
    [
      'inline script code, gzip (demo config / this page)',
      `${sizes.inline.demo.toLocaleString('en-US')} B / ${sizes.inline.bench.toLocaleString('en-US')} B`,
      `GrowthBook's inline settings ${sizes.inline.growthbook.toLocaleString('en-US')} B`,
      `goal ≤ ${GOALS.inlineGzip.toLocaleString('en-US')} B`,
    ],
    [
      'largest shopper file, gzip',
      `${largest.name} ${largest.gzip.toLocaleString('en-US')} B`,
      `GrowthBook auto.min.js ${sizes.growthbookFile.toLocaleString('en-US')} B`,
      `goal ≤ ${GOALS.fileGzip.toLocaleString('en-US')} B per file`,
    ],
  );
  const failed = loads.filter((l) => l.error);
  const p13nMisses = loads.filter((l) => l.variant === 'p13n' && !l.error && !l.personalized);
  return {
    summary,
    title: `Hero LCP goals: hero image + two lines, throttled phone (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU ${CPU_SLOWDOWN}×, 412 px, Android Chrome UA), ${runs} shoppers per page, Chromium ${version}`,
    head: ['goal', 'visit', 'p13n', 'ideal', 'GrowthBook', 'p13n − ideal (÷)', 'p13n − GrowthBook (÷)', 'goal'],
    rows: goalRows(cells, sizes),
    tables: [
      {
        title: 'Per page and visit kind (medians; "/" p90)',
        head: [
          'visit',
          'page',
          'loads',
          'personalized',
          'painted another hero first',
          'LCP element = hero image',
          'FCP',
          'LCP / p90',
          'script before first paint: CPU (wall / p90)',
          'page script time (ScriptDuration)',
          'above no script',
        ],
        rows: detailRows(cells, VARIANTS),
      },
      {
        title: 'Where the time goes (medians, ms after navigation start)',
        head: [
          'visit',
          'page',
          'HTML bytes in (transfer)',
          'inline decider runs',
          'default hero image bytes',
          'personalized hero image bytes',
          'script file in; its first run for',
          'FCP',
          'LCP',
        ],
        rows: timelineRows(cells, VARIANTS),
      },
      {
        title: 'Shopper files (gzip level 9)',
        head: ['file', 'gzip', `≤ ${GOALS.fileGzip.toLocaleString('en-US')} B`],
        rows: sizes.files.map((f) => [
          f.name,
          `${f.gzip.toLocaleString('en-US')} B`,
          f.gzip <= GOALS.fileGzip ? 'yes' : 'no',
        ]),
      },
    ],
    notes: [
      `Each shopper is one browser context: it lands on \`/${CAMPAIGN_QUERY}\` (cold cache, empty storage), then opens \`/\` with the landing page as referrer (warm cache; the profile and the snapshot the first page stored). Expected: the first page shows rule ${EXPECTED_RULE.first} (${HEROES.first.image}), the second ${EXPECTED_RULE.second} (${HEROES.second.image}); the theme's own hero is ${HEROES.default.image}. The three JPEGs weigh about 60 KB each.`,
      "Pages (bench/lcp/pages.mjs, one loopback origin each): the ideal prints the expected hero in its HTML (with the markup p13n renders, `fetchpriority=\"high\"` as the theme's hero has); no script keeps the theme's hero; p13n is the page with what `node bin/p13n.mjs snippet bench/lcp/p13n.json` prints in its head; GrowthBook is auto.min.js (async) with its settings inline and two visual-editor experiments (all traffic to the variation) targeted like the two rules; the page view count reaches GrowthBook as an attribute from the server (it counts none itself), as the ideal's server uses it. Images and scripts are cacheable for an hour, the page is `no-cache`; text is gzipped.",
      '"personalized": every painted animation frame that showed the hero showed the visit\'s own hero (a frame sampler, as in bench/throttled.mjs; frames before the first paint are not painted), and the LCP entry was its image. "painted another hero first": a painted frame showed other content before the final one (a swap).',
      'LCP: the last `largest-contentful-paint` entry (PerformanceObserver, buffered), read after `load`, `p13n.ready` and a bounded 1 s settle. "LCP element = hero image": that entry\'s element is the hero\'s `<img>`.',
      "\"script before first paint\": from a Chromium trace of each load (devtools.timeline), the main-thread time of the page's own script runs (EvaluateScript with its compile, callbacks, microtasks, and the style or layout they force) up to the end of the main thread's work on the first contentful frame (its last Paint event before the trace's firstContentfulPaint; script that starts later did not hold that frame back); inline scripts carry the document's URL, so for p13n \"inline\" is the early decider. The frame sampler and the LCP observer are not the page's and are not counted. Tracing costs every page alike. The verdict uses the thread's CPU time (the trace's tdur), which waiting for a core on a busy machine does not inflate and CPU throttling does (measured here: the decider's CPU time at 4× is about 5× its CPU time at 1×); the wall time is beside it.",
      '"page script time" is CDP Performance.getMetrics ScriptDuration over the load and the settle (the frame sampler included); a script\'s own total is that median minus the no-script median of the same visit kind (so the ideal\'s is noise around zero).',
      `Inline code: the classic inline \`<script>\` elements of the install, each gzipped (level 9); the program (\`type="application/json"\`) is the config's data and not counted (${sizes.program.demo?.toLocaleString('en-US')} B gzip for the demo config, ${sizes.program.bench?.toLocaleString('en-US')} B for this page's). GrowthBook's inline script is its settings (payload) assignment.`,
      ...(p13nMisses.length
        ? [
            `p13n loads not personalized: ${p13nMisses
              .map(
                (l) =>
                  `round ${l.round} ${l.visit}: painted ${l.firstShown ?? 'nothing'}, LCP ${l.lcpImage ?? '–'}, decided ${l.rule ?? 'nothing'}${l.snapshot === false ? ', no snapshot stored' : ''}`,
              )
              .join('; ')}.`,
          ]
        : []),
      ...(failed.length
        ? [`Failed loads: ${failed.map((l) => `${l.variant} ${l.visit} (round ${l.round}): ${l.error}`).join('; ')}.`]
        : []),
    ],
  };
}
