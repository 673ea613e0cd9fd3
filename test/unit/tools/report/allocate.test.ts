// @vitest-environment node
/**
 * `p13n report … --allocate CONFIG`: Thompson sampling per running test, a floor per variant, the
 * holdout untouched, the config written through the validator with a new weights_version, and
 * nobody already assigned moved by the new weights.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { validateConfigText } from '../../../../src/core/config/validate.js';
import { decide } from '../../../../src/core/decide/rules.js';
import { exposureRecord } from '../../../../src/core/track/records.js';
import { main } from '../../../../src/tools/cli/main.js';
import { allocate, wholeNumbers } from '../../../../src/tools/report/allocate.js';
import { createAggregator } from '../../../../src/tools/report/aggregate.js';
import { analyze } from '../../../../src/tools/report/analyze.js';

const dir = mkdtempSync(join(tmpdir(), 'p13n-allocate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rule = (id: string, variants: [string, number][], extra: Record<string, unknown> = {}) => ({
  id,
  ...extra,
  variants: variants.map(([variant, weight]) => ({
    id: variant,
    weight,
    content: variant === 'control' || variant === 'holdout' ? null : { type: 'hero', heading: variant },
  })),
});

type RawRule = ReturnType<typeof rule> & { weights_version?: number };
const config = (rules: RawRule[], extra: Record<string, unknown> = {}) => ({
  segments: { returning: 'visits >= 2' },
  slots: { hero: { rules } },
  ...extra,
});

/** Records of `n` visitors per variant, `buyers` of them buying, under `weights`. */
function records(
  test: string,
  perVariant: Record<string, { n: number; buyers: number }>,
  weights: Record<string, number>,
) {
  const out: object[] = [];
  for (const [variant, { n, buyers }] of Object.entries(perVariant))
    for (let i = 0; i < n; i++) {
      const visitor = `${test}-${variant}-${i}`;
      out.push({
        type: 'exposure',
        v: 1,
        ts: 1000 + i,
        visitor,
        test,
        variant,
        control: 'control',
        weights,
        segments: [],
      });
      if (i < buyers)
        out.push({ type: 'conversion', v: 1, ts: 2000 + i, visitor, value: 50, assignments: { [test]: variant } });
    }
  return out;
}

const reportsOf = (list: object[]) => {
  const aggregator = createAggregator();
  for (const record of list) aggregator.add(record);
  return analyze(aggregator.result(), { segments: false });
};

const OPTIONS = { metric: 'conversion' as const, floor: 0.1, now: Date.parse('2026-11-01T00:00:00Z') };

