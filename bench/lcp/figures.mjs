// The hero-LCP part's figures, from the loads bench/lcp/visit.mjs records: per load (what was painted,
// LCP, script time before the first paint), per variant and visit kind (medians, p90), and the
// issue's goals, each met or missed. Pure: test/unit/bench/lcp.test.ts pins them on loads made by hand.
import { difference, finalPaint, fmt, median, quantile, ratio } from '../figures.mjs';
import { firstRun, scriptTime } from './trace.mjs';

export const VISITS = ['first', 'second'];
export const VISIT_NAMES = {
  first: 'first visit from the newsletter, cold cache',
  second: 'second page view, warm cache, stored profile',
};
export const NAMES = {
  ideal: 'ideal (hero in the HTML)',
  none: 'no script',
  p13n: 'p13n (`p13n snippet`)',
  growthbook: 'GrowthBook',
};

/** The goals of deciding before the first paint (docs/performance.md). */
export const GOALS = {
  lcpOverIdealMs: 50,
  inlineGzip: 4 * 1024,
  fileGzip: 10_000,
  beforePaintMs: 10,
};

/** Each variant's own scripts: inline ones carry the document's URL. */
const OWN = {
  p13n: /\/personalize(?:-[\w]+)?\.js(?:[?#]|$)/,
  growthbook: /\/auto(?:\.min)?\.js(?:[?#]|$)/,
};
export const ownScript = (variant, pageUrl) => (url) => url === pageUrl || Boolean(OWN[variant]?.test(url));
const inline = (pageUrl) => (url) => url === pageUrl;

const signature = (hero) => `${hero.image}|${hero.heading}`;

const file = (resources, path) => {
  const r = resources.find((x) => x.path === path);
  return r ? { start: r.start, end: r.responseEnd, bytes: r.transferSize } : null;
};

/**
 * One load's figures. `heroes` holds the hero each visit kind should show and the theme's default
 * (bench/lcp/pages.mjs HEROES); `trace` is scriptRuns() of the load's trace (null: no trace).
 *
 * "personalized": every painted frame that showed the hero showed the visit's own hero (so never a
 * default followed by a swap), and the LCP was that hero's image.
 */
export function loadFigures(load, heroes, trace) {
  const expected = heroes[load.visit];
  const firstPaint = load.paints?.['first-paint'] ?? load.paints?.['first-contentful-paint'] ?? 0;
  const shown = load.frames.filter((f) => f.time >= firstPaint - 17 && f.seen !== 'absent' && f.seen !== 'hidden');
  const paint = finalPaint(load.frames, firstPaint);
  const lcp = load.lcp.at(-1) ?? null;
  const lcpOnHero = Boolean(lcp && lcp.tag === 'IMG' && lcp.inHero);
  const painted = shown.length > 0 && shown.every((f) => f.seen === signature(expected));
  const runs = trace?.runs ?? [];
  const own = ownScript(load.variant, load.url);
  const until = trace?.painted ?? null;
  const decider = load.variant === 'p13n' ? firstRun(runs, inline(load.url)) : null;
  const mainScript = OWN[load.variant] ? firstRun(runs, (url) => OWN[load.variant].test(url)) : null;
  return {
    variant: load.variant,
    visit: load.visit,
    personalized: painted && lcp?.url === expected.image,
    swapped: paint.swapped,
    firstShown: shown[0]?.seen ?? null,
    heroAt: paint.at,
    fcp: load.paints?.['first-contentful-paint'] ?? null,
    lcp: lcp?.time ?? null,
    lcpImage: lcp?.url || lcp?.tag || null,
    lcpOnHero,
    // Script time before the first paint needs the trace's paint; without it, none is claimed.
    beforePaint: until === null ? null : scriptTime(runs, own, until),
    inlineBeforePaint: until === null ? null : scriptTime(runs, inline(load.url), until),
    beforePaintCpu: until === null ? null : scriptTime(runs, own, until, { cpu: true }),
    inlineBeforePaintCpu: until === null ? null : scriptTime(runs, inline(load.url), until, { cpu: true }),
    scriptMs: load.scriptMs,
    html: load.html ? { end: load.html.responseEnd, bytes: load.html.transferSize } : null,
    decider: decider && { start: decider.start, end: decider.end },
    mainScript: mainScript && { start: mainScript.start, end: mainScript.end },
    heroImage: file(load.resources, expected.image),
    defaultImage: file(load.resources, heroes.default.image),
    scriptFile: load.resources.find((r) => OWN[load.variant]?.test(r.path))
      ? file(load.resources, load.resources.find((r) => OWN[load.variant].test(r.path)).path)
      : null,
    early: load.early,
    rule: load.hero?.rule ?? null,
    snapshot: load.snapshot,
  };
}

const med = (loads, pick) => median(loads.map(pick));

/**
 * Per variant and visit kind: counts, medians and p90s.
 * @returns {Record<string, any>} keyed `${variant}/${visit}`
 */
export function cellsOf(loads, variants) {
  const out = {};
  for (const visit of VISITS) {
    for (const variant of variants) {
      const all = loads.filter((l) => l.variant === variant && l.visit === visit);
      const ok = all.filter((l) => !l.error);
      out[`${variant}/${visit}`] = {
        loads: ok.length,
        failed: all.length - ok.length,
        errors: [...new Set(all.filter((l) => l.error).map((l) => l.error))],
        personalized: ok.filter((l) => l.personalized).length,
        swapped: ok.filter((l) => l.swapped).length,
        lcpOnHero: ok.filter((l) => l.lcpOnHero).length,
        fcp: med(ok, (l) => l.fcp),
        lcp: med(ok, (l) => l.lcp),
        lcpP90: quantile(
          ok.map((l) => l.lcp),
          0.9,
        ),
        beforePaint: med(ok, (l) => l.beforePaint),
        beforePaintP90: quantile(
          ok.map((l) => l.beforePaint),
          0.9,
        ),
        inlineBeforePaint: med(ok, (l) => l.inlineBeforePaint),
        beforePaintCpu: med(ok, (l) => l.beforePaintCpu),
        inlineBeforePaintCpu: med(ok, (l) => l.inlineBeforePaintCpu),
        scriptMs: med(ok, (l) => l.scriptMs),
        htmlEnd: med(ok, (l) => l.html?.end),
        htmlBytes: med(ok, (l) => l.html?.bytes),
        deciderStart: med(ok, (l) => l.decider?.start),
        deciderEnd: med(ok, (l) => l.decider?.end),
        mainScriptStart: med(ok, (l) => l.mainScript?.start),
        mainScriptMs: med(ok, (l) => (l.mainScript ? l.mainScript.end - l.mainScript.start : null)),
        scriptFileEnd: med(ok, (l) => l.scriptFile?.end),
        heroStart: med(ok, (l) => l.heroImage?.start),
        heroEnd: med(ok, (l) => l.heroImage?.end),
        defaultFetched: ok.filter((l) => l.defaultImage && l.defaultImage.bytes > 0).length,
        defaultStart: med(ok, (l) => l.defaultImage?.start),
        defaultEnd: med(ok, (l) => l.defaultImage?.end),
        otherPainted: [...new Set(ok.filter((l) => !l.personalized && l.firstShown).map((l) => l.firstShown))],
      };
    }
    // The script's own total: its page's ScriptDuration above the same page without any script.
    const none = out[`none/${visit}`]?.scriptMs ?? null;
    for (const variant of variants)
      out[`${variant}/${visit}`].ownScript = difference(out[`${variant}/${visit}`].scriptMs, none);
  }
  return out;
}

const verdict = (met) => (met === null ? '–' : met ? '**met**' : '**missed**');
const share = (cell) => `${cell.personalized} of ${cell.loads}`;
const lcpText = (cell) => `${fmt.ms(cell.lcp)} (p90 ${fmt.ms(cell.lcpP90)})`;

/**
 * The goals table: one row per goal and visit kind; p13n beside the ideal and GrowthBook, its
 * difference or ratio to each, and the verdict.
 * `sizes`: { inline: { bench, demo, growthbook }, files: [{ name, gzip }] } (gzip bytes)
 */
export function goalRows(cells, sizes) {
  const rows = [];
  for (const visit of VISITS) {
    const [p, i, g] = ['p13n', 'ideal', 'growthbook'].map((v) => cells[`${v}/${visit}`]);
    rows.push([
      'personalized on 100% of loads (painted first, no swap)',
      VISIT_NAMES[visit],
      share(p),
      share(i),
      share(g),
      '',
      '',
      verdict(p.loads > 0 ? p.personalized === p.loads : null),
    ]);
    const overIdeal = difference(p.lcp, i.lcp);
    rows.push([
      `LCP, median of ${p.loads}, within +${GOALS.lcpOverIdealMs} ms of the ideal`,
      VISIT_NAMES[visit],
      lcpText(p),
      lcpText(i),
      lcpText(g),
      `${fmt.delta(overIdeal)} (${fmt.times(ratio(p.lcp, i.lcp))})`,
      `${fmt.delta(difference(p.lcp, g.lcp))} (${fmt.times(ratio(p.lcp, g.lcp))})`,
      verdict(overIdeal === null ? null : overIdeal <= GOALS.lcpOverIdealMs),
    ]);
    rows.push([
      `script main-thread time before the first paint, ≤ ${GOALS.beforePaintMs} ms at CPU 4×: thread CPU time (wall time; of it, the inline decider)`,
      VISIT_NAMES[visit],
      `${fmt.ms(p.beforePaintCpu)} (wall ${fmt.ms(p.beforePaint)}; inline ${fmt.ms(p.inlineBeforePaintCpu)} / ${fmt.ms(p.inlineBeforePaint)})`,
      `${fmt.ms(i.beforePaintCpu)} (${fmt.ms(i.beforePaint)})`,
      `${fmt.ms(g.beforePaintCpu)} (${fmt.ms(g.beforePaint)})`,
      fmt.delta(difference(p.beforePaintCpu, i.beforePaintCpu)),
      fmt.delta(difference(p.beforePaintCpu, g.beforePaintCpu)),
      verdict(p.beforePaintCpu === null ? null : p.beforePaintCpu <= GOALS.beforePaintMs),
    ]);
    rows.push([
      'script main-thread time in all (ScriptDuration above no script), ≤ GrowthBook',
      VISIT_NAMES[visit],
      fmt.ms(p.ownScript),
      fmt.delta(i.ownScript),
      fmt.ms(g.ownScript),
      fmt.delta(difference(p.ownScript, i.ownScript)),
      `${fmt.delta(difference(p.ownScript, g.ownScript))} (${fmt.times(ratio(p.ownScript, g.ownScript))})`,
      verdict(p.ownScript === null || g.ownScript === null ? null : p.ownScript <= g.ownScript),
    ]);
  }
  const bytes = (n) => (n === null || n === undefined ? '–' : `${n.toLocaleString('en-US')} B`);
  rows.push([
    `inline script code in the head, gzip, ≤ ${bytes(GOALS.inlineGzip)} (data not counted)`,
    'demo config (`p13n snippet demo/p13n.json`)',
    bytes(sizes.inline.demo),
    '0 B',
    bytes(sizes.inline.growthbook),
    '',
    '',
    verdict(sizes.inline.demo <= GOALS.inlineGzip),
  ]);
  rows.push([
    'the same, this page',
    'bench/lcp/p13n.json',
    bytes(sizes.inline.bench),
    '0 B',
    bytes(sizes.inline.growthbook),
    '',
    '',
    verdict(sizes.inline.bench <= GOALS.inlineGzip),
  ]);
  const largest = [...sizes.files].sort((a, b) => b.gzip - a.gzip)[0];
  const over = sizes.files.filter((f) => f.gzip > GOALS.fileGzip);
  rows.push([
    `every shopper file ≤ ${bytes(GOALS.fileGzip)} gzip`,
    'dist/personalize*.js',
    `largest ${largest.name} ${bytes(largest.gzip)}; ${over.length} of ${sizes.files.length} over`,
    '–',
    sizes.growthbookFile ? `auto.min.js ${bytes(sizes.growthbookFile)}` : '–',
    '',
    '',
    verdict(over.length === 0),
  ]);
  return rows;
}

/** Per variant and visit kind: the measures behind the goals. */
export function detailRows(cells, variants) {
  const rows = [];
  for (const visit of VISITS) {
    for (const variant of variants) {
      const c = cells[`${variant}/${visit}`];
      rows.push([
        VISIT_NAMES[visit],
        NAMES[variant],
        `${c.loads}${c.failed ? ` (+${c.failed} failed)` : ''}`,
        share(c),
        String(c.swapped),
        `${c.lcpOnHero} of ${c.loads}`,
        fmt.ms(c.fcp),
        `${fmt.ms(c.lcp)} / ${fmt.ms(c.lcpP90)}`,
        `${fmt.ms(c.beforePaintCpu)} (${fmt.ms(c.beforePaint)} / ${fmt.ms(c.beforePaintP90)})`,
        fmt.ms(c.scriptMs),
        variant === 'none' ? '–' : fmt.delta(c.ownScript),
      ]);
    }
  }
  return rows;
}

const at = (v) => (v === null ? '–' : Math.round(v).toLocaleString('en-US'));
const span = (a, b) => (a === null ? '–' : `${at(a)}–${at(b)}`);

/** Where the time goes: medians of when each piece arrived or ran, ms after navigation start. */
export function timelineRows(cells, variants) {
  const rows = [];
  for (const visit of VISITS) {
    for (const variant of variants) {
      const c = cells[`${variant}/${visit}`];
      rows.push([
        VISIT_NAMES[visit],
        NAMES[variant],
        `${at(c.htmlEnd)} (${c.htmlBytes === null ? '–' : `${(c.htmlBytes / 1024).toFixed(1)} KB`})`,
        span(c.deciderStart, c.deciderEnd),
        c.defaultFetched ? `${span(c.defaultStart, c.defaultEnd)} (${c.defaultFetched} of ${c.loads})` : 'not fetched',
        span(c.heroStart, c.heroEnd),
        c.scriptFileEnd === null
          ? '–'
          : `${at(c.scriptFileEnd)}; runs ${at(c.mainScriptStart)} for ${at(c.mainScriptMs)}`,
        at(c.fcp),
        at(c.lcp),
      ]);
    }
  }
  return rows;
}
