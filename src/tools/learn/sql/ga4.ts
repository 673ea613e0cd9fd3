/**
 * The training table from GA4's BigQuery export, as ONE query in either dialect: DuckDB runs it on
 * exported files (`learn --ga4 FILE…`), BigQuery on the dataset itself (`learn --ga4-sql`, then
 * `learn --rows RESULT.json`), so the heavy part of a large store runs where its data is, and both
 * forms come from this one builder. One row per `page_view`, with what the shopper's script would
 * have known then, rebuilt from the events before it:
 * - visits, new_visitor: GA4's `ga_session_number`; visit_pageviews, pageviews: page views so far
 *   (in the session, and since the export's first day); days_since_last_visit: since the previous
 *   session's last page view, as the script counts (null when that session is before the export);
 * - channel: the session's last-click default channel group (exports since July 2024); device, os:
 *   GA4's, in the script's spelling; country: GA4's country name as its ISO code;
 * - hour, weekday, month: in `timezone` (GA4 does not know the visitor's own zone: give the zone
 *   most of your shoppers live in); logged_in: a `user_id` is set;
 * - cart_value, cart_items: add_to_cart less remove_from_cart since the last purchase; orders,
 *   total_spent: purchases before; interest: view_item events per item category before;
 * - referrer_type and events.* are not in the export: left out (the model then does not use them).
 * Label: a purchase later in the same session (GA4's visit), or within the horizon's days.
 */
import { LEVEL_FEATURES, NUMBER_FEATURES } from '../../../core/model/features.js';
import { bigquery, duckdb, type Dialect } from '../../report/sql/dialect.js';
import { GA4_COUNTRIES } from './ga4-countries.js';
import type { Horizon } from './horizon.js';

export type Ga4Source =
  | {
      readonly kind: 'files';
      readonly files: readonly string[];
      readonly format: 'ndjson' | 'parquet';
      /** Parquet: the files' columns, so a field an older export lacks reads as NULL. */
      readonly columns?: readonly string[];
    }
  | { readonly kind: 'bigquery'; readonly dataset: string; readonly from?: string; readonly to?: string };

export interface Ga4Options {
  readonly horizon: Horizon;
  /** IANA zone for hour, weekday and month (default UTC). */
  readonly timezone?: string;
  /** False for exports older than July 2024, which lack `session_traffic_source_last_click`. */
  readonly channel?: boolean;
}

const DAY = 86_400_000;
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The export's fields this query reads, as DuckDB types: NDJSON is read with them (an absent field is NULL). */
const FIELDS: Readonly<Record<string, string>> = {
  event_name: 'VARCHAR',
  event_timestamp: 'BIGINT',
  user_pseudo_id: 'VARCHAR',
  user_id: 'VARCHAR',
  event_params:
    'STRUCT("key" VARCHAR, "value" STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]',
  device: 'STRUCT(category VARCHAR, operating_system VARCHAR)',
  geo: 'STRUCT(country VARCHAR)',
  session_traffic_source_last_click: 'STRUCT(cross_channel_campaign STRUCT(default_channel_group VARCHAR))',
  items: 'STRUCT(item_category VARCHAR, quantity BIGINT)[]',
  ecommerce: 'STRUCT(transaction_id VARCHAR, purchase_revenue DOUBLE)',
};

/** The FROM item, and a condition on it (BigQuery: the daily tables to read). */
function from(source: Ga4Source): [string, string] {
  if (source.kind === 'bigquery') {
    const range =
      source.from || source.to
        ? `_TABLE_SUFFIX BETWEEN '${(source.from ?? '1970-01-01').replace(/-/g, '')}' AND '${(source.to ?? '2999-12-31').replace(/-/g, '')}' AND `
        : '';
    return [`\`${source.dataset}.events_*\``, range];
  }
  const files = `[${source.files.map(quote).join(', ')}]`;
  if (source.format === 'ndjson') {
    const columns = Object.entries(FIELDS).map(([name, type]) => `${name}: ${quote(type)}`);
    return [`read_ndjson(${files}, columns = {${columns.join(', ')}}, ignore_errors = true)`, ''];
  }
  // Parquet keeps the export's own types; a field an older export lacks reads as NULL.
  const absent = Object.entries(FIELDS)
    .filter(([name]) => source.columns && !source.columns.includes(name))
    .map(([name, type]) => `, CAST(NULL AS ${type}) AS ${name}`)
    .join('');
  return [`(SELECT *${absent} FROM read_parquet(${files}, union_by_name = true))`, ''];
}