describe('allocate()', () => {
  it('moves weight to the likely winner, keeps 10% for each variant, and bumps weights_version', () => {
    const cfg = config([
      rule('hero-test', [
        ['control', 50],
        ['welcome', 50],
      ]),
    ]);
    const data = records(
      'hero-test@1',
      { control: { n: 2000, buyers: 60 }, welcome: { n: 2000, buyers: 110 } },
      { control: 50, welcome: 50 },
    );
    const { config: next, changes } = allocate(cfg, reportsOf(data), OPTIONS);
    const variants = (next as ReturnType<typeof config>).slots.hero.rules[0]!;
    expect(variants).toMatchObject({ weights_version: 2 });
    expect(variants.variants.map((v) => v.weight)).toEqual([10, 90]);
    expect(changes[0]).toMatchObject({ test: 'hero-test@1', outcome: 'changed', weightsVersion: { from: 1, to: 2 } });
    expect(changes[0]!.reason).toMatch(
      /probability of being best on conversion: control 0%, welcome 100% \(4,000 visitors, 170 buyers\)/,
    );
    expect(cfg.slots.hero.rules[0]).not.toHaveProperty('weights_version'); // the input is not changed
  });

  it('splits by the probability of being best when the data cannot yet tell', () => {
    const cfg = config([
      rule('t', [
        ['control', 50],
        ['b', 50],
      ]),
    ]);
    const data = records(
      't@1',
      { control: { n: 1000, buyers: 40 }, b: { n: 1000, buyers: 46 } },
      { control: 50, b: 50 },
    );
    const { changes } = allocate(cfg, reportsOf(data), OPTIONS);
    const best = Object.fromEntries(changes[0]!.best!);
    expect(best.b).toBeGreaterThan(0.6);
    expect(best.b).toBeLessThan(0.9);
    const after = Object.fromEntries(changes[0]!.after!);
    expect(after.b).toBe(Math.round(10 + 80 * best.b!));
  });

  it('leaves alone what it must not move, and says why', () => {
    const cfg = config(
      [
        rule('with-holdout', [
          ['holdout', 10],
          ['a', 45],
          ['b', 45],
        ]),
        rule('paused', [
          ['control', 50],
          ['a', 50],
          ['b', 0],
        ]),
        rule('thin', [
          ['control', 50],
          ['a', 50],
        ]),
        rule('skewed', [
          ['control', 50],
          ['a', 50],
        ]),
        rule(
          'over',
          [
            ['control', 50],
            ['a', 50],
          ],
          { until: '2026-10-01T00:00:00Z' },
        ),
        rule(
          'new-version',
          [
            ['control', 50],
            ['a', 50],
          ],
          { version: 2 },
        ),
      ],
      { holdout: { percent: 5, id: 'holdout-2026' } },
    );
    const data = [
      ...records(
        'with-holdout@1',
        { holdout: { n: 300, buyers: 9 }, a: { n: 1400, buyers: 40 }, b: { n: 1400, buyers: 90 } },
        { holdout: 10, a: 45, b: 45 },
      ),
      ...records(
        'paused@1',
        { control: { n: 1000, buyers: 30 }, a: { n: 1000, buyers: 60 } },
        { control: 50, a: 50, b: 0 },
      ),
      ...records('thin@1', { control: { n: 50, buyers: 3 }, a: { n: 50, buyers: 9 } }, { control: 50, a: 50 }),
      ...records('skewed@1', { control: { n: 1200, buyers: 30 }, a: { n: 800, buyers: 60 } }, { control: 50, a: 50 }),
      ...records('over@1', { control: { n: 1000, buyers: 30 }, a: { n: 1000, buyers: 60 } }, { control: 50, a: 50 }),
      ...records(
        'new-version@1',
        { control: { n: 1000, buyers: 30 }, a: { n: 1000, buyers: 60 } },
        { control: 50, a: 50 },
      ),
      {
        type: 'exposure',
        v: 1,
        ts: 1,
        visitor: 'h',
        test: 'holdout-2026',
        variant: 'holdout',
        control: 'holdout',
        weights: { holdout: 5, personalized: 95 },
        kind: 'holdout',
      },
    ];
    const { config: next, changes } = allocate(cfg, reportsOf(data), OPTIONS);
    const rules = (next as ReturnType<typeof config>).slots.hero.rules;
    const byTest = Object.fromEntries(changes.map((c) => [c.test, c]));
    // The holdout variant keeps its exact share (10 of 100); the others move, each at least 10%.
    expect(rules[0]!.variants.map((v) => v.weight)).toEqual([10, 10, 80]);
    // A paused variant stays paused.
    expect(rules[1]!.variants.map((v) => v.weight)).toEqual([10, 90, 0]);
    expect(byTest['thin@1']).toMatchObject({
      outcome: 'left alone',
      reason: expect.stringMatching(/^not enough data yet/),
    });
    expect(byTest['skewed@1']).toMatchObject({
      outcome: 'left alone',
      reason: expect.stringMatching(/sample ratio is off/),
    });
    expect(byTest['over@1']).toMatchObject({ outcome: 'left alone', reason: expect.stringMatching(/not running now/) });
    expect(byTest['new-version@2']).toMatchObject({
      outcome: 'left alone',
      reason: expect.stringMatching(/no exposures of this version/),
    });
    expect(byTest['holdout-2026']).toMatchObject({
      outcome: 'left alone',
      reason: 'the personalization holdout is never reallocated',
    });
    expect((next as { holdout: unknown }).holdout).toEqual({ percent: 5, id: 'holdout-2026' });
    for (const r of rules.slice(2)) expect(r).not.toHaveProperty('weights_version');
  });

  it('writes nothing new for a move under 2 points', () => {
    const cfg = config([
      rule(
        't',
        [
          ['control', 10],
          ['b', 90],
        ],
        { weights_version: 4 },
      ),
    ]);
    const data = records(
      't@1',
      { control: { n: 500, buyers: 5 }, b: { n: 4500, buyers: 200 } },
      { control: 10, b: 90 },
    );
    const { config: next, changes } = allocate(cfg, reportsOf(data), OPTIONS);
    expect(changes[0]!.outcome).toBe('unchanged');
    expect(next).toEqual(cfg);
  });

  it('rounds to whole weights that keep the floor and the total', () => {
    expect(wholeNumbers([10.4, 10.4, 79.2], 100, 10)).toEqual([11, 10, 79]);
    expect(wholeNumbers([9.6, 90.4], 100, 10)).toEqual([10, 90]);
  });
});

