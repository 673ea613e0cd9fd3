/**
 * The report's section on predicted purchase intent: does the config's model rank buyers? Each
 * visitor whose exposures carry a score (`predicted_purchase`, sent when the config has a model) is
 * placed by the score of their first scored exposure, and counted as converted when they bought at or
 * after it. Visitors in five bands of equal size by score, with the mean predicted and the observed
 * rate; the AUC over all of them. The records are read by the report's own sources (sql/sources.ts);
 * DuckDB returns one row per distinct score (scores are sent to 4 decimals: at most 10,001 rows).
 */
import { fileColumns, query } from './duckdb.js';
import { duckdb } from './sql/dialect.js';
import { beaconSource, ga4Source, type FileFormat } from './sql/sources.js';

export interface ScoreCount {
  readonly score: number;
  readonly visitors: number;
  readonly converted: number;
}

export interface Band {
  /** Share of visitors above this band, and through its end: the top band is [0, 0.2]. */
  readonly from: number;
  readonly to: number;
  readonly low: number;
  readonly high: number;
  readonly visitors: number;
  readonly converted: number;
  readonly predicted: number;
}

export interface Bands {
  readonly visitors: number;
  readonly converted: number;
  readonly auc: number;
  readonly bands: readonly Band[];
}

/** The per-score counts, after a source's relations (`exposures`, `conversions`, and for beacon files `typed`). */
export function bandsSql(source: string, orders: string): string {
  return `WITH ${source}
scored AS (
  SELECT visitor, MIN(ts) AS ts, arg_min(predicted_purchase, ts) AS score
  FROM exposures WHERE predicted_purchase IS NOT NULL AND isfinite(predicted_purchase) GROUP BY visitor
),
orders AS (SELECT visitor, MIN(ts) AS ts FROM (${orders}) AS o GROUP BY visitor, order_key),
outcome AS (
  SELECT s.visitor, round(s.score, 4) AS score, bool_or(o.visitor IS NOT NULL) AS converted
  FROM scored AS s LEFT JOIN orders AS o ON o.visitor = s.visitor AND o.ts >= s.ts
  GROUP BY s.visitor, s.score
)
SELECT score, COUNT(*) AS visitors, count_if(converted) AS converted FROM outcome GROUP BY score ORDER BY score`;
}

const BANDS = 5;

export function bandsOf(counts: readonly ScoreCount[]): Bands | null {
  const visitors = counts.reduce((n, c) => n + c.visitors, 0);
  if (visitors === 0) return null;
  const converted = counts.reduce((n, c) => n + c.converted, 0);
  const bands: Array<{ -readonly [K in keyof Band]: Band[K] }> = [];
  let seen = 0;
  // From the top: a score group goes to the band its middle falls in (a group is never split).
  for (const c of [...counts].sort((a, b) => b.score - a.score)) {
    const k = Math.min(BANDS - 1, Math.floor(((seen + c.visitors / 2) / visitors) * BANDS));
    seen += c.visitors;
    const band = (bands[k] ??= {
      from: k / BANDS,
      to: (k + 1) / BANDS,
      low: c.score,
      high: c.score,
      visitors: 0,
      converted: 0,
      predicted: 0,
    });
    band.low = Math.min(band.low, c.score);
    band.high = Math.max(band.high, c.score);
    band.visitors += c.visitors;
    band.converted += c.converted;
    band.predicted += c.score * c.visitors;
  }
  return {
    visitors,
    converted,
    auc: weightedAuc(counts),
    bands: bands.filter(Boolean).map((band) => ({ ...band, predicted: band.predicted / band.visitors })),
  };
}

/** AUC from per-score counts (not one entry per visitor): pairs (buyer, non-buyer), ties counting half. */
function weightedAuc(counts: readonly ScoreCount[]): number {
  const sorted = [...counts].sort((a, b) => a.score - b.score);
  let negativesBelow = 0;
  let right = 0;
  let positives = 0;
  let negatives = 0;
  for (const c of sorted) {
    const buyers = c.converted;
    const others = c.visitors - c.converted;
    right += buyers * (negativesBelow + others / 2);
    negativesBelow += others;
    positives += buyers;
    negatives += others;
  }
  return positives && negatives ? right / (positives * negatives) : Number.NaN;
}

const count = (n: number) => n.toLocaleString('en-US');
const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

export function formatBands(bands: Bands): string {
  const rate = bands.converted / bands.visitors;
  const rows = bands.bands.map((band) => [
    band.from === 0
      ? `top ${Math.round(band.to * 100)}%`
      : band.to === 1
        ? `bottom ${Math.round((1 - band.from) * 100)}%`
        : `${Math.round(band.from * 100)}–${Math.round(band.to * 100)}% from the top`,
    `${band.low.toFixed(4)} – ${band.high.toFixed(4)}`,
    count(band.visitors),
    percent(band.predicted),
    count(band.converted),
    percent(band.converted / band.visitors),
    rate > 0 ? `${(band.converted / band.visitors / rate).toFixed(2)}×` : '—',
  ]);
  const head = ['band', 'score', 'visitors', 'predicted', 'converted', 'conv. rate', 'vs all'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [
    '',
    `== Predicted purchase intent · ${count(bands.visitors)} visitors placed by predicted_purchase at their first scored exposure`,
    `Does the model rank buyers? AUC ${Number.isNaN(bands.auc) ? '—' : bands.auc.toFixed(3)} (0.5 is chance); ${count(bands.converted)} bought after it (${percent(rate)}).`,
    '',
    line(head),
    ...rows.map(line),
    '',
  ].join('\n');
}

/**
 * The section for the report's files, or '' when no exposure carries a score (a config without a
 * model) or the files cannot be read this way: the rest of the report never depends on it.
 */
export async function bandsSection(files: readonly string[], format: FileFormat, ga4: boolean): Promise<string> {
  try {
    let sql: string;
    if (ga4) {
      if (format === 'csv') return '';
      const ecommerce = format === 'ndjson' || (await fileColumns(files, format)).includes('ecommerce');
      sql = bandsSql(
        ga4Source(duckdb, { kind: 'files', files, format, ecommerce }),
        'SELECT visitor, ts, COALESCE(txn, CAST(ts AS VARCHAR)) AS order_key FROM conversions',
      );
    } else {
      const columns = format === 'ndjson' ? [] : await fileColumns(files, format);
      if (format !== 'ndjson' && !columns.includes('predicted_purchase')) return '';
      sql = bandsSql(
        beaconSource(files, format, columns),
        `SELECT visitor, ts, COALESCE(NULLIF(transaction_id, ''), CAST(ts AS VARCHAR)) AS order_key FROM typed WHERE status = 'conversion'`,
      );
    }
    const rows = await query(sql);
    const bands = bandsOf(
      rows.map((r) => ({ score: Number(r.score), visitors: Number(r.visitors), converted: Number(r.converted) })),
    );
    return bands ? formatBands(bands) : '';
  } catch {
    return '';
  }
}
