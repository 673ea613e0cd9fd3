// @vitest-environment node
/**
 * `p13n report`: counting by visitor, attribution of purchases after exposure, the sample-ratio alarm,
 * and the exact text printed for a small file checked by hand (fixtures/small.ndjson):
 * - control: c1..c4 exposed; c1 bought $10 after exposure; c2's $99 came before exposure (not counted);
 * - treat: t1..t4 exposed; t1 bought $20 (its transaction reported twice: once), t2 $10;
 *   t3's purchase lists another version of the test (not counted);
 *   t3's purchase lists another version of the test, which has no exposures: reported as such;
 * - a line that is not JSON and a record of an unknown type are skipped, each under its reason.
 * Conversion: 1/4 vs 2/4, uplift +100%, Katz interval exp(ln 2 ± 1.959964·1) − 1 = [−71.8%, +1319.8%],
 * and from the same statistic z = ln 2 / 1, p = 0.4882. Revenue per visitor 2.50 vs 7.50: the
 * compareMeans case of stats.test.ts, +200.0%, Welch p = 0.4012, Fieller set unbounded.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../src/tools/cli/main.js';
import { createAggregator } from '../../../../src/tools/report/aggregate.js';
import { analyze, ALL } from '../../../../src/tools/report/analyze.js';

const FIXTURES = `${process.cwd()}/test/unit/tools/report/fixtures`;

async function runCli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

const exposure = (visitor: string, variant: string, extra: Record<string, unknown> = {}) => ({
  type: 'exposure',
  v: 1,
  ts: 1000,
  visitor,
  test: 't@1',
  rule: 't',
  version: 1,
  variant,
  control: 'a',
  weights: { a: 50, b: 50 },
  traffic: 100,
  slot: 's',
  when: null,
  segments: [],
  ...extra,
});

describe('p13n report (exact output)', () => {
  it('prints the hand-checked figures for a small file', async () => {
    const { code, stdout, stderr } = await runCli([
      'report',
      'test/unit/tools/report/fixtures/small.ndjson',
      '--no-segments',
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(readFileSync(`${FIXTURES}/small.report.txt`, 'utf8'));
  });

  it("slices the test by the segments at first exposure (not the test's own segment)", async () => {
    const { stdout } = await runCli(['report', 'test/unit/tools/report/fixtures/small.ndjson']);
    const table = stdout.slice(stdout.indexOf('segment  variant'));
    expect(table).toMatch(/^mobile\s+control\s+2\s+1\s+50\.00%/m);
    expect(table).not.toMatch(/^returning/m);
  });

  it('explains its usage and a missing file', async () => {
    expect(await runCli(['report'])).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: p13n report') });
    expect(await runCli(['report', 'nope.ndjson'])).toMatchObject({
      code: 1,
      stderr: 'p13n report: cannot read nope.ndjson: no such file\n',
    });
    expect(await runCli(['report', 'x.ndjson', '--bogus'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown option --bogus'),
    });
  });
});

describe('the sample-ratio check', () => {
  function reportOf(records: object[]) {
    const aggregator = createAggregator();
    records.forEach((record) => aggregator.add(record));
    return analyze(aggregator.result())[0]!;
  }

  it('raises the alarm for 560 / 440 under 50/50 (χ² = 14.4, p = 0.00015)', () => {
    const records = [
      ...Array.from({ length: 560 }, (_, i) => exposure(`a${i}`, 'a')),
      ...Array.from({ length: 440 }, (_, i) => exposure(`b${i}`, 'b')),
    ];
    const { sampleRatio } = reportOf(records);
    expect(sampleRatio.test.statistic).toBeCloseTo(14.4, 10);
    expect(sampleRatio.mismatch).toBe(true);
  });

  it('stays quiet for 520 / 480 (χ² = 1.6, p = 0.21)', () => {
    const records = [
      ...Array.from({ length: 520 }, (_, i) => exposure(`a${i}`, 'a')),
      ...Array.from({ length: 480 }, (_, i) => exposure(`b${i}`, 'b')),
    ];
    expect(reportOf(records).sampleRatio.mismatch).toBe(false);
  });

  it('expects each visitor under the weights they were exposed with (weights edited mid-test)', () => {
    // 100 visitors at 50/50, then 100 at 90/10: the expected split is 50+90 / 50+10.
    const records = [
      ...Array.from({ length: 50 }, (_, i) => exposure(`a${i}`, 'a')),
      ...Array.from({ length: 50 }, (_, i) => exposure(`b${i}`, 'b')),
      ...Array.from({ length: 90 }, (_, i) => exposure(`A${i}`, 'a', { weights: { a: 90, b: 10 } })),
      ...Array.from({ length: 10 }, (_, i) => exposure(`B${i}`, 'b', { weights: { a: 90, b: 10 } })),
    ];
    const { sampleRatio } = reportOf(records);
    expect(sampleRatio.expected).toEqual([140, 60]);
    expect(sampleRatio.mismatch).toBe(false);
  });

  it('prints it loudly, and says so on stderr', async () => {
    const lines = [
      ...Array.from({ length: 560 }, (_, i) => exposure(`a${i}`, 'a')),
      ...Array.from({ length: 440 }, (_, i) => exposure(`b${i}`, 'b')),
    ];
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(`${process.env.TMPDIR ?? '/tmp'}/p13n-report-`);
    writeFileSync(`${dir}/srm.ndjson`, lines.map((l) => JSON.stringify(l)).join('\n'));
    const { stdout, stderr } = await runCli(['report', `${dir}/srm.ndjson`]);
    expect(stdout).toContain(
      '!!! SAMPLE RATIO MISMATCH in t@1 (chi-square 14.40, df 1, p = 0.0001; alarm below 0.001)',
    );
    expect(stdout).toContain('!!! visitors: a 560 / b 440');
    expect(stderr).toBe('p13n report: SAMPLE RATIO MISMATCH in t@1: see the report\n');
  });
});

describe('counting', () => {
  it('counts a visitor once however many exposures, from the first one', () => {
    const aggregator = createAggregator();
    aggregator.add(exposure('v', 'b', { ts: 2000 }));
    aggregator.add(exposure('v', 'b', { ts: 1000 }));
    aggregator.add({ type: 'conversion', v: 1, ts: 1500, visitor: 'v', value: 5, assignments: { 't@1': 'b' } });
    const all = analyze(aggregator.result())[0]!.segments.find((s) => s.segment === ALL)!;
    expect(all.rows.find((r) => r.variant === 'b')).toMatchObject({
      visitors: 1,
      converters: 1,
      orders: 1,
      revenue: 5,
    });
  });

  it('keeps a visitor seen in two variants in the first, and counts the conflict', () => {
    const aggregator = createAggregator();
    aggregator.add(exposure('v', 'a'));
    aggregator.add(exposure('v', 'b', { ts: 1200 }));
    const report = analyze(aggregator.result())[0]!;
    expect(report.conflicts).toBe(1);
    expect(report.segments[0]!.rows.map((r) => r.visitors)).toEqual([1, 0]);
  });
});

describe('the personalization holdout', () => {
  // 40 personalized visitors (8 buy $50, one buys twice), 20 held out (2 buy $30), in the segment 'vip' or not.
  const holdoutExposure = (visitor: string, variant: string, segments: string[]) => ({
    type: 'exposure',
    v: 1,
    ts: 1000,
    visitor,
    test: 'holdout-2026',
    rule: 'winback',
    version: 1,
    variant,
    control: 'holdout',
    weights: { holdout: 5, personalized: 95 },
    traffic: 100,
    slot: 'hero',
    when: null,
    segments,
    kind: 'holdout',
  });
  const buy = (visitor: string, variant: string, id: string, value: number) => ({
    type: 'conversion',
    v: 1,
    ts: 2000,
    visitor,
    event: 'purchase',
    value,
    currency: 'USD',
    transaction_id: id,
    assignments: { 'holdout-2026': variant },
  });
  const records = [
    ...Array.from({ length: 40 }, (_, i) => holdoutExposure(`p${i}`, 'personalized', i % 2 ? ['vip'] : [])),
    ...Array.from({ length: 20 }, (_, i) => holdoutExposure(`h${i}`, 'holdout', i % 2 ? ['vip'] : [])),
    ...Array.from({ length: 8 }, (_, i) => buy(`p${i}`, 'personalized', `P${i}`, 50)),
    buy('p0', 'personalized', 'P-again', 50),
    ...Array.from({ length: 2 }, (_, i) => buy(`h${i}`, 'holdout', `H${i}`, 30)),
  ];

  it('compares personalized and held-out visitors: conversion, revenue per visitor and average order value, per segment', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(`${process.env.TMPDIR ?? '/tmp'}/p13n-holdout-`);
    writeFileSync(`${dir}/holdout.ndjson`, records.map((r) => JSON.stringify(r)).join('\n'));
    const { code, stdout } = await runCli(['report', `${dir}/holdout.ndjson`]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "== Personalization holdout holdout-2026 · personalized vs held out (defaults) · control 'holdout'",
    );
    const tableOf = (title: string) => stdout.slice(stdout.indexOf(`\n${title}\n`)).split('\n\n')[0]!;
    // Personalized: 8/40 converted, $450 revenue over 9 orders (AOV 50.00); held out: 2/20, $60 (AOV 30.00).
    const conversion = tableOf('Conversion');
    expect(conversion.split('\n')[2]).toMatch(
      /^segment\s+group\s+visitors\s+converted\s+conv\. rate\s+uplift \[95% interval\]\s+p$/,
    );
    expect(conversion).toMatch(/\(all\)\s+holdout\s+20\s+2\s+10\.00%/);
    expect(conversion).toMatch(/\s+personalized\s+40\s+8\s+20\.00%\s+\+100\.0% \[/);
    expect(conversion).toMatch(/^vip\s+holdout\s+10/m);
    expect(tableOf('Revenue per visitor')).toMatch(
      /\(all\)\s+holdout\s+60\.00\s+3\.00[^\n]*\n\s+personalized\s+450\.00\s+11\.25/,
    );
    expect(tableOf('Average order value')).toMatch(
      /\(all\)\s+holdout\s+2\s+30\.00[^\n]*\n\s+personalized\s+9\s+50\.00/,
    );
  });
});
