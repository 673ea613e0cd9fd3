// @vitest-environment node
/**
 * A/B assignment as the store owner is promised it (README "A/B tests and events"): fair splits, two
 * tests independent of each other, the traffic share, stickiness while the config changes around a
 * test, and a new draw only when its `version` is bumped.
 */
import { describe, expect, it } from 'vitest';
import { compileConfig, type CompiledConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { decide, type DecideInput, type Decision } from '../../../../src/core/decide/rules.js';
import { independence } from '../../../../src/tools/report/stats.js';

/**
 * Synthetic visitor ids in the format of `randomId()` (32 hex digits), from a seeded generator
 * (mulberry32) so a failure can be replayed. Every bound below is several standard errors wide, so the
 * seed is not cherry-picked: any seed passes with near certainty.
 */
function visitorIds(count: number, seed = 20261102): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  };
  return Array.from({ length: count }, () => next() + next() + next() + next());
}

const VISITORS = visitorIds(100_000);
const hero = (heading: string) => ({ type: 'hero', heading });

function compile(slots: Record<string, unknown[]>): CompiledConfig {
  const parsed = parseConfig({
    slots: Object.fromEntries(Object.entries(slots).map(([name, rules]) => [name, { rules }])),
  });
  expect(parsed.problems).toEqual([]);
  return compileConfig(parsed.config);
}

const abRule = (id: string, weights: number[], extra: Record<string, unknown> = {}) => ({
  id,
  variants: weights.map((weight, i) => ({ id: `v${i}`, weight, content: i === 0 ? null : hero(`variant ${i}`) })),
  ...extra,
});

const EVERYONE = compileConfig({ segments: {}, slots: {}, timeout: 1000, internalHosts: [] }).segments.evaluation({});

function decideFor(compiled: CompiledConfig, visitorId: string, input: Partial<DecideInput> = {}) {
  return decide(compiled, EVERYONE, { visitorId, assignments: {}, canExperiment: true, ...input });
}

const decisionOf = (
  compiled: CompiledConfig,
  visitorId: string,
  slot: string,
  input: Partial<DecideInput> = {},
): Decision => decideFor(compiled, visitorId, input).decisions.find((d) => d.slot === slot)!;

/**
 * One pass of the 100,000 visitors through `decide()` with one slot per test below: every split and the
 * contingency table come from the same decisions a page would make.
 */
const FAIR_WEIGHTS: Array<[string, number[]]> = [
  ['2 equal variants', [50, 50]],
  ['2 unequal variants', [10, 90]],
  ['3 variants', [1, 1, 1]],
  ['3 unequal variants', [20, 30, 50]],
  ['5 variants', [20, 20, 20, 20, 20]],
  ['5 unequal variants (weights not summing to 100)', [5, 10, 15, 30, 40.5]],
];

