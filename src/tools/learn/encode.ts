/**
 * From the training rows to the regression's columns, decided on the training part only:
 * - a number becomes ln(1 + max(0, x)), standardized for fitting (so one penalty fits all), with a
 *   column that is 1 where the value is missing (only where training saw it missing);
 * - a value from a set becomes one column per level seen in at least `minRows` rows (at most 40, the
 *   most frequent), one for every other level, one for missing. Rarer values fall into "other", so no
 *   value that could single out a few visitors ever reaches the model;
 * - `interest.*` and `events.*`: the 20 keys per namespace seen most often (in `minRows` rows or more).
 * A feature that does not vary is left out. `toModel()` (logistic.ts) folds the standardization back
 * into the weights, so the browser computes only `l × ln(1 + x)`.
 */
import { LEVEL_FEATURES, NUMBER_FEATURES } from '../../core/model/features.js';
import type { Table } from './table.js';

export interface NumberColumn {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
  /** Index of its missing column in the dense block, or -1. */
  readonly missing: number;
}

export interface LevelColumn {
  readonly name: string;
  readonly levels: readonly string[];
  /** Weight index of its first level; then `other`, then `missing`. */
  readonly offset: number;
}

export interface Encoding {
  /** Level features left out because another one determines them in this data: [left out, by]. */
  readonly redundant: ReadonlyArray<readonly [string, string]>;
  readonly numbers: readonly NumberColumn[];
  readonly levels: readonly LevelColumn[];
  /** Dense columns: each number, then the missing columns. */
  readonly dense: number;
  /** All weights but the intercept. */
  readonly width: number;
}

export interface EncodeOptions {
  /** Rows a level (or a namespace key) needs to get a weight of its own. */
  readonly minRows: number;
}

export const MAX_LEVELS = 40;
export const MAX_KEYS = 20;

const NUMBER_ORDER: readonly string[] = NUMBER_FEATURES;
const LEVEL_ORDER: readonly string[] = LEVEL_FEATURES;

export const log1p = (x: number) => Math.log1p(x > 0 ? x : 0);

export function fitEncoding(table: Table, { minRows }: EncodeOptions): Encoding {
  const numbers: Array<Omit<NumberColumn, 'missing'> & { hasMissing: boolean }> = [];
  const namespaced = new Map<string, Array<[string, number]>>();
  for (const [name, values] of table.numbers) {
    const dot = name.indexOf('.');
    if (dot > 0) {
      let nonzero = 0;
      for (const x of values) if (x > 0) nonzero++;
      if (nonzero >= minRows) {
        const list = namespaced.get(name.slice(0, dot)) ?? [];
        namespaced.set(name.slice(0, dot), [...list, [name, nonzero]]);
      }
      continue;
    }
    const stats = numberStats(values);
    if (stats.sd > 0 || (stats.missing >= minRows && stats.present >= minRows))
      numbers.push({ name, mean: stats.mean, sd: stats.sd || 1, hasMissing: stats.missing > 0 });
  }
  numbers.sort((a, b) => NUMBER_ORDER.indexOf(a.name) - NUMBER_ORDER.indexOf(b.name));
  for (const keys of namespaced.values()) {
    for (const [name] of keys.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_KEYS)) {
      const stats = numberStats(table.numbers.get(name)!);
      numbers.push({ name, mean: stats.mean, sd: stats.sd || 1, hasMissing: false });
    }
  }

  let dense = numbers.length;
  const numberColumns = numbers.map(({ hasMissing, ...column }) => ({ ...column, missing: hasMissing ? dense++ : -1 }));
  const levels: LevelColumn[] = [];
  let offset = dense;
  const levelNames = [...table.levels.keys()].sort((a, b) => LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b));
  const redundant = redundantLevels(table, levelNames);
  for (const name of levelNames) {
    if (redundant.some(([dropped]) => dropped === name)) continue;
    const counts = new Map<string | null, number>();
    for (const value of table.levels.get(name)!) counts.set(value, (counts.get(value) ?? 0) + 1);
    if (counts.size < 2) continue; // one value (or always missing): nothing to learn
    const kept = [...counts]
      // Markup or control characters are never a value the script reports: such a level stays "other".
      .filter(([value, count]) => value !== null && count >= minRows && !/[<>\u0000-\u001f]/.test(value))
      .sort((a, b) => b[1] - a[1] || (a[0]! < b[0]! ? -1 : 1))
      .slice(0, MAX_LEVELS)
      .map(([value]) => value as string);
    if (kept.length === 0) continue;
    levels.push({ name, levels: kept, offset });
    offset += kept.length + 2;
  }
  return { redundant, numbers: numberColumns, levels, dense, width: offset };
}

