// @vitest-environment node
/**
 * The two aggregators — SQL in DuckDB (the default) and the TypeScript fold (the fallback, and the
 * reader of standard input) — give the same report on the same file, oddities included: a byte-order
 * mark at the start, a line that is not JSON, a record of another version, a conversion for a test
 * that has no exposures, a repeated transaction.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEvents } from '../../../../bench/gen-events.mjs';
import { aggregateFiles } from '../../../../src/tools/cli/report.js';
import { analyze } from '../../../../src/tools/report/analyze.js';
import { runAggregation } from '../../../../src/tools/report/duckdb.js';
import { formatReport } from '../../../../src/tools/report/format.js';
import { beaconQuery } from '../../../../src/tools/report/sql/query.js';

const dir = mkdtempSync(join(tmpdir(), 'p13n-engines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DuckDB and the built-in reader', () => {
  it('agree on every figure, and both read a byte-order mark and count skipped lines by reason', {
    timeout: 120_000,
  }, async () => {
    const file = join(dir, 'events.ndjson');
    generateEvents({ file, events: 4_000, uplift: 0.2, seed: 3 });
    const odd = [
      'not json',
      JSON.stringify({ type: 'exposure', v: 2, ts: 1, visitor: 'x', test: 't@1', variant: 'a', weights: {} }),
      JSON.stringify({ type: 'conversion', v: 1, ts: 5, visitor: 'y', value: 3, assignments: { 'gone@1': 'a' } }),
      JSON.stringify({ type: 'exposure', v: 1, ts: 1, visitor: 'x', test: 't@1' }),
    ];
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}${odd.join('\n')}\n`);
    const duck = await runAggregation(beaconQuery([file], 'ndjson'));
    const builtin = await aggregateFiles([file]);
    const text = (summary: typeof duck) => formatReport('events.ndjson', summary, analyze(summary));
    expect(text(duck)).toBe(text(builtin));
    expect(duck.skipped).toEqual({
      'not JSON': 1,
      'record version other than 1': 1,
      'exposure without test, visitor, variant, ts or weights': 1,
    });
    expect(duck.unknownTests).toEqual({ 'gone@1': 1 });
    expect(duck.counts.repeated).toBeGreaterThan(0);
    // The first record (after the mark) is read, not dropped.
    const first = JSON.parse(readFileSync(file, 'utf8').slice(1).split('\n')[0]!) as { visitor: string };
    const withMark = join(dir, 'one.ndjson');
    writeFileSync(withMark, `\uFEFF${JSON.stringify({ ...first })}\n`);
    expect((await runAggregation(beaconQuery([withMark], 'ndjson'))).counts.exposures).toBe(1);
    expect((await aggregateFiles([withMark])).counts.exposures).toBe(1);
  });
});