function tally(compiled: CompiledConfig, visitors: readonly string[]) {
  const counts = new Map<string, Map<string | null, number>>();
  const pairs = new Map<string, number>(); // "slotA=variant|slotB=variant" for the independence tables
  for (const id of visitors) {
    const decisions = decideFor(compiled, id).decisions;
    for (const d of decisions) {
      const slot = counts.get(d.slot) ?? new Map<string | null, number>();
      slot.set(d.variant, (slot.get(d.variant) ?? 0) + 1);
      counts.set(d.slot, slot);
    }
    const key = `${decisions[0]!.variant}|${decisions[1]!.variant}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  /** Rows: variants of the first slot; columns: of the second. */
  const table = (rows: number, cols: number) =>
    Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => pairs.get(`v${i}|v${j}`) ?? 0));
  return { counts, table };
}

const fair = (() => {
  let result: ReturnType<typeof tally> | undefined;
  // Slots fair0 (50/50) and fair3 (20/30/50) come first: the independence test reads those two.
  const order = [0, 3, 1, 2, 4, 5];
  return () =>
    (result ??= tally(
      compile({
        ...Object.fromEntries(order.map((i) => [`fair${i}`, [abRule(`fair-test-${i}`, FAIR_WEIGHTS[i]![1])]])),
        zero: [abRule('zero', [50, 0, 50])],
        partial: [abRule('partial', [50, 50], { traffic: 30 })],
      }),
      VISITORS,
    ));
})();

// 100,000 decisions of eight slots each: seconds on a busy 2-core machine.
describe('fairness over 100,000 visitors', { timeout: 60_000 }, () => {
  // "Within 1%" is one percentage point of the share. The largest standard error of a share here is
  // √(0.5·0.5/100000) ≈ 0.16 points, so the bound is over six standard errors: a fair hash passes,
  // one biased by a point does not.
  it.each(FAIR_WEIGHTS.map(([name, weights], i) => [name, weights, i] as const))(
    'splits %s within one point of the weights',
    (_, weights, i) => {
      const counts = fair().counts.get(`fair${i}`)!;
      const total = weights.reduce((a, b) => a + b, 0);
      weights.forEach((weight, v) => {
        const share = (counts.get(`v${v}`) ?? 0) / VISITORS.length;
        expect(Math.abs(share - weight / total), `v${v}: ${share}`).toBeLessThan(0.01);
      });
    },
  );

  it('never assigns a variant of weight 0', () => {
    expect(fair().counts.get('zero')!.get('v1')).toBeUndefined();
  });
});

describe('independence of two tests', { timeout: 60_000 }, () => {
  /**
   * Pearson's chi-square test of independence on the table (variant in test A × variant in test B).
   * Under independence its p-value is uniform on [0, 1]; we fail below 0.001, the level at which
   * sample-ratio checks alarm too (README), so a correct hash fails one seed in a thousand. The
   * second case shows the test has the power to see a dependence when there is one.
   */
  it('gives a visitor variants in two rules independently (chi-square p > 0.001)', () => {
    const result = independence(fair().table(2, 3));
    expect(result.df).toBe(2);
    expect(result.pValue).toBeGreaterThan(0.001);
  });

  it('would see a dependence: the same rule id in two slots shares one assignment', () => {
    // Not a bug: one id in two slots is one test shown in two places, so the visitor sees one variant.
    const compiled = compile({ hero: [abRule('shared', [50, 50])], banner: [abRule('shared', [50, 50])] });
    const result = independence(tally(compiled, VISITORS.slice(0, 10_000)).table(2, 2));
    expect(result.pValue).toBeLessThan(1e-10);
  });
});

describe('traffic', () => {
  it('enters the traffic share of matching visitors and splits them by weight', { timeout: 60_000 }, () => {
    const counts = fair().counts.get('partial')!;
    expect(Math.abs((counts.get(null) ?? 0) / VISITORS.length - 0.7)).toBeLessThan(0.01);
    expect(Math.abs((counts.get('v0') ?? 0) / VISITORS.length - 0.15)).toBeLessThan(0.01);
    expect(Math.abs((counts.get('v1') ?? 0) / VISITORS.length - 0.15)).toBeLessThan(0.01);
  });

  it('leaves visitors outside the share with the default, unassigned and uncounted', () => {
    const compiled = compile({ hero: [abRule('partial', [50, 50], { traffic: 30 })] });
    const outside = VISITORS.find((id) => decisionOf(compiled, id, 'hero').variant === null)!;
    const result = decideFor(compiled, outside);
    expect(result.decisions[0]).toMatchObject({ rule: 'partial', variant: null, content: null, experiment: null });
    expect(result.newAssignments).toEqual({});
  });

  it('keeps everyone already in when the share grows (30% → 60%)', () => {
    const before = compile({ hero: [abRule('ramp', [50, 50], { traffic: 30 })] });
    const after = compile({ hero: [abRule('ramp', [50, 50], { traffic: 60 })] });
    for (const id of VISITORS.slice(0, 10_000)) {
      const was = decisionOf(before, id, 'hero').variant;
      if (was !== null) expect(decisionOf(after, id, 'hero').variant).toBe(was);
    }
  });

  it('keeps assigned visitors in their variant when the share shrinks (no version bump)', () => {
    const before = compile({ hero: [abRule('ramp', [50, 50], { traffic: 60 })] });
    const after = compile({ hero: [abRule('ramp', [50, 50], { traffic: 10 })] });
    for (const id of VISITORS.slice(0, 5_000)) {
      const first = decideFor(before, id);
      const was = first.decisions[0]!.variant;
      if (was !== null) expect(decisionOf(after, id, 'hero', { assignments: first.newAssignments }).variant).toBe(was);
    }
  });
});

describe('stickiness', () => {
  const base = [abRule('hero-test', [50, 50])];

  it('gives the same visitor the same variant on every page view', () => {
    const compiled = compile({ hero: base });
    for (const id of VISITORS.slice(0, 1000))
      expect(decisionOf(compiled, id, 'hero').variant).toBe(decisionOf(compiled, id, 'hero').variant);
  });

  it('does not move anyone when other rules and slots are added, removed or reordered', () => {
    const before = compile({ hero: base, banner: [abRule('banner-test', [50, 50])] });
    const after = compile({
      promo: [abRule('new-test', [1, 1, 1])],
      hero: [{ id: 'vip', when: 'visits > 100', content: hero('VIP') }, ...base],
    });
    for (const id of VISITORS.slice(0, 10_000))
      expect(decisionOf(after, id, 'hero').variant).toBe(decisionOf(before, id, 'hero').variant);
  });

  it('keeps a stored assignment when the weights change without a version bump', () => {
    const before = compile({ hero: [abRule('hero-test', [50, 50])] });
    const after = compile({ hero: [abRule('hero-test', [90, 10])] });
    let moved = 0;
    for (const id of VISITORS.slice(0, 10_000)) {
      const first = decideFor(before, id);
      const kept = decideFor(after, id, { assignments: first.newAssignments });
      expect(kept.decisions[0]!.variant).toBe(first.decisions[0]!.variant);
      expect(kept.newAssignments).toEqual({});
      if (decisionOf(after, id, 'hero').variant !== first.decisions[0]!.variant) moved++;
    }
    // Without the stored assignment, the new weights would have moved about 40% of them.
    expect(moved / 10_000).toBeGreaterThan(0.35);
  });

  it('does not silently re-assign a visitor whose variant was removed: default, not counted', () => {
    const compiled = compile({ hero: [abRule('hero-test', [50, 50])] });
    const result = decideFor(compiled, VISITORS[0]!, { assignments: { 'hero-test@1': 'gone' } });
    expect(result.decisions[0]).toMatchObject({ variant: null, content: null, experiment: null });
    expect(result.decisions[0]!.reason).toContain('bump "version"');
    expect(result.newAssignments).toEqual({});
  });
});

describe('versioning', () => {
  it('keys assignments by rule@version and draws again when the version is bumped', () => {
    const v1 = compile({ hero: [abRule('hero-test', [50, 50])] });
    const v2 = compile({ hero: [abRule('hero-test', [50, 50], { version: 2 })] });
    let changed = 0;
    for (const id of VISITORS.slice(0, 10_000)) {
      const first = decideFor(v1, id);
      expect(Object.keys(first.newAssignments)).toEqual(['hero-test@1']);
      const second = decideFor(v2, id, { assignments: first.newAssignments });
      expect(Object.keys(second.newAssignments)).toEqual(['hero-test@2']);
      expect(second.decisions[0]!.experiment).toEqual({ key: 'hero-test@2', counted: true });
      if (second.decisions[0]!.variant !== first.decisions[0]!.variant) changed++;
    }
    // A fresh, independent draw moves half of a 50/50 test.
    expect(Math.abs(changed / 10_000 - 0.5)).toBeLessThan(0.03);
  });
});

describe('who is never assigned', () => {
  it('gives bots and visitors without storage consent the default, with no assignment', () => {
    const compiled = compile({ hero: [abRule('hero-test', [0, 100])] });
    const result = decideFor(compiled, VISITORS[0]!, { canExperiment: false });
    expect(result.decisions[0]).toMatchObject({ rule: 'hero-test', variant: null, content: null, experiment: null });
    expect(result.newAssignments).toEqual({});
  });

  it('shows a preview-forced variant without storing or counting it', () => {
    const compiled = compile({ hero: [abRule('hero-test', [100, 0])] });
    const result = decideFor(compiled, VISITORS[0]!, { forcedVariants: new Map([['hero-test', 'v1']]) });
    expect(result.decisions[0]).toMatchObject({ variant: 'v1', experiment: { key: 'hero-test@1', counted: false } });
    expect(result.newAssignments).toEqual({});
  });
});