describe('p13n report --allocate CONFIG', () => {
  it('writes the new weights through the validator and prints what changed and why', async () => {
    const cfg = config([
      rule(
        'hero-test',
        [
          ['control', 50],
          ['welcome', 50],
        ],
        { when: 'returning' },
      ),
    ]);
    writeFileSync(join(dir, 'p13n.json'), `${JSON.stringify(cfg, null, 4)}\n`);
    const data = records(
      'hero-test@1',
      { control: { n: 1500, buyers: 45 }, welcome: { n: 1500, buyers: 90 } },
      { control: 50, welcome: 50 },
    );
    writeFileSync(
      join(dir, 'events.ndjson'),
      data.map((r) => JSON.stringify({ ...r, slot: 'hero', when: 'returning' })).join('\n'),
    );
    let stdout = '';
    const code = await main(['report', 'events.ndjson', '--allocate', 'p13n.json'], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      cwd: dir,
    });
    expect(code).toBe(0);
    const written = readFileSync(join(dir, 'p13n.json'), 'utf8');
    expect(written.split('\n')[1]).toMatch(/^ {4}"segments"/); // the file's own indentation
    expect(validateConfigText(written, { now: Date.now() }).filter((p) => p.severity === 'error')).toEqual([]);
    const saved = JSON.parse(written);
    expect(saved.slots.hero.rules[0].weights_version).toBe(2);
    expect(saved.slots.hero.rules[0].variants.map((v: { weight: number }) => v.weight)).toEqual([10, 90]);
    expect(stdout).toContain('== Allocation: Thompson sampling on conversion');
    expect(stdout).toMatch(
      /hero-test@1 \(slot hero, segment returning\): control 50 → 10, welcome 50 → 90; weights_version 1 → 2/,
    );
    expect(stdout).toMatch(/ {2}why: probability of being best on conversion: control 0%, welcome 100%/);
    expect(stdout).toContain('p13n.json: new weights for 1 test written and validated');
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('refuses --metric and --floor without --allocate, and a floor over 50', async () => {
    const run = async (args: string[]) => {
      let stderr = '';
      const code = await main(['report', 'x.ndjson', ...args], {
        stdout: { write: () => true },
        stderr: { write: (t: string) => (stderr += t) },
        cwd: dir,
      });
      return { code, stderr };
    };
    expect(await run(['--metric', 'revenue'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--metric and --floor go with --allocate'),
    });
    expect(await run(['--allocate', 'p13n.json', '--floor', '60'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('from 0 to 50'),
    });
    expect(await run(['--allocate', 'p13n.json', '--metric', 'clicks'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("not 'clicks'"),
    });
  });
});

describe('new weights move nobody already assigned', () => {
  const compiled = (weights: [number, number], weightsVersion?: number) =>
    compileConfig(
      parseConfig(
        config([
          rule(
            'hero-test',
            [
              ['control', weights[0]],
              ['welcome', weights[1]],
            ],
            weightsVersion ? { weights_version: weightsVersion } : {},
          ),
        ]),
      ).config,
    );
  const evaluation = (c: ReturnType<typeof compiled>) => c.segments.evaluation({ visits: 3 });
  const assign = (c: ReturnType<typeof compiled>, visitor: string, assignments: Record<string, string>) =>
    decide(c, evaluation(c), { visitorId: visitor, assignments, canExperiment: true });

  it('keeps each assigned shopper in their variant, and gives new shoppers the new weights', () => {
    const before = compiled([50, 50]);
    const after = compiled([10, 90], 2);
    const kept: Record<string, Record<string, string>> = {};
    for (let i = 0; i < 2000; i++) kept[`v${i}`] = { ...assign(before, `v${i}`, {}).newAssignments };
    for (let i = 0; i < 2000; i++) {
      const result = assign(after, `v${i}`, kept[`v${i}`]!);
      expect(result.decisions[0]!.variant).toBe(kept[`v${i}`]!['hero-test@1']);
      expect(result.newAssignments).toEqual({});
    }
    const fresh = Array.from({ length: 10_000 }, (_, i) => assign(after, `new${i}`, {}).decisions[0]!.variant);
    expect(fresh.filter((v) => v === 'welcome').length / fresh.length).toBeCloseTo(0.9, 1);
  });

  it('records the weights version an exposure was drawn under', () => {
    const after = compiled([10, 90], 3);
    const decision = assign(after, 'v1', {}).decisions[0]!;
    const record = exposureRecord(decision, after.slots[0]!.rules[0]!, { visitor: 'v1', segments: [], ts: 1 });
    expect(record).toMatchObject({ weights: { control: 10, welcome: 90 }, weights_version: 3, test: 'hero-test@1' });
  });
});