/** The few places the two dialects differ for this query. */
function local(d: Dialect, timezone: string) {
  const bq = d.name === 'bigquery';
  const at = (part: string, ts: string) =>
    bq
      ? `EXTRACT(${part} FROM TIMESTAMP_MILLIS(CAST(${ts} AS INT64)) AT TIME ZONE ${quote(timezone)})`
      : `${part.toLowerCase()}(timezone(${quote(timezone)}, to_timestamp(${ts} / 1000)))`;
  return {
    hour: (ts: string) => at('HOUR', ts),
    weekday: (ts: string) => (bq ? `MOD(${at('DAYOFWEEK', ts)} + 5, 7) + 1` : at('ISODOW', ts)),
    month: (ts: string) => at('MONTH', ts),
    firstCategory: bq ? 'items[SAFE_OFFSET(0)].item_category' : 'items[1].item_category',
    quantity: bq
      ? 'COALESCE((SELECT SUM(COALESCE(quantity, 1)) FROM UNNEST(items)), 1)'
      : 'COALESCE(list_sum(list_transform(items, x -> COALESCE(x.quantity, 1))), 1)',
    /** The script's interest key (classify/page.ts interestKey): lower case, no accents, `_` between words. */
    interestKey: (text: string) =>
      bq
        ? `RTRIM(LEFT(TRIM(REGEXP_REPLACE(REGEXP_REPLACE(NORMALIZE(LOWER(${text}), NFD), r'\\pM', ''), r'[^a-z0-9]+', '_'), '_'), 40), '_')`
        : `rtrim(left(trim(regexp_replace(strip_accents(lower(${text})), '[^a-z0-9]+', '_', 'g'), '_'), 40), '_')`,
    counts: bq
      ? 'TO_JSON_STRING(ARRAY_AGG(STRUCT(category AS k, n AS n)))'
      : 'CAST(to_json(list(struct_pack(k := category, n := n))) AS VARCHAR)',
    countries: bq
      ? `UNNEST([${GA4_COUNTRIES.map(([name, code]) => `STRUCT(${quote(name)} AS name, '${code}' AS code)`).join(', ')}]) AS k`
      : `(VALUES ${GA4_COUNTRIES.map(([name, code]) => `(${quote(name)}, '${code}')`).join(', ')}) AS k(name, code)`,
  };
}

