// @vitest-environment node
/**
 * `p13n report --ga4` and `--ga4-sql`: the same traffic, once as beacon records and once as GA4 export
 * rows (ga4-rows.ts), gives the same figures, from NDJSON and from Parquet; the BigQuery query is the
 * same builder's output as the DuckDB query these runs use.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEvents } from '../../../../bench/gen-events.mjs';
import { main } from '../../../../src/tools/cli/main.js';
import { query } from '../../../../src/tools/report/duckdb.js';
import { ga4BigQuery, ga4FilesQuery } from '../../../../src/tools/report/sql/query.js';
import type { BeaconRecord } from '../../../../src/core/track/records.js';
import { ga4Rows } from './ga4-rows.js';

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

/** The per-test blocks: everything after the header, which counts records (one purchase is 1 beacon record, several GA4 events). */
const blocks = (stdout: string) => stdout.slice(stdout.indexOf('\n== '));

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'p13n-ga4-'));
  generateEvents({ file: join(dir, 'beacon.ndjson'), events: 6_000, uplift: 0.3, seed: 7 });
  const records = readFileSync(join(dir, 'beacon.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as BeaconRecord);
  writeFileSync(
    join(dir, 'ga4.ndjson'),
    `${records
      .flatMap(ga4Rows)
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('p13n report --ga4', { timeout: 120_000 }, () => {
  it("gives the beacon report's figures from GA4 export rows (NDJSON as bq extract writes it)", async () => {
    const beacon = await runCli(['report', join(dir, 'beacon.ndjson')]);
    const ga4 = await runCli(['report', '--ga4', join(dir, 'ga4.ndjson')]);
    expect(ga4.code).toBe(0);
    expect(blocks(beacon.stdout)).toContain('== hero-welcome-back-test@1');
    expect(blocks(ga4.stdout)).toBe(blocks(beacon.stdout));
    expect(ga4.stdout).toMatch(/lines? skipped: [\d,]+ other GA4 events/);
    expect(ga4.stderr).toBe(beacon.stderr);
  });

  it('reads the same rows from Parquet', async () => {
    const parquet = join(dir, 'ga4.parquet');
    // The export's own schema (read_json alone would drop the never-used float_value).
    const columns = `{event_date: 'VARCHAR', event_timestamp: 'BIGINT', event_name: 'VARCHAR', user_pseudo_id: 'VARCHAR',
      event_params: 'STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]',
      ecommerce: 'STRUCT(transaction_id VARCHAR, purchase_revenue DOUBLE)'}`;
    await query(
      `COPY (SELECT * FROM read_json('${join(dir, 'ga4.ndjson')}', format = 'newline_delimited', columns = ${columns})) TO '${parquet}' (FORMAT parquet)`,
    );
    const beacon = await runCli(['report', join(dir, 'beacon.ndjson'), '--no-segments']);
    const ga4 = await runCli(['report', '--ga4', parquet, '--no-segments']);
    expect(ga4.stderr).toBe('');
    expect(blocks(ga4.stdout)).toBe(blocks(beacon.stdout));
  });

  it('reads beacon records from Parquet and CSV too', async () => {
    const parquet = join(dir, 'beacon.parquet');
    await query(
      `COPY (SELECT * FROM read_json('${join(dir, 'beacon.ndjson')}', format = 'newline_delimited')) TO '${parquet}' (FORMAT parquet)`,
    );
    const csv = join(dir, 'beacon.csv');
    // A collector's CSV holds the nested fields as JSON text.
    await query(
      `COPY (SELECT * REPLACE (to_json(weights) AS weights, to_json(segments) AS segments, to_json(assignments) AS assignments) FROM read_json('${join(dir, 'beacon.ndjson')}', format = 'newline_delimited')) TO '${csv}' (FORMAT csv)`,
    );
    const ndjson = await runCli(['report', join(dir, 'beacon.ndjson')]);
    expect(blocks((await runCli(['report', parquet])).stdout)).toBe(blocks(ndjson.stdout));
    expect(blocks((await runCli(['report', csv])).stdout)).toBe(blocks(ndjson.stdout));
  });
});

describe('p13n report --ga4-sql', () => {
  it('prints one BigQuery query over events_* for the date range', async () => {
    const { code, stdout } = await runCli([
      'report',
      '--ga4-sql',
      'my-project.analytics_123',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "FROM `my-project.analytics_123.events_*`\n  WHERE _TABLE_SUFFIX BETWEEN '20261101' AND '20261130'",
    );
    expect(stdout.trim().endsWith(';')).toBe(true);
    expect(stdout.match(/;/g)).toHaveLength(1);
    expect(stdout).not.toMatch(/arg_min|struct_pack|list_filter|count_if/); // DuckDB's functions, not BigQuery's
  });

  it('is built by the same builder as the DuckDB query: the same steps in the same order', () => {
    const steps = (sql: string) => [...sql.matchAll(/^(\w+) AS (?:MATERIALIZED )?\(/gm)].map((m) => m[1]);
    const duck = ga4FilesQuery({ kind: 'files', files: ['x.ndjson'], format: 'ndjson', ecommerce: true }).at(-1)!;
    const big = ga4BigQuery({ kind: 'bigquery', dataset: 'p.d' });
    expect(steps(big)).toEqual(steps(duck));
    expect(steps(big)).toEqual(expect.arrayContaining(['exposures', 'conversions', 'visitors', 'cells', 'splits']));
  });

  it("reports from the query's result rows as bq query --format=json writes them (every value a string)", async () => {
    const rows = await query(
      ga4FilesQuery({ kind: 'files', files: [join(dir, 'ga4.ndjson')], format: 'ndjson', ecommerce: true }),
    );
    const asBq = rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : String(v)])),
    );
    writeFileSync(join(dir, 'rows.json'), JSON.stringify(asBq));
    const beacon = await runCli(['report', join(dir, 'beacon.ndjson')]);
    expect(blocks((await runCli(['report', '--rows', join(dir, 'rows.json')])).stdout)).toBe(blocks(beacon.stdout));
  }, 120_000);

  it('explains a bad dataset or date', async () => {
    expect(await runCli(['report', '--ga4-sql', 'nodot'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('PROJECT.DATASET'),
    });
    expect(await runCli(['report', '--ga4-sql', 'p.d', '--from', '1/11/2026'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('YYYY-MM-DD'),
    });
  });
});
