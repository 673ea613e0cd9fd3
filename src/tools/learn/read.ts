/**
 * Every input of `p13n learn` through DuckDB, the report's engine (report/duckdb.ts), into one
 * training table (table.ts):
 * - `table`: a feature table, CSV or Parquet (columns: attribute names, `converted`, optionally `ts`);
 * - `rows`: the result of the `--ga4-sql` query (bq query --format=json, or NDJSON);
 * - `beacon`: the records your endpoint received (NDJSON, CSV or Parquet), page views labelled by orders;
 * - `ga4`: GA4's BigQuery export rows (NDJSON or Parquet), built into the same table by the same query
 *   `--ga4-sql` prints for BigQuery.
 * Only what the owner exported is read, and nothing of it leaves the machine.
 */
import { fileColumns, queryColumns } from '../report/duckdb.js';
import type { FileFormat } from '../report/sql/sources.js';
import { beaconTrainingSql } from './sql/beacon.js';
import { ga4TrainingSql, type Ga4Options } from './sql/ga4.js';
import type { Horizon } from './sql/horizon.js';
import { tableFromColumns, type Table, type TableNotes } from './table.js';

export type Input =
  | { readonly kind: 'table' | 'rows'; readonly files: readonly string[] }
  | { readonly kind: 'beacon'; readonly files: readonly string[]; readonly format: FileFormat }
  | { readonly kind: 'ga4'; readonly files: readonly string[]; readonly format: 'ndjson' | 'parquet' };

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const list = (files: readonly string[]) => `[${files.map(quote).join(', ')}]`;

export const formatOf = (file: string): FileFormat =>
  /\.parquet$/i.test(file) ? 'parquet' : /\.(csv|tsv)(\.gz)?$/i.test(file) ? 'csv' : 'ndjson';

/** A feature table as text, every column as written (the coercion is table.ts's, as for every input). */
export function tableSql(files: readonly string[]): string {
  return formatOf(files[0]!) === 'parquet'
    ? `SELECT * FROM read_parquet(${list(files)}, union_by_name = true)`
    : `SELECT * FROM read_csv(${list(files)}, header = true, all_varchar = true, union_by_name = true)`;
}

export async function readInput(
  input: Input,
  horizon: Horizon,
  ga4: Omit<Ga4Options, 'horizon'> = {},
): Promise<{ table: Table; notes: TableNotes }> {
  let sql: string;
  switch (input.kind) {
    case 'table':
      sql = tableSql(input.files);
      break;
    case 'rows':
      sql = `SELECT * FROM read_json(${list(input.files)}, format = 'auto', union_by_name = true)`;
      break;
    case 'beacon': {
      const columns = input.format === 'ndjson' ? [] : await fileColumns(input.files, input.format);
      sql = beaconTrainingSql(input.files, input.format, horizon, columns);
      break;
    }
    case 'ga4': {
      const columns = input.format === 'parquet' ? await fileColumns(input.files, 'parquet') : undefined;
      sql = ga4TrainingSql({ kind: 'files', files: input.files, format: input.format, columns }, { ...ga4, horizon });
      break;
    }
  }
  const { names, columns } = await queryColumns([sql]);
  return tableFromColumns(names, columns);
}
