/**
 * The training table from beacon records (docs/api.md, "Events"): one row per `pageview`
 * record (sent with `collect: ["pageviews"]`), its features as the script read them, labelled by the
 * visitor's orders (`conversion` records, each transaction once). The records are read by the
 * report's own reader (report/sql/sources.ts), so both commands count the same lines the same way;
 * read once (materialized: the reader is not, and a second reference would read the files again),
 * each record's attributes parsed once, and each page view's next order found in one sorted pass.
 */
import { LEVEL_FEATURES, NUMBER_FEATURES } from '../../../core/model/features.js';
import { beaconSource, type FileFormat } from '../../report/sql/sources.js';
import { horizonEnd, type Horizon } from './horizon.js';

/**
 * The attributes' JSON as one struct, each value in the cheapest type that holds it as the browser
 * did (hours and booleans too: table.ts reads them as levels).
 */
const TYPES: Record<string, string> = {
  new_visitor: 'BOOLEAN',
  logged_in: 'BOOLEAN',
  hour: 'DOUBLE',
  weekday: 'DOUBLE',
  month: 'DOUBLE',
};
const STRUCTURE = JSON.stringify(
  Object.fromEntries([
    ...NUMBER_FEATURES.map((name) => [name, 'DOUBLE']),
    ...LEVEL_FEATURES.map((name) => [name, TYPES[name] ?? 'VARCHAR']),
    ['interest', 'JSON'],
    ['events', 'JSON'],
  ]),
);

export function beaconTrainingSql(
  files: readonly string[],
  format: FileFormat,
  horizon: Horizon,
  columns: readonly string[] = [],
): string {
  const features = [
    ...NUMBER_FEATURES.map((name) => `a."${name}"`),
    ...LEVEL_FEATURES.map((name) => `a."${name}"`),
    // Text, not a map: most rows repeat one (`{}` above all), and table.ts parses each text once.
    `CAST(a.interest AS VARCHAR) AS interest`,
    `CAST(a.events AS VARCHAR) AS events`,
  ].join(', ');
  const censor = horizon.kind === 'days' ? horizon.days * 86_400_000 : 0;
  return `WITH ${beaconSource(files, format, columns)}
records AS MATERIALIZED (
  SELECT status, visitor, ts, transaction_id,
    CASE WHEN status = 'pageview' THEN try(json_transform(attributes, '${STRUCTURE}')) END AS a
  FROM typed WHERE status IN ('pageview', 'conversion')
),
pv AS (SELECT visitor, ts, a, a.visits AS visit FROM records WHERE status = 'pageview' AND a IS NOT NULL),
orders AS (
  SELECT visitor, MIN(ts) AS ts FROM records WHERE status = 'conversion'
  GROUP BY visitor, COALESCE(NULLIF(transaction_id, ''), CAST(ts AS VARCHAR))
),
visit_ends AS (SELECT visitor, visit, MAX(ts) AS last FROM pv GROUP BY visitor, visit),
timeline AS (
  SELECT visitor, ts, 0 AS step, a, visit FROM pv
  UNION ALL SELECT visitor, ts, 1, NULL, NULL FROM orders
),
labelled AS (
  SELECT t.*, v.last AS visit_last FROM (
    SELECT *, MIN(CASE WHEN step = 1 THEN ts END) OVER (PARTITION BY visitor ORDER BY ts, step ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_order
    FROM timeline
  ) AS t LEFT JOIN visit_ends AS v ON v.visitor = t.visitor AND v.visit IS NOT DISTINCT FROM t.visit
  WHERE t.step = 0
)
SELECT ts, CASE WHEN next_order <= ${horizonEnd(horizon, 'ts', 'visit_last')} THEN 1 ELSE 0 END AS converted,
  ${features}
FROM labelled
WHERE ts <= (SELECT MAX(ts) FROM pv) - ${censor}`;
}
