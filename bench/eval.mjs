// Evaluation throughput: a config of 50 segments and 100 rules (10 slots of 10) over 10,000 synthetic
// visitors, decisions per second, next to GrowthBook's `evalCondition` on the same conditions, in the
// same process. Each condition is generated once and written out three ways: as our expression text,
// and as GrowthBook's Mongo-style condition with a segment either inlined or referenced as a saved
// condition group (`$savedGroup`, GrowthBook's closest thing to a named segment). Ours evaluates each
// segment at most once per visitor (memoized); GrowthBook evaluates it at every use. Both sides must
// reach the same decision for every visitor and slot, or the part fails: the ratio is only worth
// something if the work is the same.
import { evalCondition } from '@growthbook/growthbook';
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SEGMENTS = 50;
export const SLOTS = 10;
export const RULES_PER_SLOT = 10;
export const VISITORS = 10_000;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same work. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEVICES = ['mobile', 'tablet', 'desktop'];
const COUNTRIES = ['no', 'se', 'dk', 'de', 'us', 'gb', 'fr'];
const CHANNELS = ['direct', 'organic search', 'paid search', 'email', 'organic social', 'referral'];
const CAMPAIGNS = ['winter-sale', 'spring-launch', 'vip-week', 'newsletter-12', 'none'];

/** A leaf test on one attribute: [ours, GrowthBook's] (strings are lower case on both sides, so case rules agree). */
function leaf(rnd) {
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const n = (max) => Math.floor(rnd() * max);
  switch (n(6)) {
    case 0: {
      const v = n(10);
      return [`visits >= ${v}`, { visits: { $gte: v } }];
    }
    case 1: {
      const d = pick(DEVICES);
      return [`device = '${d}'`, { device: d }];
    }
    case 2: {
      const list = [pick(COUNTRIES), pick(COUNTRIES)];
      return [`country IN ('${list.join("', '")}')`, { country: { $in: list } }];
    }
    case 3: {
      const part = pick(['sale', 'vip', 'launch', 'news']);
      return [`campaign CONTAINS '${part}'`, { campaign: { $regex: part } }];
    }
    case 4: {
      const lo = n(20);
      const hi = lo + n(40);
      return [`days_since_last_order BETWEEN ${lo} AND ${hi}`, { days_since_last_order: { $gte: lo, $lte: hi } }];
    }
    default: {
      const c = pick(CHANNELS);
      return [`channel = '${c}'`, { channel: c }];
    }
  }
}

/** AND / OR of 2-3 leaves, sometimes negated, sometimes reusing an earlier segment. */
function condition(rnd, segments) {
  const parts = Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => {
    if (segments.length && rnd() < 0.3) {
      const s = segments[Math.floor(rnd() * segments.length)];
      return [s.name, s.gb, { $savedGroup: { id: s.name } }];
    }
    const [text, gb] = leaf(rnd);
    return rnd() < 0.15 ? [`NOT ${text}`, { $not: gb }, { $not: gb }] : [text, gb, gb];
  });
  const join = rnd() < 0.25 ? '$or' : '$and';
  const text = parts.map(([t]) => `(${t})`).join(join === '$or' ? ' OR ' : ' AND ');
  return [text, { [join]: parts.map(([, g]) => g) }, { [join]: parts.map(([, , g]) => g) }];
}

export function makeWorkload(seed = 42) {
  const rnd = random(seed);
  const segments = [];
  for (let i = 0; i < SEGMENTS; i++) {
    const [text, gb, saved] = condition(rnd, segments.slice(0, i));
    segments.push({ name: `seg_${i}`, text, gb, saved });
  }
  const slots = {};
  const gbSlots = [];
  for (let s = 0; s < SLOTS; s++) {
    const rules = [];
    const gbRules = [];
    for (let r = 0; r < RULES_PER_SLOT; r++) {
      const id = `s${s}r${r}`;
      const segment = rnd() < 0.5 ? segments[Math.floor(rnd() * SEGMENTS)] : null;
      const [text, gb, saved] = segment
        ? [segment.name, segment.gb, { $savedGroup: { id: segment.name } }]
        : condition(rnd, segments);
      rules.push({ id, when: text, content: { type: 'html', html: `<p>${id}</p>` } });
      gbRules.push({ id, inlined: gb, saved });
    }
    slots[`slot_${s}`] = { rules };
    gbSlots.push(gbRules);
  }
  const savedGroups = Object.fromEntries(segments.map((s) => [s.name, { type: 'condition', condition: s.saved }]));
  const visitors = Array.from({ length: VISITORS }, () => ({
    visits: Math.floor(rnd() * 12),
    device: DEVICES[Math.floor(rnd() * 3)],
    country: COUNTRIES[Math.floor(rnd() * COUNTRIES.length)],
    campaign: CAMPAIGNS[Math.floor(rnd() * CAMPAIGNS.length)],
    days_since_last_order: Math.floor(rnd() * 60),
    channel: CHANNELS[Math.floor(rnd() * CHANNELS.length)],
  }));
  return {
    config: { segments: Object.fromEntries(segments.map((s) => [s.name, s.text])), slots },
    gbSlots,
    savedGroups,
    visitors,
  };
}

