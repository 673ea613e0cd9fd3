/**
 * The training table from beacon records (README "A/B tests and events"): one row per `pageview`
 * record (sent with `collect: ["pageviews"]`), its features as the script read them, labelled by the
 * visitor's orders (`conversion` records, each transaction once). The records are read by the
 * report's own reader (report/sql/sources.ts), so both commands count the same lines the same way.
 */
import { LEVEL_FEATURES, NUMBER_FEATURES } from '../../../core/model/features.js';
import { beaconSource, type FileFormat } from '../../report/sql/sources.js';
import { horizonEnd, type Horizon } from './horizon.js';

export function beaconTrainingSql(
  files: readonly string[],
  format: FileFormat,
  horizon: Horizon,
  columns: readonly string[] = [],
): string {
  const features = [
    ...NUMBER_FEATURES.map((name) => `TRY_CAST(attributes->>'${name}' AS DOUBLE) AS "${name}"`),
    ...LEVEL_FEATURES.map((name) => `attributes->>'${name}' AS "${name}"`),
    `CAST(attributes->'interest' AS VARCHAR) AS interest`,
    `CAST(attributes->'events' AS VARCHAR) AS events`,
  ].join(',\n  ');
  return `WITH ${beaconSource(files, format, columns)}
pv AS (SELECT visitor, ts, attributes, TRY_CAST(attributes->>'visits' AS DOUBLE) AS visit FROM typed WHERE status = 'pageview'),
orders AS (
  SELECT visitor, MIN(ts) AS ts FROM typed WHERE status = 'conversion'
  GROUP BY visitor, COALESCE(NULLIF(transaction_id, ''), CAST(ts AS VARCHAR))
),
visit_ends AS (SELECT visitor, visit, MAX(ts) AS last FROM pv GROUP BY visitor, visit),
labelled AS (
  SELECT pv.*, v.last AS visit_last, EXISTS (
    SELECT 1 FROM orders AS o WHERE o.visitor = pv.visitor AND o.ts >= pv.ts AND o.ts <= ${horizonEnd(horizon, 'pv.ts', 'v.last')}
  ) AS converted
  FROM pv LEFT JOIN visit_ends AS v ON v.visitor = pv.visitor AND v.visit IS NOT DISTINCT FROM pv.visit
)
SELECT ts, CAST(converted AS INTEGER) AS converted,
  ${features}
FROM labelled
WHERE ts <= (SELECT MAX(ts) FROM pv) - ${horizon.kind === 'days' ? horizon.days * 86_400_000 : 0}`;
}
