// Page loads in headless Chromium: the demo store's home page, first visit (empty IndexedDB) and
// repeat visit, each with the script and with the same page minus the script tag (so every cost is a
// difference, not an absolute). Per load:
//   - when the hero slot was first painted visible, and in how many painted frames it was hidden
//     (bench/paint-recorder.mjs samples every animation frame);
//   - whether any frame showed the default and a later one the personalized content (must be 0);
//   - main-thread time of the script, from separate loads under V8's sampling profiler (it slows the
//     page, so those loads give nothing else): CPU profile samples (every 100 µs) with a personalize.js
//     frame on the stack, which counts the functions it calls (regexes, DOM) and its microtasks, but
//     not the style, layout and paint its DOM changes cause later; and the longest uninterrupted run
//     of such samples, the script's longest piece of work;
//   - long tasks (≥ 50 ms, Long Tasks API) on the page, whoever caused them.
import { chromium } from 'playwright-core';
import { startDemoServer } from '../demo/serve.mjs';
import { paintReport, recordPaints } from './paint-recorder.mjs';

/** As test/browser/global-setup.ts launches it (a sandboxed CI machine without network). */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const SHOPPER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const SLOTS = { hero: '[data-p13n-slot="hero"]' };
const SAMPLING_US = 100;
const SCRIPT_TAG = '<script src="/personalize.js"></script>';
const DEMO_TOOLS_TAG = '<script src="/demo-tools.js" defer></script>';

const median = (values) => quantile(values, 0.5);
function quantile(values, q) {
  const sorted = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** Script time and its longest uninterrupted run, from a V8 CPU profile. */
function scriptTime(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const ours = new Map();
  const isOurs = (id) => {
    if (ours.has(id)) return ours.get(id);
    const node = byId.get(id);
    const answer = node.callFrame.url.endsWith('/personalize.js') || (parentOf.has(id) && isOurs(parentOf.get(id)));
    ours.set(id, answer);
    return answer;
  };
  let total = 0;
  let run = 0;
  let longest = 0;
  profile.samples.forEach((sample, i) => {
    // A sample stands for the time until the next, but at most two sampling intervals: a longer gap
    // means the thread was not running (descheduled on a busy machine), which is not the script's cost.
    const gap = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]) / 1000;
    const ms = Math.min(gap, (2 * SAMPLING_US) / 1000);
    if (isOurs(sample)) {
      total += ms;
      run += ms;
      longest = Math.max(longest, run);
    } else if (byId.get(sample).callFrame.functionName === '(idle)' || gap > 1) {
      run = 0; // the thread went idle (or another task ran): that piece of work ended
    }
  });
  return { total, longest };
}

/**
 * One page load. A `profiled` load runs V8's sampling profiler, which slows the page it measures
 * (on 2 cores, by about half): it gives the script's main-thread time and nothing else; paint
 * timing, flicker and long tasks come from loads without it.
 */
async function measuredLoad(context, url, withScript, profiled) {
  const page = await context.newPage();
  await page.goto(new URL('/__bench_blank', url).href); // same origin, so the profiler's renderer is the page's
  const cdp = profiled ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await cdp.send('Profiler.start');
  }
  await page.goto(url);
  if (withScript)
    await page.waitForFunction(() => window.p13n?.ready).then(() => page.evaluate(() => window.p13n.ready));
  await page.evaluate(
    () => new Promise((done) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(done)), 50)),
  );
  const profile = cdp ? (await cdp.send('Profiler.stop')).profile : null;
  const report = await paintReport(page, SLOTS);
  await cdp?.detach();
  await page.close();
  if (profile) return { profiled: true, ...scriptTime(profile) };
  return { profiled: false, ...report.slots.hero, longTasks: report.longTasks.length, firstPaint: report.firstPaint };
}

/** How the page carries the script: the install snippet, none, or an `async` tag (runs when it arrives, maybe after the first paint). */
const TAGS = { head: SCRIPT_TAG, none: '', async: '<script src="/personalize.js" async></script>' };

