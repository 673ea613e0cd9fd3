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
import { DuckDbUnavailable, expandGlobs, fileColumns, runAggregation } from '../report/duckdb.js';
import { formatReport } from '../report/format.js';
import { beaconQuery, ga4BigQuery, ga4FilesQuery } from '../report/sql/query.js';
import { SKIP, type FileFormat } from '../report/sql/sources.js';
import { readLines, withoutLongLines, type Readable } from '../report/lines.js';
import { parseArgs, type Options } from '../report/options.js';
import { reportJson } from '../report/json.js';
import { safe, terminalSafe } from '../report/text.js';
import { allocateInto } from '../report/allocate-run.js';
import { summaryFromRows, type Row } from '../report/rows.js';
import type { Summary } from '../report/summary.js';
import type { CliIo, Command } from './main.js';

const USAGE = `usage: p13n report FILE… [--no-segments] [--json] [--allocate CONFIG [--metric M] [--floor P]]
       p13n report --ga4 FILE… [same options]
       p13n report --rows RESULT.json [same options]
       p13n report --ga4-sql PROJECT.DATASET [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--no-segments]
  FILE: the beacon records your endpoint received, NDJSON (one per line; "-" reads standard input),
        CSV or Parquet; several files or a quoted glob ('events/*.ndjson') are read as one
  --ga4 FILE: GA4's BigQuery export rows (NDJSON from bq extract, or Parquet)
  --ga4-sql: print the query to run in BigQuery over the dataset's events_* tables
  --rows: the report from that query's result rows (bq query --format=json, or NDJSON)
  --json: the report as JSON (REPORT.json, read by p13n validate --traffic)
  --allocate CONFIG: new weights for each running test in CONFIG, by Thompson sampling
  --metric conversion|revenue: what the allocation maximizes (default conversion)
  --floor P: the least percentage of its test's traffic every variant keeps (default 10)
`;

/** Parses each line (linear in the input, a line over 1 MiB skipped unread: report/lines.ts). */
export async function readRecords(
  stream: AsyncIterable<string | Buffer>,
  add: (record: unknown) => void,
  tooLong: () => void = () => add(undefined),
): Promise<void> {
  let first = true;
  await readLines(
    stream,
    (text) => {
      // A byte-order mark (Windows editors write one) is not part of the first record.
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      let record: unknown;
      try {
        record = JSON.parse(text); // surrounding whitespace, `\r` included, is valid JSON
      } catch {
        if (text.trim() === '') return;
        record = undefined; // counted as skipped
      }
      add(record);
    },
    () => {
      first = false;
      tooLong();
    },
  );
}

/** The TypeScript reader: standard input, and NDJSON when DuckDB cannot load. */
export async function aggregateFiles(
  paths: readonly string[],
  stdin?: AsyncIterable<string | Buffer>,
  segments = true,
): Promise<Summary> {
  const aggregator = createAggregator();
  for (const path of paths) {
    const stream = path === '-' && stdin ? stdin : createReadStream(path, { highWaterMark: 1 << 20 });
    await readRecords(
      stream,
      (record) => aggregator.add(record),
      () => aggregator.skip(SKIP.tooLong),
    );
  }
  return aggregator.result({ segments });
}

const formatOf = (file: string): FileFormat =>
  /\.parquet$/i.test(file) ? 'parquet' : /\.csv(\.gz)?$/i.test(file) ? 'csv' : 'ndjson';
const isGlob = (file: string) => /[*?[]/.test(file);

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
    io.stderr.write(terminalSafe(`p13n report: cannot read ${missing}: no such file\n`));
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
      terminalSafe(
        `p13n report: cannot read ${options.files.join(', ')}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
      ),
    );
    return 1;
  }
  const reports = analyze(summary, { segments: options.segments });
  const source = options.files.join(', ');
  const allocation = options.allocate === null ? null : await allocateInto(options.allocate, reports, options, io);
  if (allocation && !allocation.ok) return 1;
  if (options.json) io.stdout.write(reportJson(source, summary, reports, allocation?.changes));
  else
    io.stdout.write(
      terminalSafe(formatReport(source, summary, reports) + (allocation ? `${allocation.lines.join('\n')}\n` : '')),
    );
  if (!options.json && !options.rows && !paths.includes('-'))
    io.stdout.write(terminalSafe(await bandsSection(paths, format, options.ga4)));
  const mismatched = reports.filter((report) => report.sampleRatio.mismatch);
  if (mismatched.length)
    io.stderr.write(
      terminalSafe(
        `p13n report: SAMPLE RATIO MISMATCH in ${mismatched.map((r) => safe(r.test)).join(', ')}: see the report\n`,
      ),
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
  let readable: Readable | null = null;
  try {
    if (format === 'ndjson') readable = await withoutLongLines(await expandGlobs(paths));
    const files = readable?.files ?? paths;
    let summary: Summary;
    if (options.ga4) {
      if (format === 'csv') throw new Error('GA4 rows are read from NDJSON or Parquet, not CSV');
      const ecommerce = format === 'ndjson' || (await fileColumns(files, format)).includes('ecommerce');
      summary = await runAggregation(
        ga4FilesQuery({ kind: 'files', files, format, ecommerce }, { segments: options.segments }),
      );
    } else {
      const columns = format === 'ndjson' ? [] : await fileColumns(files, format);
      summary = await runAggregation(beaconQuery(files, format, { segments: options.segments }, columns));
    }
    return readable?.tooLong ? withSkipped(summary, SKIP.tooLong, readable.tooLong) : summary;
  } catch (error) {
    if (!(error instanceof DuckDbUnavailable) || options.ga4 || format !== 'ndjson' || paths.some(isGlob)) throw error;
    io.stderr.write(`p13n report: ${error.message}; reading with the built-in reader instead (NDJSON only, slower)\n`);
    return aggregateFiles(paths, undefined, options.segments);
  } finally {
    readable?.dispose();
  }
}

const withSkipped = (summary: Summary, reason: string, n: number): Summary => ({
  ...summary,
  skipped: { ...summary.skipped, [reason]: (summary.skipped[reason] ?? 0) + n },
});
