/**
 * The report's aggregation as one SQL query, in either dialect, over three relations a source
 * provides (sources.ts): `exposures`, `conversions` and `facts` (counts for the header). It computes
 * what aggregate.ts computes record by record, with the same rules:
 * - a visitor is in a test from their first exposure (earliest timestamp; ties by variant name), in
 *   that exposure's variant, with its segments and weights; exposures in another variant are conflicts;
 * - a purchase counts for a test when it names the visitor's variant (or, a GA4 `purchase`, names no
 *   test) and comes at or after that first exposure; a transaction id counts once per visitor and test;
 * - the latest first exposure describes the test (rule, slot, when, control, weights);
 * - cells are kept apart by period: the weights a visitor was first exposed under (docs/report.md).
 * One row per figure, tagged by `kind` (cell, split, test, unknown, fact): rows.ts reads them back.
 */
import type { Dialect } from './dialect.js';

/** The result columns, in order, with their SQL types ('text' or 'double'). */
export const COLUMNS = {
  kind: 'text',
  test: 'text',
  segment: 'text',
  variant: 'text',
  label: 'text',
  rule: 'text',
  slot: 'text',
  rule_when: 'text',
  control: 'text',
  n1: 'double',
  n2: 'double',
  n3: 'double',
  n4: 'double',
  n5: 'double',
  n6: 'double',
  n7: 'double',
} as const;

export type Column = keyof typeof COLUMNS;

function select(d: Dialect, values: Partial<Record<Column, string>>): string {
  const cell = (column: Column) => values[column] ?? `CAST(NULL AS ${COLUMNS[column] === 'text' ? d.text : d.double})`;
  return `SELECT ${(Object.keys(COLUMNS) as Column[]).map((c) => `${cell(c)} AS ${c}`).join(', ')}`;
}

export function aggregationSql(d: Dialect, options: { segments: boolean }): string {
  const r = d.struct({
    rule: 'rule',
    slot: 'slot',
    rule_when: 'rule_when',
    control: 'control',
    weights: 'weights',
    segments: 'segments',
    test_kind: 'test_kind',
  });
  const slices = options.segments
    ? `\n  UNION ALL\n  SELECT test, period, segment, variant, orders, revenue, order_sq FROM per_visitor ${d.unnestJoin('segments', 'segment')}`
    : '';
  return `per_variant AS (
  SELECT test, visitor, variant, COUNT(*) AS records, MIN(ts) AS ts, ${d.firstBy(r, ['ts'])} AS r
  FROM exposures GROUP BY test, visitor, variant
),
firsts AS (
  SELECT test, visitor, SUM(records) AS records,
    ${d.firstBy(d.struct({ variant: 'variant', ts: 'ts', records: 'records', r: 'r' }), ['ts', 'variant'])} AS f
  FROM per_variant GROUP BY test, visitor
),
visitors AS (
  SELECT test, visitor, f.variant AS variant, f.ts AS ts, records - f.records AS conflicts, f.r.weights AS weights, f.r.segments AS segments, f.r AS r
  FROM firsts
),
tests AS (
  SELECT test, ${d.lastBy('r', ['ts', 'visitor'])} AS r, SUM(conflicts) AS conflicts, MIN(ts) AS first_ts, MAX(ts) AS last_ts
  FROM visitors GROUP BY test
),
purchases AS (
  SELECT visitor, ts, value, txn, test, variant FROM conversions WHERE test IS NOT NULL
  UNION ALL
  SELECT c.visitor, c.ts, c.value, c.txn, v.test, v.variant FROM conversions AS c JOIN visitors AS v ON v.visitor = c.visitor WHERE c.test IS NULL
),
orders AS (
  SELECT visitor, test, variant, MIN(ts) AS ts, ${d.firstBy('value', ['ts'])} AS value FROM purchases WHERE txn IS NOT NULL GROUP BY visitor, test, variant, txn
  UNION ALL
  SELECT visitor, test, variant, ts, value FROM purchases WHERE txn IS NULL
),
bought AS (
  SELECT v.test, v.visitor, COUNT(*) AS orders, SUM(o.value) AS revenue, SUM(o.value * o.value) AS order_sq
  FROM visitors AS v JOIN orders AS o ON o.visitor = v.visitor AND o.test = v.test AND o.variant = v.variant AND o.ts >= v.ts
  GROUP BY v.test, v.visitor
),
per_visitor AS (
  SELECT v.test, v.weights AS period, v.variant, v.segments, COALESCE(b.orders, 0) AS orders, COALESCE(b.revenue, 0) AS revenue, COALESCE(b.order_sq, 0) AS order_sq
  FROM visitors AS v LEFT JOIN bought AS b ON b.test = v.test AND b.visitor = v.visitor
),
sliced AS (
  SELECT test, period, '(all)' AS segment, variant, orders, revenue, order_sq FROM per_visitor${slices}
),
cells AS (
  SELECT test, period, segment, variant, COUNT(*) AS visitors, ${d.countIf('orders > 0')} AS converters, SUM(orders) AS orders,
    SUM(revenue) AS revenue, SUM(revenue * revenue) AS revenue_sq, SUM(order_sq) AS order_sq, MAX(revenue) AS max_revenue
  FROM sliced GROUP BY test, period, segment, variant
),
splits AS (
  SELECT test, weights, variant, COUNT(*) AS visitors FROM visitors GROUP BY test, weights, variant
),
unknown AS (
  SELECT test, COUNT(*) AS conversions FROM conversions WHERE test IS NOT NULL AND test NOT IN (SELECT test FROM tests) GROUP BY test
)
${select(d, { kind: `'cell'`, test: 'test', label: 'period', segment: 'segment', variant: 'variant', n1: 'visitors', n2: 'converters', n3: 'orders', n4: 'revenue', n5: 'revenue_sq', n6: 'order_sq', n7: 'max_revenue' })} FROM cells
UNION ALL
${select(d, { kind: `'split'`, test: 'test', variant: 'variant', label: 'weights', n1: 'visitors' })} FROM splits
UNION ALL
${select(d, { kind: `'test'`, test: 'test', segment: 'r.test_kind', label: 'r.weights', rule: 'r.rule', slot: 'r.slot', rule_when: 'r.rule_when', control: 'r.control', n1: 'conflicts', n2: 'first_ts', n3: 'last_ts' })} FROM tests
UNION ALL
${select(d, { kind: `'unknown'`, test: 'test', n1: 'conversions' })} FROM unknown
UNION ALL
${select(d, { kind: `'fact'`, segment: 'fact', label: 'label', n1: 'n' })} FROM facts`;
}
