/**
 * The few places where DuckDB's SQL and BigQuery's (GoogleSQL) differ, as small functions, so one
 * query builder writes both and the two cannot drift apart (test/unit/tools/report/ga4.test.ts runs the
 * DuckDB form; the BigQuery form is the same text through the other dialect).
 */
export interface Dialect {
  readonly name: 'duckdb' | 'bigquery';
  readonly double: string;
  readonly text: string;
  /** `expr` of the row with the smallest `order` (a list of expressions, compared in turn). */
  firstBy(expr: string, order: readonly string[]): string;
  /** `expr` of the row with the largest `order`. */
  lastBy(expr: string, order: readonly string[]): string;
  struct(fields: Readonly<Record<string, string>>): string;
  countIf(condition: string): string;
  /** A FROM-clause item that joins each row with the elements of its array column `list`, named `as`. */
  unnestJoin(list: string, as: string): string;
  /** The non-empty pieces of `text` between commas, as an array. */
  splitList(text: string): string;
  /** A value of an event parameter of a GA4 export row: `string` (any type as text) or `number`. */
  ga4Param(key: string, as: 'string' | 'number'): string;
  /** An empty array of text. */
  readonly emptyList: string;
}

const order = (keys: readonly string[], direction = '') => keys.map((k) => `${k}${direction}`).join(', ');

export const duckdb: Dialect = {
  name: 'duckdb',
  double: 'DOUBLE',
  text: 'VARCHAR',
  // A struct as the key compares field by field: ties on the first are broken by the next.
  firstBy: (expr, keys) => `arg_min(${expr}, ${keys.length === 1 ? keys[0] : `(${keys.join(', ')})`})`,
  lastBy: (expr, keys) => `arg_max(${expr}, ${keys.length === 1 ? keys[0] : `(${keys.join(', ')})`})`,
  struct: (fields) =>
    `struct_pack(${Object.entries(fields)
      .map(([name, value]) => `${name} := ${value}`)
      .join(', ')})`,
  countIf: (condition) => `count_if(${condition})`,
  unnestJoin: (list, as) => `CROSS JOIN UNNEST(${list}) AS u_${as}(${as})`,
  splitList: (text) => `list_filter(string_split(${text}, ','), x -> x <> '')`,
  ga4Param: (key, as) => {
    const value = `list_extract(list_filter(event_params, p -> p.key = '${key}'), 1).value`;
    return as === 'number'
      ? `COALESCE(${value}.double_value, ${value}.float_value, CAST(${value}.int_value AS DOUBLE), TRY_CAST(${value}.string_value AS DOUBLE))`
      : `COALESCE(${value}.string_value, CAST(${value}.int_value AS VARCHAR), CAST(${value}.double_value AS VARCHAR), CAST(${value}.float_value AS VARCHAR))`;
  },
  emptyList: `CAST([] AS VARCHAR[])`,
};

export const bigquery: Dialect = {
  name: 'bigquery',
  double: 'FLOAT64',
  text: 'STRING',
  firstBy: (expr, keys) => `ARRAY_AGG(${expr} ORDER BY ${order(keys)} LIMIT 1)[OFFSET(0)]`,
  lastBy: (expr, keys) => `ARRAY_AGG(${expr} ORDER BY ${order(keys, ' DESC')} LIMIT 1)[OFFSET(0)]`,
  struct: (fields) =>
    `STRUCT(${Object.entries(fields)
      .map(([name, value]) => `${value} AS ${name}`)
      .join(', ')})`,
  countIf: (condition) => `COUNTIF(${condition})`,
  unnestJoin: (list, as) => `CROSS JOIN UNNEST(${list}) AS ${as}`,
  splitList: (text) => `ARRAY(SELECT x FROM UNNEST(SPLIT(${text}, ',')) AS x WHERE x <> '')`,
  ga4Param: (key, as) => {
    const pick = (expr: string) => `(SELECT ${expr} FROM UNNEST(event_params) WHERE key = '${key}')`;
    return as === 'number'
      ? pick(
          'COALESCE(value.double_value, value.float_value, CAST(value.int_value AS FLOAT64), SAFE_CAST(value.string_value AS FLOAT64))',
        )
      : pick(
          'COALESCE(value.string_value, CAST(value.int_value AS STRING), CAST(value.double_value AS STRING), CAST(value.float_value AS STRING))',
        );
  },
  emptyList: `ARRAY<STRING>[]`,
};
