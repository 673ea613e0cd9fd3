// The demo home page on a slow phone: DevTools throttling (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s
// up, CPU 4× slower), headless Chromium via playwright-core. Each visitor is one browser context
// (IndexedDB persists in it) that loads the page twice: a first visit, then a repeat visit an hour
// later (the first visit's `Date` runs an hour behind; Playwright's clock would also fake
// `performance`, which the paint timing needs), so the repeat is a new visit of a returning visitor. Visitors rotate through the variants (no script, p13n, GrowthBook) in turn.
// Per load:
//   - when the hero's final content was painted (an animation-frame sampler, as paint-recorder.mjs
//     does, extended to GrowthBook, which marks nothing: it records what the hero shows);
//   - for p13n, whether the hero was decided by the rule meant for that visit (`hero-first-visit`,
//     then the `hero-welcome-back-test` A/B test), read from `p13n.decisions()` after `p13n.ready`;
//   - the page's main-thread script time (CDP Performance.getMetrics ScriptDuration, before and after
//     the load); the script's own cost is the difference from the no-script loads.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { difference, finalPaint, fmt, median, quantile, ratio } from './figures.mjs';
import { startVariantServers } from './variants.mjs';

const VARIANTS = ['none', 'p13n', 'growthbook'];
const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36';
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;
const EXPECTED_RULE = { first: 'hero-first-visit', repeat: 'hero-welcome-back-test' };
const HOUR = 60 * 60 * 1000;
const LOAD_TIMEOUT_MS = 30_000;
// After `load`, time for late work (an async script's decision, GrowthBook's DOM mutation) to land.
const SETTLE_MS = 1_000;

/** Runs in the page before its scripts: `Date` shifted by `offset` ms, `performance` untouched. */
function shiftDate(offset) {
  const RealDate = Date;
  const now = () => RealDate.now() + offset;
  window.Date = class extends RealDate {
    constructor(...args) {
      super(...(args.length ? args : [now()]));
    }

    static now() {
      return now();
    }
  };
}

