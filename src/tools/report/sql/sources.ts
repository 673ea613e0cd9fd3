/**
 * Where the records come from, as the three relations aggregate.ts reads: `exposures`, `conversions`
 * and `facts` (fact, label, n: the header's counts and the skipped records by reason).
 * - beacon records (docs/api.md, "Events") in NDJSON, CSV or Parquet files: DuckDB;
 * - GA4's BigQuery export rows (`p13n_exposure`, `p13n_conversion`, `purchase` events): NDJSON as
 *   `bq extract` writes it or Parquet files in DuckDB, or the `events_*` tables in BigQuery itself.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Dialect } from './dialect.js';

export type FileFormat = 'ndjson' | 'csv' | 'parquet';

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const fileList = (files: readonly string[]) => `[${files.map(quote).join(', ')}]`;

/**
 * NDJSON is read as lines, then parsed: a line that is not JSON is counted instead of stopping the
 * read, and a byte-order mark is dropped (DuckDB's CSV reader drops one at a file's start; the parse
 * drops any other, from files concatenated with `cat`). U+0001 never occurs in JSON text (control
 * characters must be escaped), so each line is one field.
 */
const lines = (files: readonly string[]) =>
  `SELECT line FROM read_csv(${fileList(files)}, columns = {'line': 'VARCHAR'}, header = false, delim = e'\\x01', quote = '', escape = '', auto_detect = false, strict_mode = false, new_line = '\\n')`;

const BEACON_FIELDS = `{"type":"VARCHAR","v":"JSON","ts":"DOUBLE","visitor":"VARCHAR","test":"VARCHAR","rule":"VARCHAR","variant":"VARCHAR","control":"VARCHAR","weights":"JSON","slot":"VARCHAR","when":"VARCHAR","segments":"JSON","kind":"VARCHAR","value":"DOUBLE","currency":"VARCHAR","transaction_id":"VARCHAR","assignments":"JSON","count":"DOUBLE","predicted_purchase":"DOUBLE","attributes":"JSON"}`;

/** The beacon fields as DuckDB types, for files with one column per field. */
const COLUMN_TYPES: Record<string, string> = Object.fromEntries(
  Object.entries(JSON.parse(BEACON_FIELDS) as Record<string, string>),
);

const NOT_RECORD = 'not a p13n record';
/** A record is a few hundred bytes: a line past this is not one, and is skipped unread (report/lines.ts). */
export const MAX_LINE_BYTES = 1024 * 1024;
export const SKIP = {
  notJson: 'not JSON',
  notRecord: NOT_RECORD,
  version: 'record version other than 1',
  exposure: 'exposure without test, visitor, variant, ts or weights',
  conversion: 'conversion without visitor, ts or assignments',
  dropped: 'dropped without a count',
  tooLong: 'line longer than 1 MiB (no record is), not read',
  pageview: 'pageview without visitor, ts or attributes',
  ga4Exposure: 'p13n_exposure without p13n_test, p13n_variant or user_pseudo_id',
  ga4Conversion: 'p13n_conversion without p13n_test, p13n_variant or user_pseudo_id',
  ga4Purchase: 'purchase without transaction_id (cannot be told apart from its p13n_conversion)',
  ga4Other: 'other GA4 events',
} as const;

const ruleOf = (test: string) =>
  `CASE WHEN strpos(${test}, '@') > 0 THEN regexp_replace(${test}, '@[^@]*$', '') ELSE ${test} END`;

const BOM = 'chr(65279)';

/**
 * NDJSON read natively (parallel, typed once): DuckDB gives one row per non-blank line, all NULL
 * when the line is not a record it can read (not JSON, not an object, or a byte-order mark before
 * it). Only when such rows exist are the lines read again as text, and only the ones that are not
 * valid JSON kept: a mark is dropped and the line parsed, the rest are "not JSON"; DuckDB's NULL
 * rows count as JSON but no record, less the lines kept here. `key`: the field every record has.
 * A file that starts with a mark (its first line then valid JSON once the CSV reader drops the mark)
 * adds that first line; such files are found by their first 3 bytes (a glob's files are not).
 */
