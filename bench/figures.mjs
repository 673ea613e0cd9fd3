// Pure helpers of the Lighthouse and throttled parts: order of runs, summary statistics, and the
// rows read out of a Lighthouse result. No I/O, so test/unit/bench/figures.test.ts can pin each figure.

/** The value at quantile q (nearest rank: the smallest value with at least q of the values at or below it); null for none. */
export function quantile(values, q) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The median; for an even count, the mean of the two middle values. Null for none. */
export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** a / b, or null when either is missing or b is not positive (a ratio against nothing means nothing). */
export const ratio = (a, b) => (a === null || b === null || !(b > 0) ? null : a / b);

/** a - b, or null when either is missing. */
export const difference = (a, b) => (a === null || b === null ? null : a - b);

/**
 * The order of the runs: every variant once per round, in the order given, for each page in turn
 * (ABCD ABCD …), so a machine that gets busier during the bench slows every variant alike.
 * @returns {{ round: number, page: string, variant: string }[]}
 */
export function interleave(pages, variants, rounds) {
  const plan = [];
  for (let round = 0; round < rounds; round++)
    for (const page of pages) for (const variant of variants) plan.push({ round, page, variant });
  return plan;
}

/** '1,234 ms', '+12 ms', '2.3×', '–' for a missing value. */
export const fmt = {
  ms: (v) => (v === null ? '–' : `${Math.round(v).toLocaleString('en-US')} ms`),
  delta: (v, unit = ' ms') =>
    v === null ? '–' : `${v >= 0 ? '+' : '−'}${Math.abs(Math.round(v)).toLocaleString('en-US')}${unit}`,
  times: (v) => (v === null ? '–' : `${v.toFixed(2)}×`),
  kb: (bytes) => (bytes === null ? '–' : `${(bytes / 1024).toFixed(1)} KB`),
  score: (v) => (v === null ? '–' : String(Math.round(v))),
};

/** URLs of each variant's own scripts: the bundle and its chunks beside it, or GrowthBook's bundle. */
export const SCRIPT_URLS = {
  p13n: /\/(?:personalize|p13n-)[\w.-]*\.m?js(?:[?#]|$)/,
  growthbook: /\/auto(?:\.min)?\.js(?:[?#]|$)/,
};

const numeric = (lhr, id) => {
  const value = lhr.audits?.[id]?.numericValue;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};
const items = (lhr, id) => (Array.isArray(lhr.audits?.[id]?.details?.items) ? lhr.audits[id].details.items : []);

/**
 * One Lighthouse result (LHR JSON) as the figures this bench reports. `scriptUrls` picks the variant's
 * own scripts (null: it has none, or only inline script). Script bootup is the `bootup-time` audit's
 * `total` (evaluation, parse and compile) summed over those scripts' rows; transfer is the
 * `network-requests` audit's `transferSize` summed over the same URLs. `documentScripting` is the
 * document's own row (inline scripts land there), for the inline floor.
 */
export function lighthouseRow(lhr, scriptUrls) {
  if (lhr?.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  const score = lhr?.categories?.performance?.score;
  const ours = (rows) =>
    scriptUrls ? rows.filter((row) => typeof row.url === 'string' && scriptUrls.test(row.url)) : [];
  const sum = (rows, key) => rows.reduce((total, row) => total + (typeof row[key] === 'number' ? row[key] : 0), 0);
  const bootup = ours(items(lhr, 'bootup-time'));
  const requests = ours(items(lhr, 'network-requests'));
  const page = lhr.finalDisplayedUrl ?? lhr.finalUrl ?? lhr.requestedUrl;
  const documentRow = items(lhr, 'bootup-time').find((row) => row.url === page);
  return {
    fcp: numeric(lhr, 'first-contentful-paint'),
    lcp: numeric(lhr, 'largest-contentful-paint'),
    tbt: numeric(lhr, 'total-blocking-time'),
    score: typeof score === 'number' ? score * 100 : null,
    bootup: scriptUrls ? sum(bootup, 'total') : null,
    transfer: scriptUrls ? sum(requests, 'transferSize') : null,
    scripts: requests.length,
    documentScripting: documentRow ? (documentRow.scripting ?? null) : null,
  };
}

/**
 * When the hero's final content was first painted, from per-frame samples `{ time, seen }` where
 * `seen` is 'absent', 'hidden' or a signature of the visible content: the start of the last run of
 * frames showing the final signature, but not before the page's first paint (frames before it are not
 * painted). `swapped` says whether a painted frame showed other visible content first (a flicker).
 * @returns {{ at: number | null, swapped: boolean }}
 */
export function finalPaint(frames, firstPaint) {
  const last = frames.at(-1)?.seen;
  if (last === undefined || last === 'absent' || last === 'hidden') return { at: null, swapped: false };
  let start = frames.length - 1;
  while (start > 0 && frames[start - 1].seen === last) start--;
  // Chromium runs animation frames before its first paint; one frame (~17 ms) of slack, as paint-recorder.mjs allows.
  const painted = (frame) => frame.time >= firstPaint - 17;
  const swapped = frames
    .slice(0, start)
    .some((frame) => painted(frame) && frame.seen !== 'absent' && frame.seen !== 'hidden' && frame.seen !== last);
  return { at: Math.max(frames[start].time, firstPaint), swapped };
}
