/**
 * `--model MODEL.json --score TABLE.csv`: the table as it was, each row with a `predicted_purchase`
 * column computed by `score()`, the evaluator the shopper's script runs. The table's values are read as
 * text and coerced exactly as training coerces them (table.ts), so a row scores here as the same
 * visitor scores in a browser.
 */
import { score } from '../../core/model/score.js';
import type { Model } from '../../core/model/types.js';
import { queryColumns } from '../report/duckdb.js';
import { tableSql } from './read.js';
import { LABEL_COLUMN, readerAt, tableFromColumns } from './table.js';

/** A CSV field: quoted when it must be; control characters never reach the terminal. */
const field = (value: unknown): string => {
  const text =
    value === null || value === undefined
      ? ''
      : String(value).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export async function scoreTable(
  model: Model,
  files: readonly string[],
  write: (text: string) => void,
): Promise<number> {
  const { names, columns } = await queryColumns([tableSql(files)]);
  const rows = columns[0]?.length ?? 0;
  // Every row is scored: the label, if any, is not the model's business here.
  const others = names
    .map((name, i) => (name === LABEL_COLUMN ? null : ([name, columns[i]!] as const)))
    .filter((c) => c !== null);
  const { table } = tableFromColumns(
    [...others.map(([name]) => name), LABEL_COLUMN],
    [...others.map(([, values]) => values), new Array(rows).fill(0)],
  );
  const out = names.includes('predicted_purchase')
    ? names.map((n) => (n === 'predicted_purchase' ? 'predicted_purchase_input' : n))
    : names;
  let text = `${[...out, 'predicted_purchase'].map(field).join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    text += `${[...columns.map((values) => values[i]), score(model, readerAt(table, i))].map(field).join(',')}\n`;
    if (text.length > 1 << 20) write(text), (text = '');
  }
  write(text);
  return rows;
}
