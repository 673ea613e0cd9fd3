/**
 * `p13n report FILE… [--no-segments]`: the beacon records your endpoint received (NDJSON as posted,
 * or CSV / Parquet with one column per field; files, or globs like 'events/*.ndjson') →
 * per test × segment × variant: visitors, conversions, rates, revenue, uplift over the control with
 * 95% intervals, p-values, and the sample-ratio check; the personalization holdout, if any.
 * `--ga4 FILE…` reads GA4's BigQuery export rows instead (NDJSON as `bq extract` writes it, or Parquet);
 * `--ga4-sql PROJECT.DATASET [--from DATE --to DATE]` prints the same aggregation as one BigQuery query.
 * The aggregation runs as SQL in embedded DuckDB (report/sql/); the statistics in TypeScript.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAggregator } from '../report/aggregate.js';
import { analyze } from '../report/analyze.js';
import { bandsSection } from '../report/bands.js';
import { DuckDbUnavailable, fileColumns, runAggregation } from '../report/duckdb.js';
import { formatReport } from '../report/format.js';
import { beaconQuery, ga4BigQuery, ga4FilesQuery } from '../report/sql/query.js';
import type { FileFormat } from '../report/sql/sources.js';
import { summaryFromRows, type Row } from '../report/rows.js';
import type { Summary } from '../report/summary.js';
import type { CliIo, Command } from './main.js';

const USAGE = `usage: p13n report FILE… [--no-segments]
       p13n report --ga4 FILE… [--no-segments]
       p13n report --ga4-sql PROJECT.DATASET [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--no-segments]
       p13n report --rows RESULT.json
  FILE: the beacon records your endpoint received, NDJSON (one per line; "-" reads standard input),
        CSV or Parquet; several files or a quoted glob ('events/*.ndjson') are read as one
  --ga4 FILE: GA4's BigQuery export rows (NDJSON from bq extract, or Parquet)
  --ga4-sql: print the query to run in BigQuery over the dataset's events_* tables
  --rows: the report from that query's result rows (bq query --format=json, or NDJSON)
`;

/** Splits a byte stream into lines without readline's per-line overhead; JSON-parses each one. */
export async function readRecords(
  stream: AsyncIterable<string | Buffer>,
  add: (record: unknown) => void,
): Promise<void> {
  let rest = '';
  let first = true;
  const line = (text: string) => {
    let record: unknown;
    try {
      record = JSON.parse(text); // surrounding whitespace, `\r` included, is valid JSON
    } catch {
      if (text.trim() === '') return;
      record = undefined; // counted as skipped
    }
    add(record);
  };
  for await (const chunk of stream) {
    let text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    // A byte-order mark (Windows editors write one) is not part of the first record.
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      line(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  }
  line(rest);
}

/** The TypeScript reader: standard input, and NDJSON when DuckDB cannot load. */
export async function aggregateFiles(
  paths: readonly string[],
  stdin?: AsyncIterable<string | Buffer>,
  segments = true,
): Promise<Summary> {
  const aggregator = createAggregator();
  for (const path of paths) {
    const stream = path === '-' && stdin ? stdin : createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    await readRecords(stream, (record) => aggregator.add(record));
  }
  return aggregator.result({ segments });
}

const formatOf = (file: string): FileFormat =>
  /\.parquet$/i.test(file) ? 'parquet' : /\.csv(\.gz)?$/i.test(file) ? 'csv' : 'ndjson';
const isGlob = (file: string) => /[*?[]/.test(file);
const DATASET = /^[A-Za-z0-9][\w:.-]*\.\w+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Options {
  readonly files: string[];
  readonly ga4: boolean;
  readonly rows: boolean;
  readonly sql: string | null;
  readonly from?: string;
  readonly to?: string;
  readonly segments: boolean;
}

function parseArgs(args: readonly string[]): Options | string {
  const files: string[] = [];
  let ga4 = false;
  let rows = false;
  let sql: string | null = null;
  let from: string | undefined;
  let to: string | undefined;
  let segments = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => (i + 1 < args.length ? args[++i]! : '');
    if (arg === '--no-segments') segments = false;
    else if (arg === '--ga4') ga4 = true;
    else if (arg === '--rows') rows = true;
    else if (arg === '--ga4-sql') sql = value();
    else if (arg === '--from') from = value();
    else if (arg === '--to') to = value();
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (sql !== null) {
    if (!DATASET.test(sql))
      return `--ga4-sql needs PROJECT.DATASET (the dataset GA4 exports to, e.g. my-project.analytics_123456789), not '${sql}'`;
    const bad = [from, to].find((d) => d !== undefined && !DATE.test(d));
    if (bad !== undefined) return `--from and --to take a date as YYYY-MM-DD, not '${bad}'`;
    if (files.length) return 'with --ga4-sql, give no files: the query runs in BigQuery';
  } else if (files.length === 0 || from || to) {
    return from || to ? '--from and --to go with --ga4-sql' : '';
  }
  return { files, ga4, rows, sql, segments, ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export const run: Command = async (args: readonly string[], io: CliIo) => {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    io.stderr.write(options ? `p13n report: ${options}\n${USAGE}` : USAGE);
    return 2;
  }
  if (options.sql !== null) {
    io.stdout.write(
      `${ga4BigQuery({ kind: 'bigquery', dataset: options.sql, from: options.from, to: options.to }, { segments: options.segments })};\n`,
    );
    return 0;
  }
  const missing = options.files.find((f) => f !== '-' && !isGlob(f) && !existsSync(resolve(io.cwd, f)));
  if (missing !== undefined) {
    io.stderr.write(`p13n report: cannot read ${missing}: no such file\n`);
    return 1;
  }
  const paths = options.files.map((f) => (f === '-' ? '-' : resolve(io.cwd, f)));
  const formats = new Set(paths.map(formatOf));
  if (formats.size > 1) {
    io.stderr.write(
      `p13n report: the files mix formats (${[...formats].join(', ')}): report on one format at a time\n`,
    );
    return 2;
  }
  const format = [...formats][0]!;
  let summary: Summary;
  try {
    summary = await aggregate(paths, format, options, io);
  } catch (error) {
    io.stderr.write(
      `p13n report: cannot read ${options.files.join(', ')}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
    );
    return 1;
  }
  const reports = analyze(summary, { segments: options.segments });
  io.stdout.write(formatReport(options.files.join(', '), summary, reports));
  if (!options.rows && !paths.includes('-')) io.stdout.write(await bandsSection(paths, format, options.ga4));
  const mismatched = reports.filter((report) => report.sampleRatio.mismatch);
  if (mismatched.length)
    io.stderr.write(
      `p13n report: SAMPLE RATIO MISMATCH in ${mismatched.map((r) => r.test).join(', ')}: see the report\n`,
    );
  return 0;
};

async function aggregate(paths: readonly string[], format: FileFormat, options: Options, io: CliIo): Promise<Summary> {
  if (options.rows) {
    // The --ga4-sql query's result: a JSON array (bq query --format=json) or one row per line.
    const text = paths
      .map((path) =>
        readFileSync(path, 'utf8')
          .replace(/^\uFEFF/, '')
          .trim(),
      )
      .join('\n');
    const rows = text.startsWith('[')
      ? (JSON.parse(text) as Row[])
      : text
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as Row);
    return summaryFromRows(rows);
  }
  if (paths.includes('-')) {
    if (options.ga4 || paths.length > 1) throw new Error('standard input ("-") is read alone, as beacon NDJSON');
    return aggregateFiles(paths, process.stdin, options.segments);
  }
  try {
    if (options.ga4) {
      if (format === 'csv') throw new Error('GA4 rows are read from NDJSON or Parquet, not CSV');
      const ecommerce = format === 'ndjson' || (await fileColumns(paths, format)).includes('ecommerce');
      return await runAggregation(
        ga4FilesQuery({ kind: 'files', files: paths, format, ecommerce }, { segments: options.segments }),
      );
    }
    const columns = format === 'ndjson' ? [] : await fileColumns(paths, format);
    return await runAggregation(beaconQuery(paths, format, { segments: options.segments }, columns));
  } catch (error) {
    if (!(error instanceof DuckDbUnavailable) || options.ga4 || format !== 'ndjson' || paths.some(isGlob)) throw error;
    io.stderr.write(`p13n report: ${error.message}; reading with the built-in reader instead (NDJSON only, slower)\n`);
    return aggregateFiles(paths, undefined, options.segments);
  }
}