function ndjson(files: readonly string[], types: string, key: string): string {
  const marked = files
    .filter(startsWithMark)
    .map((file) => `\n  UNION ALL SELECT * FROM (SELECT line FROM (${lines([file])}) LIMIT 1) WHERE json_valid(line)`)
    .join('');
  const read = (columns: string) => `read_ndjson(${fileList(files)}, columns = ${columns}, ignore_errors = true)`;
  // Indented: a prelude of reading the files, not a step of the shared pipeline (BigQuery has none).
  // Not materialized: counting the unread rows with a second read of one column costs less than
  // storing every typed row for two readers.
  return `native AS NOT MATERIALIZED (SELECT * FROM ${read(duckTypes(types))}),
  unread AS (SELECT COUNT(*) AS n FROM ${read(`{${quote(key)}: 'VARCHAR'}`)} WHERE "${key}" IS NULL),
  leftover AS (
  SELECT line, try(json_transform(CASE WHEN starts_with(line, ${BOM}) THEN substr(line, 2) ELSE line END, '${types}')) AS r FROM (
  -- In a CASE, so DuckDB cannot push the JSON check below the count: when every line was read,
  -- the text is only scanned, never parsed.
  SELECT line FROM (${lines(files)})
  WHERE CASE WHEN (SELECT n FROM unread) > 0 THEN line IS NOT NULL AND NOT json_valid(line) AND trim(line) <> '' ELSE false END${marked}
  )
),`;
}