export function ga4TrainingSql(source: Ga4Source, options: Ga4Options): string {
  const d = source.kind === 'bigquery' ? bigquery : duckdb;
  const l = local(d, options.timezone ?? 'UTC');
  const [table, where] = from(source);
  // A whole number: BigQuery neither groups nor partitions by FLOAT64.
  const integer = d.name === 'bigquery' ? 'INT64' : 'BIGINT';
  const num = (key: string) => d.ga4Param(key, 'number');
  const text = (key: string) => d.ga4Param(key, 'string');
  const channel =
    options.channel === false
      ? `CAST(NULL AS ${d.text})`
      : 'session_traffic_source_last_click.cross_channel_campaign.default_channel_group';
  const before = 'ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';
  const upto = 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';
  const after = 'ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING';
  const order = 'ORDER BY ts, step';
  const label =
    options.horizon.kind === 'visit'
      ? `MIN(CASE WHEN event_name = 'purchase' THEN ts END) OVER (PARTITION BY visitor, session ${order} ${after}) IS NOT NULL`
      : `COALESCE(MIN(CASE WHEN event_name = 'purchase' THEN ts END) OVER (PARTITION BY visitor ${order} ${after}) <= ts + ${options.horizon.days * DAY}, FALSE)`;
  const censor =
    options.horizon.kind === 'days'
      ? `\nWHERE p.ts <= (SELECT MAX(ts) FROM events) - ${options.horizon.days * DAY}`
      : '';
  const columns = [
    ...NUMBER_FEATURES.map((name) => `p.${name}`),
    ...LEVEL_FEATURES.map((name) =>
      name === 'referrer_type' ? `CAST(NULL AS ${d.text}) AS referrer_type` : `p.${name}`,
    ),
  ];
  return `WITH events AS (
  SELECT user_pseudo_id AS visitor, CAST(event_timestamp AS ${d.double}) / 1000 AS ts, event_name,
    CASE event_name WHEN 'page_view' THEN 0 WHEN 'view_item' THEN 1 WHEN 'add_to_cart' THEN 2 WHEN 'remove_from_cart' THEN 3 ELSE 4 END AS step,
    COALESCE(CAST(${num('ga_session_id')} AS ${integer}), 0) AS session, ${num('ga_session_number')} AS session_number, user_id IS NOT NULL AS logged_in,
    LOWER(device.category) AS device_category, LOWER(device.operating_system) AS os_name, LOWER(geo.country) AS country_name,
    ${channel} AS channel, ${l.firstCategory} AS category, ${l.quantity} AS quantity,
    COALESCE(${num('value')}, 0) AS value, COALESCE(ecommerce.purchase_revenue, ${num('value')}, 0) AS revenue,
    COALESCE(ecommerce.transaction_id, ${text('transaction_id')}) AS txn
  FROM ${table}
  WHERE ${where}event_name IN ('page_view', 'view_item', 'add_to_cart', 'remove_from_cart', 'purchase') AND user_pseudo_id IS NOT NULL
),
running AS (
  SELECT *,
    SUM(CASE WHEN event_name = 'purchase' THEN 1 ELSE 0 END) OVER (PARTITION BY visitor ${order} ${upto}) AS epoch,
    SUM(CASE WHEN event_name = 'page_view' THEN 1 ELSE 0 END) OVER (PARTITION BY visitor ${order} ${upto}) AS pageviews,
    SUM(CASE WHEN event_name = 'page_view' THEN 1 ELSE 0 END) OVER (PARTITION BY visitor, session ${order} ${upto}) AS visit_pageviews,
    COALESCE(SUM(CASE WHEN event_name = 'purchase' THEN 1 ELSE 0 END) OVER (PARTITION BY visitor ${order} ${before}), 0) AS orders,
    COALESCE(SUM(CASE WHEN event_name = 'purchase' THEN revenue ELSE 0 END) OVER (PARTITION BY visitor ${order} ${before}), 0) AS total_spent,
    ${label} AS converted
  FROM events
),
carts AS (
  SELECT *,
    GREATEST(0, COALESCE(SUM(CASE event_name WHEN 'add_to_cart' THEN value WHEN 'remove_from_cart' THEN -value ELSE 0 END) OVER (PARTITION BY visitor, epoch ${order} ${before}), 0)) AS cart_value,
    GREATEST(0, COALESCE(SUM(CASE event_name WHEN 'add_to_cart' THEN quantity WHEN 'remove_from_cart' THEN -quantity ELSE 0 END) OVER (PARTITION BY visitor, epoch ${order} ${before}), 0)) AS cart_items
  FROM running
),
sessions AS (
  SELECT visitor, session, LAG(session_end) OVER (PARTITION BY visitor ORDER BY session_start) AS previous_end,
    DENSE_RANK() OVER (PARTITION BY visitor ORDER BY session_start) AS session_rank
  FROM (
    SELECT visitor, session, MIN(ts) AS session_start, MAX(CASE WHEN event_name = 'page_view' THEN ts END) AS session_end
    FROM events GROUP BY visitor, session
  ) AS s
),
pages AS (
  SELECT c.visitor, c.ts, c.step, ROW_NUMBER() OVER (PARTITION BY c.visitor ORDER BY c.ts, c.step) AS seq,
    CASE WHEN c.converted THEN 1 ELSE 0 END AS converted,
    COALESCE(c.session_number, s.session_rank) AS visits, c.pageviews, c.visit_pageviews,
    CASE WHEN s.previous_end IS NULL THEN NULL ELSE GREATEST(0, FLOOR((c.ts - s.previous_end) / ${DAY})) END AS days_since_last_visit,
    c.cart_value, c.cart_items, c.orders, c.total_spent,
    COALESCE(c.session_number, s.session_rank) <= 1 AS new_visitor, c.logged_in, c.channel,
    CASE WHEN c.device_category IN ('mobile', 'tablet', 'desktop') THEN c.device_category WHEN c.device_category IS NULL THEN NULL ELSE 'other' END AS device,
    CASE c.os_name WHEN 'macintosh' THEN 'macos' WHEN 'mac os x' THEN 'macos' WHEN 'chrome os' THEN 'chromeos' WHEN '(not set)' THEN NULL ELSE c.os_name END AS os,
    k.code AS country,
    ${l.hour('c.ts')} AS hour, ${l.weekday('c.ts')} AS weekday, ${l.month('c.ts')} AS month
  FROM carts AS c
  LEFT JOIN sessions AS s ON s.visitor = c.visitor AND s.session = c.session
  LEFT JOIN ${l.countries} ON k.name = c.country_name
  WHERE c.event_name = 'page_view'
),
views AS (
  SELECT visitor, ts, ${l.interestKey('category')} AS category FROM events WHERE event_name = 'view_item' AND category IS NOT NULL
),
interest AS (
  SELECT visitor, seq, ${l.counts} AS interest FROM (
    SELECT p.visitor, p.seq, v.category, COUNT(*) AS n
    FROM pages AS p JOIN views AS v ON v.visitor = p.visitor AND v.ts < p.ts
    WHERE v.category <> ''
    GROUP BY p.visitor, p.seq, v.category
  ) AS counted GROUP BY visitor, seq
)
SELECT p.ts, p.converted,
  ${columns.join(', ')},
  i.interest, CAST(NULL AS ${d.text}) AS events
FROM pages AS p LEFT JOIN interest AS i ON i.visitor = p.visitor AND i.seq = p.seq${censor}`;
}