/** Runs in the page before its scripts: what the hero shows in every animation frame (bounded). */
function recordHero() {
  const record = { frames: [] };
  window.__hero = record;
  const seen = () => {
    const hero = document.querySelector('[data-p13n-slot="hero"]');
    if (!hero) return 'absent';
    if (getComputedStyle(hero).visibility === 'hidden' || getComputedStyle(document.documentElement).opacity === '0')
      return 'hidden';
    return `${hero.querySelector('h1,h2')?.textContent?.trim() ?? ''}|${hero.querySelector('img')?.getAttribute('src') ?? ''}`;
  };
  const frame = (time) => {
    record.frames.push({ time, seen: seen() });
    if (record.frames.length < 3000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

const scriptSeconds = async (cdp) =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;

async function load(context, url, variant, visit) {
  const page = await context.newPage();
  try {
    if (visit === 'first') await page.addInitScript(shiftDate, -HOUR);
    await page.goto(new URL('/__bench_blank', url).href); // same origin: the metrics' renderer is the page's
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await cdp.send('Performance.enable');
    const before = await scriptSeconds(cdp);
    await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    let decided = null;
    if (variant === 'p13n') {
      decided = await page.evaluate(async (ms) => {
        const ready = await Promise.race([
          new Promise((done) => {
            const poll = () => (window.p13n ? window.p13n.ready.then(() => done(true)) : setTimeout(poll, 20));
            poll();
          }),
          new Promise((done) => setTimeout(() => done(false), ms)),
        ]);
        if (!ready) return { rule: null, reason: 'p13n.ready did not settle' };
        const hero = window.p13n.decisions().find((d) => d.slot === 'hero');
        return { rule: hero?.rule ?? null, variant: hero?.variant ?? null, reason: hero?.reason ?? 'no hero decision' };
      }, LOAD_TIMEOUT_MS / 2);
    }
    await page.evaluate(
      (ms) => new Promise((done) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(done)), ms)),
      SETTLE_MS,
    );
    const after = await scriptSeconds(cdp);
    const { frames, firstPaint } = await page.evaluate(() => ({
      frames: window.__hero.frames,
      firstPaint: performance.getEntriesByType('paint')[0]?.startTime ?? 0,
    }));
    await cdp.detach();
    const paint = finalPaint(frames, firstPaint);
    return {
      variant,
      visit,
      heroAt: paint.at,
      swapped: paint.swapped,
      firstPaint,
      scriptMs: (after - before) * 1000,
      personalized: decided ? decided.rule === EXPECTED_RULE[visit] : null,
      decided,
    };
  } finally {
    await page.close();
  }
}

async function visitor(browser, url, variant) {
  const context = await browser.newContext({
    userAgent: PHONE_UA,
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  try {
    await context.route('**/__bench_blank', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
    );
    await context.addInitScript(recordHero);
    const first = await load(context, `${url}/`, variant, 'first');
    const repeat = await load(context, `${url}/`, variant, 'repeat');
    return [first, repeat];
  } finally {
    await context.close();
  }
}

export async function run({ visitors = 10 } = {}) {
  const servers = await startVariantServers(VARIANTS);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const loads = [];
  const version = browser.version();
  try {
    for (let i = 0; i < visitors; i++) {
      for (const variant of VARIANTS) {
        try {
          loads.push(...(await visitor(browser, servers.urls[variant], variant)));
        } catch (error) {
          loads.push(
            { variant, visit: 'first', error: String(error.message ?? error).split('\n')[0] },
            { variant, visit: 'repeat', error: 'first visit failed' },
          );
        }
      }
    }
  } finally {
    await browser.close();
    await servers.close();
  }
  return { ...report(loads, visitors, version), raw: loads };
}

/**
 * Per variant and visit: hero final paint, swaps, personalized share, script time above no script.
 * @returns {Record<string, Record<string, any>>}
 */
export function figuresOf(loads) {
  const out = {};
  for (const visit of ['first', 'repeat']) {
    for (const variant of VARIANTS) {
      const ok = loads.filter((l) => l.variant === variant && l.visit === visit && !l.error);
      out[`${variant}/${visit}`] = {
        loads: ok.length,
        failed: loads.filter((l) => l.variant === variant && l.visit === visit && l.error).length,
        heroMedian: median(ok.map((l) => l.heroAt)),
        heroP90: quantile(
          ok.map((l) => l.heroAt),
          0.9,
        ),
        swapped: ok.filter((l) => l.swapped).length,
        personalized: variant === 'p13n' ? ok.filter((l) => l.personalized).length : null,
        scriptMedian: median(ok.map((l) => l.scriptMs)),
        reasons: [...new Set(ok.filter((l) => l.decided && !l.personalized).map((l) => l.decided.reason))],
      };
    }
    const own = (variant) => difference(out[`${variant}/${visit}`].scriptMedian, out[`none/${visit}`].scriptMedian);
    out[`p13n/${visit}`].ownScript = own('p13n');
    out[`growthbook/${visit}`].ownScript = own('growthbook');
  }
  return out;
}

export function report(loads, visitors, version) {
  const f = figuresOf(loads);
  const names = { none: 'no script', p13n: 'p13n', growthbook: 'GrowthBook' };
  const rows = [];
  for (const visit of ['first', 'repeat']) {
    for (const variant of VARIANTS) {
      const x = f[`${variant}/${visit}`];
      rows.push([
        `${visit} visit`,
        names[variant],
        `${x.loads}${x.failed ? ` (+${x.failed} failed)` : ''}`,
        x.personalized === null ? '–' : `${x.personalized} of ${x.loads}`,
        `${fmt.ms(x.heroMedian)} / ${fmt.ms(x.heroP90)}`,
        String(x.swapped),
        fmt.ms(x.scriptMedian),
        variant === 'none' ? '–' : fmt.ms(x.ownScript ?? null),
      ]);
    }
  }
  const summary = [];
  for (const visit of ['first', 'repeat']) {
    const p = f[`p13n/${visit}`];
    const g = f[`growthbook/${visit}`];
    const n = f[`none/${visit}`];
    summary.push([
      `throttled ${visit} visits personalized`,
      `${p.personalized} of ${p.loads}`,
      p.reasons.length ? `others: ${p.reasons.join('; ')}` : 'every load',
      visit === 'repeat' ? 'goal: all' : '',
    ]);
    summary.push([
      `throttled ${visit} visit: hero final paint, median / p90`,
      `${fmt.ms(p.heroMedian)} / ${fmt.ms(p.heroP90)}`,
      `no script ${fmt.ms(n.heroMedian)} / ${fmt.ms(n.heroP90)}; GrowthBook ${fmt.ms(g.heroMedian)} / ${fmt.ms(g.heroP90)}`,
      fmt.delta(difference(p.heroMedian, n.heroMedian)),
    ]);
    summary.push([
      `throttled ${visit} visit: script main-thread time (above no script)`,
      fmt.ms(p.ownScript),
      `GrowthBook ${fmt.ms(g.ownScript)}`,
      `${fmt.times(ratio(p.ownScript, g.ownScript))} of GrowthBook (goal ≤ 0.50×)`,
    ]);
  }
  return {
    summary,
    title: `Throttled loads: demo home page, 150 ms RTT, 1.6 Mbit/s, CPU ${CPU_SLOWDOWN}×, ${visitors} visitors per variant (a first and a repeat visit each), Chromium ${version}`,
    head: [
      'visit',
      'variant',
      'loads',
      'personalized (expected rule)',
      'hero final paint ms (median / p90)',
      'loads that painted another hero first',
      'page script time (median)',
      'script main-thread time above no script',
    ],
    rows,
    notes: [
      "Each visitor is one browser context: the first visit's `Date` runs an hour behind, so it is a new visit of a returning visitor and IndexedDB holds the first visit's profile. Visitors rotate no script → p13n → GrowthBook.",
      '"personalized": p13n decided the hero by the rule meant for that visit (first: hero-first-visit; repeat: the hero-welcome-back-test A/B test, either arm; its control arm keeps the default content). Anything else (a timeout, a fallback) is listed with its reason in the summary.',
      '"hero final paint": the first painted animation frame from which the hero no longer changed (visible, same heading and image), from navigation start. GrowthBook runs without its anti-flicker option (off by default), so its variation arm paints the default hero first.',
      '"page script time" is CDP ScriptDuration over the whole load (theme scripts included, and the frame sampler); the script\'s own main-thread time is that minus the no-script median of the same visit kind.',
    ],
  };
}
