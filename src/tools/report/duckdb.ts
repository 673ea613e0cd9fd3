/**
 * Runs the aggregation query in embedded DuckDB (`@duckdb/node-api`, whose binary comes with the npm
 * package). Loaded on demand: the rest of the CLI works without it, and when it cannot load the
 * report says so and falls back to the TypeScript reader (NDJSON only).
 */
import { tmpdir } from 'node:os';
import { summaryFromRows, type Row } from './rows.js';
import type { Summary } from './summary.js';

type Connection = {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{
    getRowObjects(): Record<string, unknown>[];
    columnNames(): string[];
    getColumnsJS(): unknown[][];
  }>;
};

export class DuckDbUnavailable extends Error {}

let connection: Promise<Connection> | null = null;

async function connect(): Promise<Connection> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch (error) {
    throw new DuckDbUnavailable(
      `DuckDB (@duckdb/node-api) could not load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  // Spill to the system's temp directory, never into the store owner's working directory.
  const instance = await api.DuckDBInstance.create(':memory:', { temp_directory: tmpdir() });
  return (await instance.connect()) as unknown as Connection;
}

/** Rows of the last statement, as plain objects (BIGINT as number: counts here stay far below 2^53). */
export async function query(statements: string | readonly string[]): Promise<Record<string, unknown>[]> {
  const list = typeof statements === 'string' ? [statements] : statements;
  connection ??= connect();
  let db: Connection;
  try {
    db = await connection;
  } catch (error) {
    connection = null;
    throw error;
  }
  for (const sql of list.slice(0, -1)) await db.run(sql);
  const result = await db.runAndReadAll(list[list.length - 1]!);
  return result.getRowObjects().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) out[key] = typeof value === 'bigint' ? Number(value) : value;
    return out;
  });
}

/** The last statement's result by column (what `p13n learn` reads: a million rows as objects would not fit). */
export async function queryColumns(statements: readonly string[]): Promise<{ names: string[]; columns: unknown[][] }> {
  connection ??= connect();
  const db = await connection.catch((error: unknown) => {
    connection = null;
    throw error;
  });
  for (const sql of statements.slice(0, -1)) await db.run(sql);
  const result = await db.runAndReadAll(statements[statements.length - 1]!);
  const names = result.columnNames();
  const columns = result.getColumnsJS();
  return { names, columns: columns.length ? columns : names.map(() => []) }; // no rows: no chunks either
}

export async function runAggregation(statements: readonly string[]): Promise<Summary> {
  return summaryFromRows((await query(statements)) as Row[]);
}

/** Column names of a CSV or Parquet file set (GA4's `ecommerce` record may be absent; a beacon field too). */
export async function fileColumns(files: readonly string[], format: 'csv' | 'parquet'): Promise<string[]> {
  const list = `[${files.map((f) => `'${f.replace(/'/g, "''")}'`).join(', ')}]`;
  return (await query(`DESCRIBE SELECT * FROM read_${format}(${list}, union_by_name = true)`)).map((row) =>
    String(row.column_name),
  );
}

/** The files a list with globs names (DuckDB's own glob(), as read_ndjson would expand it), in order. */
export async function expandGlobs(files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    if (!/[*?[]/.test(file)) out.push(file);
    else
      out.push(
        ...(await query(`SELECT file FROM glob('${file.replace(/'/g, "''")}') ORDER BY file`)).map((row) =>
          String(row.file),
        ),
      );
  }
  return out;
}
