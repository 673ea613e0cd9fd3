// Main-thread script time from a Chromium trace (categories TRACE_CATEGORIES), per script, up to the
// page's first paint. Pure: test/unit/bench/lcp.test.ts pins it on small hand-made traces.
//
// Why a trace: the goal is the script's main-thread time *before the first paint*, and only a trace
// tells when each piece of script ran relative to that paint. CDP's Performance.getMetrics gives a
// whole-page total (used for the total), and a `performance.mark` pair around the inline script would
// change the page being measured. In the trace, every run of JavaScript on the page's main thread is an
// event carrying the script it belongs to: EvaluateScript (a script's compile and first run; an
// inline script's URL is the document's), FunctionCall (a callback: timer, MutationObserver,
// listener), and the containers that run them (TimerFire, EventDispatch, RunMicrotasks,
// FireAnimationFrame), which take the script of the first call inside. Only outermost events are
// summed, so nested ones count once; style and layout that a script forces run inside its event and
// count as its time, as they would in DevTools' "Scripting" bar.

export const TRACE_CATEGORIES = ['devtools.timeline', 'blink.user_timing', 'loading', 'v8.execute'];

const JS_EVENTS = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'EventDispatch',
  'RunMicrotasks',
  'XHRReadyStateChange',
]);

const urlOf = (event) => event.args?.data?.url || event.args?.data?.stackTrace?.[0]?.url || null;

/**
 * A page load's first contentful paint (`fcp`, as presented), the end of the main thread's work on
 * that frame (`painted`), and its outermost runs of script on the main thread, each with its script's
 * URL (null: no script ran inside, e.g. an event without listeners); all in ms after navigation start.
 * @param {{ traceEvents?: any[] } | any[]} trace
 * @param {string} pageUrl the document's URL as navigated
 * @returns {{ fcp: number | null, painted: number | null, runs: { url: string | null, start: number, end: number, cpu: number }[] } | null}
 *   null when the trace holds no navigation to `pageUrl`
 */
export function scriptRuns(trace, pageUrl) {
  const events = Array.isArray(trace) ? trace : (trace?.traceEvents ?? []);
  const navigations = events.filter(
    (e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === pageUrl && e.args?.data?.navigationId,
  );
  const nav = navigations.at(-1);
  if (!nav) return null;
  const navigationId = nav.args.data.navigationId;
  const fcpEvent = events.find((e) => e.name === 'firstContentfulPaint' && e.args?.data?.navigationId === navigationId);
  const onMain = (e) => e.pid === nav.pid && e.tid === nav.tid;
  const js = events
    .filter((e) => e.ph === 'X' && JS_EVENTS.has(e.name) && onMain(e) && e.ts >= nav.ts && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const runs = [];
  let outer = null;
  for (const event of js) {
    const end = event.ts + event.dur;
    if (outer && end <= outer.end) {
      // Nested: a container takes the script of the first call inside it.
      if (outer.url === null) outer.url = urlOf(event);
      continue;
    }
    outer = { url: urlOf(event), ts: event.ts, end, cpu: event.tdur ?? event.dur };
    runs.push(outer);
  }
  // The first contentful paint's timestamp is when the frame was presented, after raster on other
  // threads; the main thread's part of that frame ends with its last Paint event before it. Script
  // that starts after that event did not hold the frame back.
  const paints = fcpEvent
    ? events.filter(
        (e) => e.ph === 'X' && e.name === 'Paint' && onMain(e) && e.ts >= nav.ts && e.ts + e.dur <= fcpEvent.ts,
      )
    : [];
  const painted = paints.length ? Math.max(...paints.map((e) => e.ts + e.dur)) : fcpEvent?.ts;
  const ms = (ts) => (ts - nav.ts) / 1000;
  return {
    fcp: fcpEvent ? ms(fcpEvent.ts) : null,
    painted: painted === undefined ? null : ms(painted),
    runs: runs.map((run) => ({ url: run.url, start: ms(run.ts), end: ms(run.end), cpu: run.cpu / 1000 })),
  };
}

/**
 * Milliseconds of the runs whose URL `belongs`, before `until` (ms after navigation start; all of them
 * when null): wall-clock time on the main thread, or with `cpu` the thread's CPU time (the trace's
 * `tdur`; a run cut by `until` counts its share). On a machine other processes keep busy, the wall
 * time includes the moments the thread waited for a core; the CPU time does not (CPU throttling's
 * own slowdown still counts in it: the throttled thread is kept busy, not descheduled).
 * @param {{ url: string | null, start: number, end: number, cpu?: number }[]} runs
 * @param {(url: string) => boolean} belongs
 * @param {number | null} [until]
 */
export function scriptTime(runs, belongs, until = null, { cpu = false } = {}) {
  let total = 0;
  for (const run of runs) {
    if (run.url === null || !belongs(run.url)) continue;
    const end = until === null ? run.end : Math.min(run.end, until);
    if (end <= run.start) continue;
    const wall = end - run.start;
    total += cpu ? (run.cpu ?? run.end - run.start) * (run.end > run.start ? wall / (run.end - run.start) : 1) : wall;
  }
  return total;
}

/**
 * The first run of a script whose URL `belongs` (its evaluation, for a script), or null.
 * @param {{ url: string | null, start: number, end: number }[]} runs
 * @param {(url: string) => boolean} belongs
 */
export function firstRun(runs, belongs) {
  return runs.find((run) => run.url !== null && belongs(run.url)) ?? null;
}