/** Our pure core, bundled for Node from the TypeScript sources. */
async function loadCore() {
  const outfile = join(mkdtempSync(join(tmpdir(), 'p13n-bench-')), 'core.mjs');
  await build({
    stdin: {
      contents:
        "export { parseConfig } from './src/core/config/parse.ts'; export { compileConfig } from './src/core/config/compile.ts'; export { decide } from './src/core/decide/rules.ts';",
      resolveDir: new URL('..', import.meta.url).pathname,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  return import(pathToFileURL(outfile).href);
}

function timeIt(fn, minMs = 1500) {
  fn(); // warm up: JIT, inline caches
  let runs = 0;
  const start = performance.now();
  do {
    fn();
    runs++;
  } while (performance.now() - start < minMs);
  return (performance.now() - start) / runs;
}

export async function run() {
  const { parseConfig, compileConfig, decide } = await loadCore();
  const { config, gbSlots, savedGroups, visitors } = makeWorkload();
  const parsed = parseConfig(config);
  const compiled = compileConfig(parsed.config, parsed.problems);
  if (compiled.problems.length) throw new Error(`bench config has problems: ${JSON.stringify(compiled.problems[0])}`);
  const input = { visitorId: 'v', assignments: {}, canExperiment: false };

  const ours = () =>
    visitors.map((attrs) => decide(compiled, compiled.segments.evaluation(attrs), input).decisions.map((d) => d.rule));
  const inlined = () =>
    visitors.map((attrs) =>
      gbSlots.map((rules) => rules.find((rule) => evalCondition(attrs, rule.inlined))?.id ?? null),
    );
  const saved = () =>
    visitors.map((attrs) =>
      gbSlots.map((rules) => rules.find((rule) => evalCondition(attrs, rule.saved, savedGroups))?.id ?? null),
    );

  const a = ours();
  for (const [name, theirs] of [
    ['inlined', inlined],
    ['saved groups', saved],
  ]) {
    const b = theirs();
    for (let v = 0; v < visitors.length; v++) {
      if (a[v].join() !== b[v].join())
        throw new Error(`p13n and GrowthBook (${name}) disagree for visitor ${v}: ${a[v]} vs ${b[v]}`);
    }
  }
  const matched = a.flat().filter((rule) => rule !== null).length;
  const depth =
    a.flat().reduce((sum, rule) => sum + (rule === null ? RULES_PER_SLOT : Number(rule.split('r')[1]) + 1), 0) /
    a.flat().length;
  const decisions = visitors.length * SLOTS;
  const oursMs = timeIt(ours);
  const inlinedMs = timeIt(inlined);
  const savedMs = timeIt(saved);
  const perSecond = (ms) => Math.round((decisions / ms) * 1000);
  return {
    summary: [
      [
        `decisions per second (${SEGMENTS} segments, ${SLOTS * RULES_PER_SLOT} rules, ${VISITORS.toLocaleString('en')} visitors)`,
        perSecond(oursMs).toLocaleString('en'),
        `GrowthBook evalCondition: ${perSecond(savedMs).toLocaleString('en')} ($savedGroup), ${perSecond(inlinedMs).toLocaleString('en')} (inlined)`,
        `${(savedMs / oursMs).toFixed(1)}× / ${(inlinedMs / oursMs).toFixed(1)}×`,
      ],
    ],
    title: `Evaluation: ${SEGMENTS} segments, ${SLOTS * RULES_PER_SLOT} rules (${SLOTS} slots), ${VISITORS.toLocaleString('en')} visitors, one decision = one slot for one visitor`,
    head: ['engine', 'ms per 10,000 visitors', 'decisions / s', 'speed vs GrowthBook $savedGroup'],
    rows: [
      [
        'p13n decide(), segments memoized per visitor',
        oursMs.toFixed(1),
        perSecond(oursMs).toLocaleString('en'),
        `${(savedMs / oursMs).toFixed(2)}× (${(inlinedMs / oursMs).toFixed(2)}× vs inlined)`,
      ],
      [
        'GrowthBook evalCondition(), segments as $savedGroup',
        savedMs.toFixed(1),
        perSecond(savedMs).toLocaleString('en'),
        '1.00×',
      ],
      [
        'GrowthBook evalCondition(), segments inlined',
        inlinedMs.toFixed(1),
        perSecond(inlinedMs).toLocaleString('en'),
        `${(savedMs / inlinedMs).toFixed(2)}×`,
      ],
    ],
    notes: [
      `Both reach the same decision for all ${decisions.toLocaleString('en')} slot decisions; ${Math.round((matched / decisions) * 100)}% matched a rule, after ${depth.toFixed(1)} rules on average.`,
    ],
  };
}