const isGlob = (file: string) => /[*?[]/.test(file);

function startsWithMark(file: string): boolean {
  if (isGlob(file)) return false;
  const head = Buffer.alloc(3);
  try {
    const fd = openSync(file, 'r');
    try {
      return readSync(fd, head, 0, 3, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false; // DuckDB's read says what is wrong with the file
  }
}

/**
 * The count of skipped rows by status. NDJSON: every line in `leftover` is also one of DuckDB's NULL
 * rows, counted as no record (`unreadAs`), and is counted again by its own status: once is taken off.
 */
const skipped = (unreadAs: string | null) =>
  unreadAs === null
    ? 'COUNT(*)'
    : `COUNT(*) - CASE WHEN status = '${unreadAs}' THEN (SELECT COUNT(*) FROM leftover) ELSE 0 END`;

/** A json_transform structure as DuckDB column types for `read_ndjson`. */
function duckTypes(structure: string): string {
  const type = (t: unknown): string =>
    typeof t === 'string'
      ? t
      : Array.isArray(t)
        ? `${type(t[0])}[]`
        : `STRUCT(${Object.entries(t as Record<string, unknown>)
            .map(([k, v]) => `"${k}" ${type(v)}`)
            .join(', ')})`;
  return `{${Object.entries(JSON.parse(structure) as Record<string, unknown>)
    .map(([k, v]) => `${quote(k)}: ${quote(type(v))}`)
    .join(', ')}}`;
}

/** Beacon records in files (DuckDB only: BigQuery has no beacon records). */
export function beaconSource(files: readonly string[], format: FileFormat, columns: readonly string[] = []): string {
  const records =
    format === 'ndjson'
      ? `${ndjson(files, BEACON_FIELDS, 'type')}
flat AS (
  SELECT '{}' AS line, * FROM native
  UNION ALL BY NAME SELECT line, r.* FROM leftover
),`
      : // CSV and Parquet: one column per field (absent ones NULL); weights, segments and assignments as JSON text or nested types.
        `flat AS (
  SELECT '{}' AS line, ${Object.entries(COLUMN_TYPES)
    .map(
      ([name, type]) =>
        `${columns.includes(name) ? `CAST("${name}" AS ${type})` : `CAST(NULL AS ${type})`} AS "${name}"`,
    )
    .join(', ')}
  FROM read_${format}(${fileList(files)}, union_by_name = true)
),`;
  const text = (field: string) => `COALESCE(${field}, '') <> ''`;
  return `${records}
typed AS (
  SELECT *, CASE
    WHEN type IS NULL AND NOT json_valid(line) THEN '${SKIP.notJson}'
    WHEN type IS NULL OR type NOT IN ('exposure', 'conversion', 'dropped', 'pageview') THEN '${SKIP.notRecord}'
    WHEN v IS NOT NULL AND CAST(v AS VARCHAR) <> '1' THEN '${SKIP.version}'
    WHEN type = 'exposure' AND NOT (${text('test')} AND ${text('visitor')} AND ${text('variant')} AND ts IS NOT NULL AND isfinite(ts) AND json_type(weights) = 'OBJECT') THEN '${SKIP.exposure}'
    WHEN type = 'conversion' AND NOT (${text('visitor')} AND ts IS NOT NULL AND isfinite(ts) AND json_type(assignments) = 'OBJECT') THEN '${SKIP.conversion}'
    WHEN type = 'dropped' AND NOT ("count" IS NOT NULL AND isfinite("count") AND "count" >= 0) THEN '${SKIP.dropped}'
    WHEN type = 'pageview' AND NOT (${text('visitor')} AND ts IS NOT NULL AND isfinite(ts) AND json_type(attributes) = 'OBJECT') THEN '${SKIP.pageview}'
    ELSE type END AS status
  FROM flat WHERE type IS NOT NULL OR trim(line) <> ''
),
exposures AS (
  SELECT test, visitor, variant, ts, COALESCE(NULLIF(rule, ''), ${ruleOf('test')}) AS rule, COALESCE(slot, '') AS slot, "when" AS rule_when,
    COALESCE(control, '') AS control, CAST(weights AS VARCHAR) AS weights,
    CASE WHEN json_type(segments) = 'ARRAY' THEN list_filter(json_transform(segments, '["VARCHAR"]'), s -> COALESCE(s, '') <> '') ELSE CAST([] AS VARCHAR[]) END AS segments,
    CASE WHEN kind = 'holdout' THEN 'holdout' ELSE 'ab' END AS test_kind, predicted_purchase
  FROM typed WHERE status = 'exposure'
),
conversion_records AS (SELECT * FROM typed WHERE status = 'conversion'),
conversions AS (
  SELECT visitor, ts, CASE WHEN value > 0 THEN value ELSE 0 END AS value, NULLIF(currency, '') AS currency, NULLIF(transaction_id, '') AS txn,
    e.key AS test, e.value ->> '$' AS variant
  FROM conversion_records CROSS JOIN UNNEST(map_entries(json_transform(assignments, '"MAP(VARCHAR, JSON)"'))) AS m(e)
  WHERE json_type(e.value) = 'VARCHAR' AND COALESCE(e.value ->> '$', '') <> ''
),
facts AS (
  SELECT 'skipped' AS fact, status AS label, ${skipped(format === 'ndjson' ? SKIP.notRecord : null)} AS n FROM typed WHERE status NOT IN ('exposure', 'conversion', 'dropped', 'pageview') GROUP BY status HAVING n > 0
  UNION ALL SELECT 'dropped', NULL, COALESCE(SUM(round("count")), 0) FROM typed WHERE status = 'dropped'
  UNION ALL SELECT 'exposures', NULL, COUNT(*) FROM typed WHERE status = 'exposure'
  UNION ALL SELECT 'conversions', NULL, COUNT(*) FROM conversion_records
  UNION ALL SELECT 'repeated', NULL, COUNT(transaction_id) - COUNT(DISTINCT (visitor, transaction_id)) FROM conversion_records WHERE COALESCE(transaction_id, '') <> ''
  UNION ALL SELECT 'currency', upper(currency), COUNT(*) FROM conversion_records WHERE COALESCE(currency, '') <> '' GROUP BY upper(currency)
),`;
}

const GA4_FIELDS = `{"event_name":"VARCHAR","event_timestamp":"BIGINT","user_pseudo_id":"VARCHAR","event_params":[{"key":"VARCHAR","value":{"string_value":"VARCHAR","int_value":"BIGINT","float_value":"DOUBLE","double_value":"DOUBLE"}}],"ecommerce":{"transaction_id":"VARCHAR","purchase_revenue":"DOUBLE"}}`;

export type Ga4Input =
  | {
      readonly kind: 'files';
      readonly files: readonly string[];
      readonly format: 'ndjson' | 'parquet';
      readonly ecommerce: boolean;
    }
  | {
      readonly kind: 'bigquery';
      readonly dataset: string;
      readonly from?: string | undefined;
      readonly to?: string | undefined;
    };

function ga4Events(_d: Dialect, input: Ga4Input): string {
  if (input.kind === 'bigquery') {
    const range =
      input.from || input.to
        ? `\n  WHERE _TABLE_SUFFIX BETWEEN '${(input.from ?? '1970-01-01').replace(/-/g, '')}' AND '${(input.to ?? '2999-12-31').replace(/-/g, '')}'`
        : '';
    return `events AS (
  SELECT event_name, event_timestamp, user_pseudo_id, event_params, ecommerce.transaction_id AS ecommerce_txn, ecommerce.purchase_revenue AS ecommerce_revenue
  FROM \`${input.dataset}.events_*\`${range}
),`;
  }
  const ecommerce = input.ecommerce
    ? 'ecommerce.transaction_id AS ecommerce_txn, ecommerce.purchase_revenue AS ecommerce_revenue'
    : `CAST(NULL AS VARCHAR) AS ecommerce_txn, CAST(NULL AS DOUBLE) AS ecommerce_revenue`;
  if (input.format === 'ndjson') {
    // Lines that are JSON but no event count as other events; lines that are not JSON, not at all
    // (they are DuckDB's NULL rows too: facts takes them off).
    return `${ndjson(input.files, GA4_FIELDS, 'event_name')} events AS (
  SELECT event_name, event_timestamp, user_pseudo_id, event_params, ${ecommerce} FROM (
    SELECT * FROM native
    UNION ALL BY NAME SELECT r.* FROM leftover WHERE r IS NOT NULL
  )
),`;
  }
  return `events AS (
  SELECT event_name, event_timestamp, user_pseudo_id, event_params, ${ecommerce} FROM read_parquet(${fileList(input.files)}, union_by_name = true)
),`;
}

/** GA4 export rows: the dataLayer parameters of docs/api.md ("In GA4") as event parameters. */
export function ga4Source(d: Dialect, input: Ga4Input): string {
  const p = (key: string) => d.ga4Param(key, 'string');
  const present = (expr: string) => `COALESCE(${expr}, '') <> ''`;
  const other =
    input.kind === 'files' && input.format === 'ndjson' ? 'COUNT(*) - (SELECT COUNT(*) FROM leftover)' : 'COUNT(*)';
  return `${ga4Events(d, input)}
ga4 AS (
  SELECT event_name, user_pseudo_id AS visitor, CAST(event_timestamp AS ${d.double}) / 1000 AS ts,
    ${p('p13n_test')} AS test, ${p('p13n_variant')} AS variant, ${p('p13n_rule')} AS rule, ${p('p13n_slot')} AS slot,
    ${p('p13n_segment')} AS segment, ${p('p13n_segments')} AS segments, ${p('p13n_control')} AS control, ${p('p13n_weights')} AS weights,
    ${p('p13n_kind')} AS test_kind, ${p('p13n_currency')} AS p13n_currency, ${p('currency')} AS currency,
    ${d.ga4Param('p13n_value', 'number')} AS p13n_value, ${d.ga4Param('value', 'number')} AS value,
    ${d.ga4Param('p13n_predicted_purchase', 'number')} AS predicted_purchase, NULLIF(${p('p13n_transaction_id')}, '') AS p13n_txn, COALESCE(NULLIF(ecommerce_txn, ''), NULLIF(${p('transaction_id')}, '')) AS txn, ecommerce_revenue
  FROM events WHERE event_name IN ('p13n_exposure', 'p13n_conversion', 'purchase')
),
typed AS (
  SELECT *, CASE
    WHEN event_name = 'p13n_exposure' AND NOT (${present('test')} AND ${present('variant')} AND ${present('visitor')} AND ts IS NOT NULL) THEN '${SKIP.ga4Exposure}'
    WHEN event_name = 'p13n_conversion' AND NOT (${present('test')} AND ${present('variant')} AND ${present('visitor')} AND ts IS NOT NULL) THEN '${SKIP.ga4Conversion}'
    WHEN event_name = 'purchase' AND NOT (${present('txn')} AND ${present('visitor')} AND ts IS NOT NULL) THEN '${SKIP.ga4Purchase}'
    ELSE event_name END AS status
  FROM ga4
),
exposures AS (
  SELECT test, visitor, variant, ts, COALESCE(NULLIF(rule, ''), ${ruleOf('test')}) AS rule, COALESCE(slot, '') AS slot,
    CASE WHEN segment = '(everyone)' THEN NULL ELSE segment END AS rule_when, COALESCE(control, '') AS control, COALESCE(weights, '') AS weights,
    CASE WHEN segments IS NULL THEN ${d.emptyList} ELSE ${d.splitList('segments')} END AS segments,
    CASE WHEN test_kind = 'holdout' THEN 'holdout' ELSE 'ab' END AS test_kind, predicted_purchase
  FROM typed WHERE status = 'p13n_exposure'
),
conversions AS (
  SELECT visitor, ts, GREATEST(COALESCE(p13n_value, 0), 0) AS value, NULLIF(upper(p13n_currency), '') AS currency, p13n_txn AS txn, test, variant FROM typed WHERE status = 'p13n_conversion'
  UNION ALL
  SELECT visitor, ts, GREATEST(COALESCE(ecommerce_revenue, value, 0), 0), NULLIF(upper(currency), ''), txn, CAST(NULL AS ${d.text}), CAST(NULL AS ${d.text}) FROM typed WHERE status = 'purchase'
),
facts AS (
  SELECT 'skipped' AS fact, status AS label, COUNT(*) AS n FROM typed WHERE status NOT IN ('p13n_exposure', 'p13n_conversion', 'purchase') GROUP BY status
  UNION ALL SELECT 'exposures', NULL, COUNT(*) FROM typed WHERE status = 'p13n_exposure'
  UNION ALL SELECT 'conversions', NULL, COUNT(*) FROM typed WHERE status IN ('p13n_conversion', 'purchase')
  UNION ALL SELECT 'repeated', NULL, COUNT(p13n_txn) - COUNT(DISTINCT CONCAT(visitor, '|', test, '|', p13n_txn)) FROM typed WHERE status = 'p13n_conversion'
  UNION ALL SELECT 'currency', currency, COUNT(*) FROM conversions WHERE currency IS NOT NULL GROUP BY currency
  UNION ALL SELECT 'skipped', '${SKIP.ga4Other}', ${other} FROM events WHERE event_name IS NULL OR event_name NOT IN ('p13n_exposure', 'p13n_conversion', 'purchase') HAVING ${other} > 0
),`;
}
