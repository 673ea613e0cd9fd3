// One shopper of the hero-LCP page on a throttled phone: a browser context (cold cache, empty
// storage) that lands from the newsletter, then views a second page (warm cache, the profile the first
// page stored). Per page load it records, without changing the page:
//   - what the hero showed in every animation frame (as bench/throttled.mjs samples it: a rAF callback
//     runs right before style, layout and paint, so what it sees is what that frame paints);
//   - the largest-contentful-paint entries (PerformanceObserver, buffered) with their element;
//   - the paint timings, the navigation and resource timings (when each file's bytes arrived);
//   - a trace (./trace.mjs) for the script time before the first paint;
//   - CDP Performance.getMetrics ScriptDuration before and after the load, for the total script time.
import { BLANK_PATH } from './server.mjs';
import { TRACE_CATEGORIES } from './trace.mjs';

/** Android Chrome, not HeadlessChrome: a headless user agent is a bot to p13n (and to most stores). */
export const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36';
/** The same phone as client hints (navigator.userAgentData), which would otherwise say nothing of a phone. */
const PHONE_HINTS = {
  brands: [
    { brand: 'Chromium', version: '150' },
    { brand: 'Google Chrome', version: '150' },
    { brand: 'Not-A.Brand', version: '99' },
  ],
  fullVersion: '150.0.0.0',
  platform: 'Android',
  platformVersion: '14.0.0',
  architecture: '',
  model: 'Pixel 8',
  mobile: true,
};
export const PHONE = {
  userAgent: PHONE_UA,
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
export const CPU_SLOWDOWN = 4;
const LOAD_TIMEOUT_MS = 30_000;
// After `load`, time for late work (personalize.js's chunks, GrowthBook's DOM mutation, a late LCP
// candidate) to land: a bounded settle, as bench/throttled.mjs allows itself; nothing waits on it alone.
const SETTLE_MS = 1_000;
const SNAPSHOT_KEY = 'p13n:snapshot';

/** Runs in every document before its scripts: the hero per frame, and the LCP entries. */
export function recordHeroAndLcp() {
  const record = { frames: [], lcp: [] };
  window.__lcpBench = record;
  const seen = () => {
    const hero = document.querySelector('[data-p13n-slot="hero"]');
    if (!hero) return 'absent';
    if (getComputedStyle(hero).visibility === 'hidden') return 'hidden';
    const heading = hero.querySelector('h1,h2')?.textContent?.trim() ?? '';
    return `${hero.querySelector('img')?.getAttribute('src') ?? ''}|${heading}`;
  };
  const frame = (time) => {
    record.frames.push({ time, seen: seen() });
    if (record.frames.length < 3000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        record.lcp.push({
          time: entry.startTime,
          url: entry.url ? new URL(entry.url).pathname : '',
          tag: entry.element?.tagName ?? null,
          inHero: Boolean(entry.element?.closest?.('[data-p13n-slot="hero"]')),
        });
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {
    // No LCP API: the load has no LCP, and the figures say so.
  }
}

/** Runs in the page after the settle: everything recorded, as plain data. */
function readRecord() {
  const nav = performance.getEntriesByType('navigation')[0];
  const early = window[Symbol.for('p13n.early')];
  return {
    frames: window.__lcpBench?.frames ?? [],
    lcp: window.__lcpBench?.lcp ?? [],
    paints: Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime])),
    mobileHint: navigator.userAgentData?.mobile ?? null,
    html: nav
      ? {
          responseEnd: nav.responseEnd,
          transferSize: nav.transferSize,
          domContentLoaded: nav.domContentLoadedEventEnd,
          load: nav.loadEventEnd,
        }
      : null,
    resources: performance.getEntriesByType('resource').map((e) => ({
      path: new URL(e.name).pathname,
      start: e.startTime,
      responseEnd: e.responseEnd,
      transferSize: e.transferSize,
      bodySize: e.encodedBodySize,
    })),
    early: early
      ? {
          decided: early.decisions.map((d) => `${d.slot}:${d.rule ?? 'default'}`),
          waiting: [...early.waiting],
          rendered: early.rendered.size,
        }
      : null,
    hero: window.p13n?.decisions?.().find((d) => d.slot === 'hero') ?? null,
  };
}

const scriptSeconds = async (cdp) =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;

/** Waits for `p13n.ready` (bounded: a page whose script never settles is measured as it is). */
const p13nReady = (page) =>
  page.evaluate(
    (ms) =>
      Promise.race([
        new Promise((done) => {
          const poll = () =>
            window.p13n
              ? window.p13n.ready.then(
                  () => done(true),
                  () => done(true),
                )
              : setTimeout(poll, 20);
          poll();
        }),
        new Promise((done) => setTimeout(() => done(false), ms)),
      ]),
    LOAD_TIMEOUT_MS / 2,
  );

/** One throttled, traced page load in `context`; `url` absolute. */
export async function loadPage(browser, context, url, { variant, visit, referer }) {
  const page = await context.newPage();
  try {
    await page.goto(new URL(BLANK_PATH, url).href); // same origin: the metrics' renderer is the page's
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await cdp.send('Emulation.setUserAgentOverride', { userAgent: PHONE_UA, userAgentMetadata: PHONE_HINTS });
    await cdp.send('Performance.enable');
    const before = await scriptSeconds(cdp);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    let trace;
    try {
      await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS, referer });
      const ready = variant === 'p13n' ? await p13nReady(page) : null;
      await page.evaluate(
        (ms) => new Promise((done) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(done)), ms)),
        SETTLE_MS,
      );
      const after = await scriptSeconds(cdp);
      const record = await page.evaluate(readRecord);
      // The second page view decides from the snapshot this one leaves: wait until it is written
      // (a condition, bounded), so a missing profile is recorded, not silently measured.
      const snapshot =
        variant === 'p13n' && visit === 'first'
          ? await page
              .waitForFunction((key) => localStorage.getItem(key) !== null, SNAPSHOT_KEY, { timeout: 5_000 })
              .then(
                () => true,
                () => false,
              )
          : null;
      trace = await browser.stopTracing();
      return { variant, visit, url, ready, snapshot, scriptMs: (after - before) * 1000, ...record, trace };
    } finally {
      if (!trace) await browser.stopTracing().catch(() => {});
    }
  } finally {
    await page.close();
  }
}

/** A shopper: the newsletter landing (cold), then a second page view (warm) in the same context. */
export async function shopper(browser, base, variant, landingQuery, recordHero = recordHeroAndLcp) {
  const context = await browser.newContext(PHONE);
  try {
    await context.addInitScript(recordHero);
    const landing = `${base}/${landingQuery}`;
    const first = await loadPage(browser, context, landing, { variant, visit: 'first' });
    const second = await loadPage(browser, context, `${base}/`, { variant, visit: 'second', referer: landing });
    return [first, second];
  } finally {
    await context.close();
  }
}
