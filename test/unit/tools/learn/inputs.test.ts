// @vitest-environment node
/**
 * Every input gives the same training table for the same traffic: the beacon page views the script
 * sends, GA4's export rows of the same visits (through the query `--ga4-sql` prints for BigQuery, run
 * here in DuckDB), and that query's result as `bq query --format=json` writes it (every value text).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateStore } from '../../../../bench/gen-store.mjs';
import { queryColumns } from '../../../../src/tools/report/duckdb.js';
import { readInput } from '../../../../src/tools/learn/read.js';
import { ga4TrainingSql } from '../../../../src/tools/learn/sql/ga4.js';
import type { Table } from '../../../../src/tools/learn/table.js';
import { runCli, scratch } from './cli.js';

const dir = scratch();
const files = { beacon: join(dir, 'store.ndjson'), ga4: join(dir, 'ga4.ndjson'), rows: join(dir, 'rows.json') };
const visit = { kind: 'visit' } as const;
let beacon: Table;
let ga4: Table;
let rows: Table;

/** Row indices in time order (ties by visit position), to line two tables up. */
const order = (table: Table) =>
  Array.from({ length: table.n }, (_, i) => i).sort(
    (a, b) => table.ts[a]! - table.ts[b]! || table.numbers.get('pageviews')![a]! - table.numbers.get('pageviews')![b]!,
  );

beforeAll(async () => {
  generateStore({ file: files.beacon, visitors: 600, seed: 11 });
  generateStore({ file: files.ga4, visitors: 600, seed: 11, format: 'ga4' });
  beacon = (await readInput({ kind: 'beacon', files: [files.beacon], format: 'ndjson' }, visit)).table;
  ga4 = (await readInput({ kind: 'ga4', files: [files.ga4], format: 'ndjson' }, visit)).table;
  // What BigQuery returns for the same query: one object per row, every value as text.
  const result = await queryColumns([
    ga4TrainingSql({ kind: 'files', files: [files.ga4], format: 'ndjson' }, { horizon: visit }),
  ]);
  const objects = result.columns[0]!.map((_, i) =>
    Object.fromEntries(
      result.names.map((name, c) => [name, result.columns[c]![i] === null ? null : String(result.columns[c]![i])]),
    ),
  );
  writeFileSync(files.rows, JSON.stringify(objects));
  rows = (await readInput({ kind: 'rows', files: [files.rows] }, visit)).table;
}, 60_000);

describe('the training table', () => {
  it('has one row per page view, whatever the input', () => {
    expect(beacon.n).toBeGreaterThan(2000);
    expect(ga4.n).toBe(beacon.n);
    expect(rows.n).toBe(beacon.n);
  });

  it.each(['ga4', 'rows'] as const)('from %s, has the labels and features of the beacon records', (kind) => {
    const other = kind === 'ga4' ? ga4 : rows;
    const a = order(beacon);
    const b = order(other);
    expect(b.map((i) => other.ts[i])).toEqual(a.map((i) => beacon.ts[i]));
    expect(b.map((i) => other.y[i])).toEqual(a.map((i) => beacon.y[i]));
    let positives = 0;
    for (const label of beacon.y) positives += label;
    expect(positives).toBeGreaterThan(10);
    for (const name of [
      'visits',
      'pageviews',
      'visit_pageviews',
      'days_since_last_visit',
      'cart_value',
      'cart_items',
      'orders',
      'interest.running',
      'interest.hiking',
    ]) {
      const x = a.map((i) => beacon.numbers.get(name)![i]);
      expect(
        b.map((i) => other.numbers.get(name)![i]),
        name,
      ).toEqual(x);
    }
    const spent = a.map((i) => beacon.numbers.get('total_spent')![i]!);
    b.forEach((i, k) => expect(other.numbers.get('total_spent')![i]).toBeCloseTo(spent[k]!, 6));
    for (const name of ['new_visitor', 'logged_in', 'channel', 'device', 'os', 'country']) {
      const x = a.map((i) => beacon.levels.get(name)![i]);
      expect(
        b.map((i) => other.levels.get(name)![i]),
        name,
      ).toEqual(x);
    }
  });

  it('reads the hour, weekday and month of GA4 rows in the zone given', async () => {
    const oslo = (
      await readInput({ kind: 'ga4', files: [files.ga4], format: 'ndjson' }, visit, { timezone: 'Europe/Oslo' })
    ).table;
    const at = (ts: number, part: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hourCycle: 'h23', ...part }).format(ts);
    const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    for (let i = 0; i < oslo.n; i += 97) {
      const ts = oslo.ts[i]!;
      expect(oslo.levels.get('hour')![i]).toBe(String(Number(at(ts, { hour: 'numeric' }))));
      expect(oslo.levels.get('weekday')![i]).toBe(String(days.indexOf(at(ts, { weekday: 'short' })) + 1));
      expect(oslo.levels.get('month')![i]).toBe(String(Number(at(ts, { month: 'numeric' }))));
    }
  });
});

describe('--ga4-sql', () => {
  it('prints one BigQuery query over the dated tables, with no DuckDB function in it', async () => {
    const { code, stdout } = await runCli([
      'learn',
      '--ga4-sql',
      'my-project.analytics_123',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--timezone',
      'Europe/Oslo',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('FROM `my-project.analytics_123.events_*`');
    expect(stdout).toContain("WHERE _TABLE_SUFFIX BETWEEN '20261101' AND '20261130' AND event_name IN");
    expect(stdout).toContain("AT TIME ZONE 'Europe/Oslo'");
    for (const duck of ['read_ndjson', 'list_', 'struct_pack', 'strip_accents', 'to_json(', 'BIGINT', 'timezone('])
      expect(stdout, duck).not.toContain(duck);
    expect(stdout.trimEnd().endsWith(';')).toBe(true);
  });

  it('names its horizon: within 7 days, the last 7 days left out', async () => {
    const { stdout } = await runCli(['learn', '--ga4-sql', 'p.d', '--horizon', '7d']);
    expect(stdout).toContain('<= ts + 604800000');
    expect(stdout).toContain('WHERE p.ts <= (SELECT MAX(ts) FROM events) - 604800000');
  });
});
