// @vitest-environment node
/**
 * How the GA4 query rebuilds what the shopper's script would have known at each page view, on a few
 * events written by hand (times in UTC):
 * - visit 1 (Nov 2, 23:50): a product view in "Running Shoes", a cart addition of 2 × 40 and a removal
 *   of 1 × 40, then a purchase at 00:10 the next day; visit 2 (Nov 3, 23:55, signed in) buys nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../../../src/tools/learn/read.js';
import { queryColumns } from '../../../../src/tools/report/duckdb.js';
import { readerAt, type Table } from '../../../../src/tools/learn/table.js';
import { scratch } from './cli.js';

const dir = scratch();
const file = join(dir, 'ga4.ndjson');
const at = (iso: string) => Date.parse(iso) * 1000;
const event = (
  name: string,
  iso: string,
  session: number,
  extra: Record<string, unknown> = {},
  params: Record<string, unknown> = {},
) => ({
  event_name: name,
  event_timestamp: at(iso),
  user_pseudo_id: 'visitor-a',
  user_id: session === 2 ? 'customer-17' : null,
  device: { category: session === 2 ? 'smart tv' : 'desktop', operating_system: 'Macintosh' },
  geo: { country: 'Côte d’Ivoire' },
  session_traffic_source_last_click: {
    cross_channel_campaign: { default_channel_group: session === 1 ? 'Email' : 'Direct' },
  },
  event_params: Object.entries({ ga_session_id: 1000 + session, ga_session_number: session, ...params }).map(
    ([key, value]) => ({
      key,
      value: typeof value === 'number' ? { int_value: value } : { string_value: String(value) },
    }),
  ),
  ...extra,
});

let table: Table;
const row = (i: number) => readerAt(table, i);

beforeAll(async () => {
  const lines = [
    event('page_view', '2026-11-02T23:50:00Z', 1),
    event('view_item', '2026-11-02T23:51:00Z', 1, { items: [{ item_category: 'Running Shoes' }] }),
    event(
      'add_to_cart',
      '2026-11-02T23:52:00Z',
      1,
      { items: [{ item_category: 'Running Shoes', quantity: 2 }] },
      { value: 80 },
    ),
    event('page_view', '2026-11-02T23:53:00Z', 1),
    event('remove_from_cart', '2026-11-02T23:54:00Z', 1, { items: [{ quantity: 1 }] }, { value: 40 }),
    event('page_view', '2026-11-02T23:55:00Z', 1),
    event('purchase', '2026-11-03T00:10:00Z', 1, { ecommerce: { transaction_id: 'T1', purchase_revenue: 40 } }),
    event('view_item', '2026-11-03T23:54:00Z', 2, { items: [{ item_category: 'Trail Café' }] }),
    event('page_view', '2026-11-03T23:56:00Z', 2),
    event('scroll', '2026-11-03T23:57:00Z', 2),
  ];
  writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  table = (await readInput({ kind: 'ga4', files: [file], format: 'ndjson' }, { kind: 'visit' })).table;
});

describe('GA4 rows → the features of each page view', () => {
  const sorted = () => Array.from({ length: table.n }, (_, i) => i).sort((a, b) => table.ts[a]! - table.ts[b]!);

  it('makes one row per page view, labelled by a purchase later in the same session', () => {
    expect(table.n).toBe(4);
    expect(sorted().map((i) => table.y[i])).toEqual([1, 1, 1, 0]);
  });

  it('counts visits, page views and the page views of the visit', () => {
    expect(sorted().map((i) => [row(i)('visits'), row(i)('pageviews'), row(i)('visit_pageviews')])).toEqual([
      [1, 1, 1],
      [1, 2, 2],
      [1, 3, 3],
      [2, 4, 1],
    ]);
    expect(sorted().map((i) => row(i)('new_visitor'))).toEqual(['true', 'true', 'true', 'false']);
  });

  it("counts whole days since the previous visit's last page view, not its last event", () => {
    // 23:55 to 23:56 the next day: one day; from the purchase at 00:10 it would have been none.
    expect(sorted().map((i) => row(i)('days_since_last_visit'))).toEqual([null, null, null, 1]);
  });

  it('keeps the cart since the last purchase, and the orders before', () => {
    expect(
      sorted().map((i) => [row(i)('cart_value'), row(i)('cart_items'), row(i)('orders'), row(i)('total_spent')]),
    ).toEqual([
      [0, 0, 0, 0],
      [80, 2, 0, 0],
      [40, 1, 0, 0],
      [0, 0, 1, 40],
    ]);
  });

  it('counts product views per category as the script names them, before the page view', () => {
    expect(sorted().map((i) => [row(i)('interest.running_shoes'), row(i)('interest.trail_cafe')])).toEqual([
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 1],
    ]);
  });

  it("spells GA4's device, os, country and channel as the script does; a user_id is a login", () => {
    const [first, , , last] = sorted();
    expect(['device', 'os', 'country', 'channel', 'logged_in'].map((name) => row(first!)(name))).toEqual([
      'desktop',
      'macos',
      'ci',
      'email',
      'false',
    ]);
    expect(['device', 'channel', 'logged_in', 'referrer_type'].map((name) => row(last!)(name))).toEqual([
      'other',
      'direct',
      'true',
      null,
    ]);
  });
});

/** The export's fields, as GA4 types them, without those exports before July 2024 lack. */
const OLD_EXPORT = [
  "event_name: 'VARCHAR', event_timestamp: 'BIGINT', user_pseudo_id: 'VARCHAR'",
  `event_params: 'STRUCT("key" VARCHAR, "value" STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]'`,
  "device: 'STRUCT(category VARCHAR, operating_system VARCHAR)', geo: 'STRUCT(country VARCHAR)'",
  "items: 'STRUCT(item_category VARCHAR, quantity BIGINT)[]', ecommerce: 'STRUCT(transaction_id VARCHAR, purchase_revenue DOUBLE)'",
].join(', ');

describe('GA4 Parquet from an older export', () => {
  it('reads a field the export lacks (the session channel, user_id) as unknown', async () => {
    const parquet = join(dir, 'old.parquet');
    await queryColumns([
      `COPY (SELECT * FROM read_ndjson('${file}', columns = {${OLD_EXPORT}})) TO '${parquet}' (FORMAT PARQUET)`,
      'SELECT 1',
    ]);
    const old = (await readInput({ kind: 'ga4', files: [parquet], format: 'parquet' }, { kind: 'visit' })).table;
    expect(old.n).toBe(4);
    expect(new Set(old.levels.get('channel'))).toEqual(new Set([null]));
    expect(new Set(old.levels.get('logged_in'))).toEqual(new Set(['false']));
    expect(Array.from(old.y).sort()).toEqual([0, 1, 1, 1]);
  });
});