async function scenario(browser, baseUrl, { repeat, tag, loads, profiledLoads }) {
  const withScript = tag !== 'none';
  const results = [];
  const setUp = async () => {
    const context = await browser.newContext({ userAgent: SHOPPER_UA });
    await context.route('**/__bench_blank', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
    );
    // The demo's own toolbar (demo-tools.js) is not part of a store: it lists segments after every
    // load, which would bill its calls to the script. Both variants load the page without it.
    await context.route(`${baseUrl}/`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(DEMO_TOOLS_TAG, '');
      route.fulfill({ response, body: body.replace(SCRIPT_TAG, TAGS[tag]) });
    });
    await context.addInitScript(recordPaints, SLOTS);
    return context;
  };
  let context = repeat ? await setUp() : null;
  if (repeat) await measuredLoad(context, `${baseUrl}/`, withScript, false); // the first visit, not counted
  const plan = [...Array(loads).fill(false), ...Array(withScript ? profiledLoads : 0).fill(true)];
  for (const profiled of plan) {
    if (!repeat) context = await setUp();
    results.push(await measuredLoad(context, `${baseUrl}/`, withScript, profiled));
    if (!repeat) await context.close();
  }
  if (repeat) await context.close();
  return results;
}

export async function run({ loads = 30, profiledLoads = 10 } = {}) {
  const demo = await startDemoServer({ port: 0 });
  const home = await (await fetch(demo.url)).text();
  if (!home.includes(SCRIPT_TAG) || !home.includes(DEMO_TOOLS_TAG))
    throw new Error(
      'bench/load.mjs: the demo home page no longer has the tags it removes: update SCRIPT_TAG / DEMO_TOOLS_TAG',
    );
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const baseUrl = demo.url.replace(/\/$/, '');
  const rows = [];
  const flat = {};
  const profiles = {};
  try {
    const rowsToRun = [
      [false, 'head'],
      [false, 'none'],
      [true, 'head'],
      [true, 'none'],
      [false, 'async'],
    ];
    for (const [repeat, tag] of rowsToRun) {
      const withScript = tag !== 'none';
      // The async row shows what happens to a store that ignores the install advice; half the loads keep the run short.
      const all = await scenario(browser, baseUrl, {
        repeat,
        tag,
        loads: tag === 'async' ? Math.ceil(loads / 2) : loads,
        profiledLoads,
      });
      const r = all.filter((x) => !x.profiled);
      const p = all.filter((x) => x.profiled);
      const name = `${repeat ? 'repeat' : 'first'} visit, ${tag === 'head' ? 'with p13n' : tag === 'none' ? 'no script' : 'p13n loaded async'}`;
      const ms = (v) => (v === null ? '–' : v.toFixed(1));
      const stat = (key) =>
        `${ms(median(r.map((x) => x[key])))} / ${ms(
          quantile(
            r.map((x) => x[key]),
            0.95,
          ),
        )}`;
      const personalized = r.filter((x) => x.final === 'personalized').length;
      rows.push([
        name,
        String(r.length),
        stat('firstPaint'),
        stat('revealedAt'),
        `${median(r.map((x) => x.hiddenFrames))} / ${quantile(
          r.map((x) => x.hiddenFrames),
          0.95,
        )}`,
        withScript ? `${r.filter((x) => x.flicker).length} (${personalized} personalized)` : '–',
        withScript
          ? `${ms(median(p.map((x) => x.total)))} / ${ms(
              quantile(
                p.map((x) => x.total),
                0.95,
              ),
            )} (${p.length})`
          : '–',
        withScript ? ms(Math.max(...p.map((x) => x.longest))) : '–',
        String(r.reduce((sum, x) => sum + x.longTasks, 0)),
      ]);
      flat[name] = r;
      profiles[name] = p;
    }
  } finally {
    await browser.close();
    await demo.close();
  }
  const pair = (visit, pick, unit = ' ms') => {
    const w = pick(flat[`${visit} visit, with p13n`]);
    const n = pick(flat[`${visit} visit, no script`]);
    return [
      `${w.toFixed(1)}${unit}`,
      `${n.toFixed(1)}${unit} without the script`,
      `${w - n >= 0 ? '+' : ''}${(w - n).toFixed(1)}${unit}`,
    ];
  };
  const stats = (_visit, key, q) => (runs) =>
    quantile(
      runs.map((x) => x[key]),
      q,
    );
  const summary = [];
  for (const visit of ['first', 'repeat']) {
    summary.push([
      `hero painted, ${visit} visit, median (ms from navigation)`,
      ...pair(visit, stats(visit, 'revealedAt', 0.5)),
    ]);
    summary.push([`hero painted, ${visit} visit, p95`, ...pair(visit, stats(visit, 'revealedAt', 0.95))]);
    const runs = flat[`${visit} visit, with p13n`];
    summary.push([
      `frames the hero was hidden, ${visit} visit, median / p95`,
      `${quantile(
        runs.map((x) => x.hiddenFrames),
        0.5,
      )} / ${quantile(
        runs.map((x) => x.hiddenFrames),
        0.95,
      )}`,
      '0 without the script',
      '',
    ]);
    summary.push([
      `loads that painted the default, then the personalized hero, ${visit} visit`,
      `${runs.filter((x) => x.flicker).length} of ${runs.length}`,
      'must be 0',
      '',
    ]);
    const sampled = profiles[`${visit} visit, with p13n`];
    summary.push([
      `script main-thread time, ${visit} visit, median / p95 (longest run), profiled loads`,
      `${quantile(
        sampled.map((x) => x.total),
        0.5,
      ).toFixed(1)} / ${quantile(
        sampled.map((x) => x.total),
        0.95,
      ).toFixed(1)} ms (${Math.max(...sampled.map((x) => x.longest)).toFixed(1)} ms)`,
      'long task: 50 ms',
      `${sampled.length} loads under the profiler`,
    ]);
    summary.push([
      `long tasks ≥ 50 ms, ${visit} visit, all loads`,
      String(runs.reduce((n, x) => n + x.longTasks, 0)),
      `${flat[`${visit} visit, no script`].reduce((n, x) => n + x.longTasks, 0)} without the script`,
      '',
    ]);
  }
  const late = flat['first visit, p13n loaded async'];
  summary.push([
    'loads that painted the default, then the personalized hero, script loaded `async`',
    `${late.filter((x) => x.flicker).length} of ${late.length}`,
    'must be 0',
    `${late.filter((x) => x.final === 'personalized').length} personalized in time`,
  ]);
  return {
    summary,
    title: `Page loads: demo store home page, ${loads} loads per row (${profiledLoads} more under the profiler), headless Chromium (${browser.version()})`,
    head: [
      'load',
      'loads',
      'first paint ms (median / p95)',
      'hero painted ms (median / p95)',
      'frames hero hidden (median / p95)',
      'default-then-personalized loads',
      'script main-thread ms (median / p95) (profiled loads)',
      'longest script run ms (max)',
      'long tasks ≥50 ms (all loads)',
    ],
    rows,
    notes: [
      "Script main-thread time comes from separate loads under V8's sampling profiler (every 100 µs), which slows the page it measures: read it as an upper bound. Paint times, hidden frames, flicker and long tasks come from the loads without it.",
      'Times are from navigation start. "hero painted" is the first painted frame showing the hero (personalized, or the default when that is the decision).',
      "Repeat visits are one visitor reloading: the hero is their arm of the demo's welcome-back A/B test (the control arm keeps the default).",
      '"p13n loaded async": the same tag with `async`, against the install advice. When it runs after the first paint, the hero keeps its default for that page view (never a swap); "personalized" counts the loads where it ran in time.',
    ],
    raw: { ...flat, profiles },
  };
}
