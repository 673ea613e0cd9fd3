/** The whole query for a source and a dialect: the source's relations, then the shared aggregation. */
import { aggregationSql } from './aggregate.js';
import { bigquery, duckdb } from './dialect.js';
import { beaconSource, ga4Source, type FileFormat, type Ga4Input } from './sources.js';

export interface QueryOptions {
  /** Segment slices (false: `--no-segments`, only the whole test). */
  readonly segments?: boolean;
}

/** Statements to run in order; the last one returns the rows. */
export type Statements = readonly string[];

/** `columns`: the files' column names, for CSV and Parquet (fields they lack are read as NULL). */
export function beaconQuery(
  files: readonly string[],
  format: FileFormat,
  options: QueryOptions = {},
  columns: readonly string[] = [],
): Statements {
  const query = `WITH ${beaconSource(files, format, columns)}\n${aggregationSql(duckdb, { segments: options.segments ?? true })}`;
  return [query];
}

/** GA4 export rows in files, in DuckDB. */
export function ga4FilesQuery(input: Extract<Ga4Input, { kind: 'files' }>, options: QueryOptions = {}): Statements {
  const query = `WITH ${ga4Source(duckdb, input)}\n${aggregationSql(duckdb, { segments: options.segments ?? true })}`;
  return [query];
}

/** The same aggregation as one BigQuery query over the dataset's `events_*` tables. */
export function ga4BigQuery(input: Extract<Ga4Input, { kind: 'bigquery' }>, options: QueryOptions = {}): string {
  return `WITH ${ga4Source(bigquery, input)}\n${aggregationSql(bigquery, { segments: options.segments ?? true })}`;
}