/**
 * A level feature that another one determines in this data (each channel comes with one referrer
 * type) adds nothing, and the penalty would split the effect between the two, halving both in the
 * words the owner reads: the coarser one is left out. "Determines": knowing the other leaves at most 1%
 * of the rows that guessing its most common value gets wrong still wrong.
 */
function redundantLevels(table: Table, names: readonly string[]): Array<[string, string]> {
  // Each feature's values as small integers, once (a pair of features is then one typed-array pass).
  const coded = new Map<string, { codes: Int32Array; size: number }>();
  for (const name of names) {
    const index = new Map<string | null, number>();
    const values = table.levels.get(name)!;
    const codes = new Int32Array(table.n);
    for (let i = 0; i < table.n; i++) {
      let code = index.get(values[i]!);
      if (code === undefined) index.set(values[i]!, (code = index.size));
      codes[i] = code;
    }
    coded.set(name, { codes, size: index.size });
  }
  const out: Array<[string, string]> = [];
  for (const by of names) {
    for (const name of names) {
      if (name === by || out.some(([dropped]) => dropped === name || dropped === by)) continue;
      const a = coded.get(by)!;
      const b = coded.get(name)!;
      if (b.size > a.size || b.size < 2 || a.size * b.size > 1_000_000) continue;
      const pairs = new Int32Array(a.size * b.size);
      const overall = new Int32Array(b.size);
      for (let i = 0; i < table.n; i++) {
        pairs[a.codes[i]! * b.size + b.codes[i]!]!++;
        overall[b.codes[i]!]!++;
      }
      let explained = 0;
      for (let x = 0; x < a.size; x++) {
        let most = 0;
        for (let v = 0; v < b.size; v++) most = Math.max(most, pairs[x * b.size + v]!);
        explained += most;
      }
      // Against guessing the most common value: a value that is almost always the same is no evidence.
      const guess = Math.max(...overall);
      if (guess < table.n && (explained - guess) / (table.n - guess) >= 0.99) out.push([name, by]);
    }
  }
  return out;
}
function numberStats(values: Float64Array) {
  let present = 0;
  let sum = 0;
  let squares = 0;
  for (const x of values) {
    if (x !== x) continue;
    const v = log1p(x);
    present++;
    sum += v;
    squares += v * v;
  }
  const mean = present ? sum / present : 0;
  const variance = present ? Math.max(0, squares / present - mean * mean) : 0;
  return { present, missing: values.length - present, mean, sd: Math.sqrt(variance) };
}

/** The rows as the fit reads them: a dense block (row-major) and, per level feature, each row's one column. */
export interface Design {
  readonly n: number;
  readonly dense: Float64Array;
  readonly codes: readonly Int32Array[];
}

export function design(table: Table, encoding: Encoding): Design {
  const { n } = table;
  const d = encoding.dense;
  const dense = new Float64Array(n * d);
  encoding.numbers.forEach((column, j) => {
    const values = table.numbers.get(column.name);
    for (let i = 0; i < n; i++) {
      const x = values ? values[i]! : column.name.includes('.') ? 0 : Number.NaN;
      if (x === x) dense[i * d + j] = (log1p(x) - column.mean) / column.sd;
      else if (column.missing >= 0) dense[i * d + column.missing] = 1;
    }
  });
  const codes = encoding.levels.map((column) => {
    const values = table.levels.get(column.name);
    const index = new Map(column.levels.map((level, k) => [level, column.offset + k]));
    const other = column.offset + column.levels.length;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const value = values ? values[i]! : null;
      out[i] = value === null ? other + 1 : (index.get(value) ?? other);
    }
    return out;
  });
  return { n, dense, codes };
}
