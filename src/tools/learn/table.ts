/**
 * The training table in memory, column by column (a million rows as objects would not fit): the
 * label, the time, and each feature as the shopper's script would hold it. Every input (a feature
 * table, beacon page views, GA4 rows, BigQuery's result) arrives here as named columns from DuckDB and
 * is coerced the same way, by the attribute registry, so the model sees in training what `score()`
 * sees in the browser: numbers as numbers, booleans as `true`/`false`, hours as `14`, text in lower case.
 */
import { attributeSpec } from '../../core/attributes/registry.js';
import { featureKind, NAMESPACE_KEY } from '../../core/model/features.js';
import type { Read } from '../../core/model/types.js';

export interface Table {
  readonly n: number;
  /** Milliseconds since the epoch; NaN when the input says no time. */
  readonly ts: Float64Array;
  /** 1: converted (a purchase later in the visit, or within the horizon). */
  readonly y: Uint8Array;
  /** Number features and namespace keys (`interest.running`); NaN is missing (never for a namespace key: 0). */
  readonly numbers: ReadonlyMap<string, Float64Array>;
  /** Level features, as lower-case text; null is missing. */
  readonly levels: ReadonlyMap<string, ReadonlyArray<string | null>>;
}

export interface TableNotes {
  /** Columns that are not features a model may read (besides the label and the time). */
  readonly ignored: string[];
  /** Rows left out because `converted` was neither 0 nor 1. */
  unlabelled: number;
  /** Per attribute with a closed set of values: values outside it (they never occur in a browser). */
  readonly foreign: Map<string, Set<string>>;
}

/** Columns that give the row's time, by preference. */
export const TIME_COLUMNS = ['ts', 'timestamp', 'time', 'date'];
export const LABEL_COLUMN = 'converted';
/** Namespace keys kept from JSON columns: the learner uses at most 20 per namespace; the rest are noise. */
const MAX_KEYS_READ = 200;

const finite = (value: unknown): number => {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  if (value instanceof Date) return value.getTime();
  return Number.NaN;
};

/** A level's text, as `score()` derives it from the browser's value; null when missing. */
export function levelOf(name: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const type = attributeSpec(name)?.type;
  if (type === 'boolean') {
    const text = String(value).trim().toLowerCase();
    if (['true', '1', 'yes', 't'].includes(text)) return 'true';
    if (['false', '0', 'no', 'f'].includes(text)) return 'false';
    return null;
  }
  if (type === 'number') {
    const n = finite(value);
    return Number.isFinite(n) ? String(n) : null;
  }
  const text = String(value).trim();
  return text === '' ? null : text.toLowerCase();
}

/** A time in milliseconds: epoch seconds, milliseconds or microseconds (GA4's), or a date text. */
export function timeOf(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'object' && value !== null && 'micros' in value)
    return Number((value as { micros: bigint }).micros) / 1000;
  const n = finite(value);
  if (Number.isFinite(n)) return n > 1e14 ? n / 1000 : n > 1e11 ? n : n * 1000;
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

/** `{"running": 2}`, `[{"k": "running", "n": 2}]` (BigQuery's TO_JSON_STRING) or `[{"key", "value"}]`. */
function countsOf(value: unknown): Array<[string, number]> {
  let json = value;
  if (typeof value === 'string') {
    if (value.trim() === '') return [];
    try {
      json = JSON.parse(value);
    } catch {
      return [];
    }
  }
  const out: Array<[string, number]> = [];
  const add = (key: unknown, n: unknown) => {
    const count = finite(n);
    const name = String(key).toLowerCase();
    if (Number.isFinite(count) && count > 0 && NAMESPACE_KEY.test(name)) out.push([name, count]);
  };
  if (Array.isArray(json)) {
    for (const item of json)
      if (item && typeof item === 'object') {
        const entry = item as Record<string, unknown>;
        add(entry.k ?? entry.key, entry.n ?? entry.value);
      }
  } else if (json && typeof json === 'object') for (const [key, n] of Object.entries(json)) add(key, n);
  return out;
}

export function tableFromColumns(
  names: readonly string[],
  columns: readonly (readonly unknown[])[],
): {
  table: Table;
  notes: TableNotes;
} {
  const notes: TableNotes = { ignored: [], unlabelled: 0, foreign: new Map() };
  const column = (name: string) => {
    const i = names.indexOf(name);
    return i < 0 ? null : columns[i]!;
  };
  const label = column(LABEL_COLUMN);
  if (!label) throw new Error(`the input has no "${LABEL_COLUMN}" column (1 for a row that led to a purchase, else 0)`);
  const timeName = TIME_COLUMNS.find((name) => names.includes(name));
  const time = timeName ? column(timeName)! : null;

  // Rows with a usable label, in input order.
  const keep: number[] = [];
  for (let i = 0; i < label.length; i++) {
    const y = levelOf('logged_in', label[i]); // 0/1/true/false, read as a boolean
    if (y === null) notes.unlabelled++;
    else keep.push(i);
  }
  const n = keep.length;
  const ts = new Float64Array(n);
  const y = new Uint8Array(n);
  keep.forEach((row, i) => {
    ts[i] = time ? timeOf(time[row]) : Number.NaN;
    y[i] = levelOf('logged_in', label[row]) === 'true' ? 1 : 0;
  });

  const numbers = new Map<string, Float64Array>();
  const levels = new Map<string, Array<string | null>>();
  names.forEach((name, c) => {
    if (name === LABEL_COLUMN || name === timeName) return;
    const values = columns[c]!;
    if (name === 'interest' || name === 'events') return namespaceColumns(name, values, keep, numbers);
    const kind = featureKind(name);
    if (kind === 'number') {
      const out = new Float64Array(n);
      const namespaced = name.includes('.');
      keep.forEach((row, i) => {
        const x = finite(values[row]);
        out[i] = Number.isFinite(x) ? x : namespaced ? 0 : Number.NaN;
      });
      numbers.set(name, out);
    } else if (kind === 'level') {
      const closed = attributeSpec(name)?.values?.map((v) => v.toLowerCase());
      // A column holds few distinct values: each is coerced once.
      const seen = new Map<unknown, string | null>();
      const out = keep.map((row) => {
        const raw = values[row];
        let level = seen.get(raw);
        if (level === undefined) seen.set(raw, (level = levelOf(name, raw)));
        return level;
      });
      if (closed)
        for (const value of out)
          if (value !== null && !closed.includes(value)) {
            const set = notes.foreign.get(name) ?? new Set();
            notes.foreign.set(name, set.add(value));
          }
      levels.set(name, out);
    } else notes.ignored.push(name);
  });
  return { table: { n, ts, y, numbers, levels }, notes };
}

/** `interest` / `events` as JSON maps: one number column per key seen (0 where absent). */
function namespaceColumns(
  namespace: string,
  values: readonly unknown[],
  keep: readonly number[],
  numbers: Map<string, Float64Array>,
): void {
  // Most rows repeat a map seen before ({} above all): each text is parsed once.
  const seen = new Map<unknown, Array<[string, number]>>();
  const parsed = keep.map((row) => {
    const raw = values[row];
    let counts = seen.get(raw);
    if (counts === undefined) {
      counts = countsOf(raw);
      if (seen.size < 100_000) seen.set(raw, counts);
    }
    return counts;
  });
  const frequency = new Map<string, number>();
  for (const counts of parsed) for (const [key] of counts) frequency.set(key, (frequency.get(key) ?? 0) + 1);
  const keys = [...frequency]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_KEYS_READ)
    .map(([key]) => key);
  for (const key of keys)
    if (!numbers.has(`${namespace}.${key}`)) numbers.set(`${namespace}.${key}`, new Float64Array(keep.length));
  parsed.forEach((counts, i) => {
    for (const [key, count] of counts) {
      const column = numbers.get(`${namespace}.${key}`);
      if (column) column[i] = count;
    }
  });
}

/** How a model reads row `i`: as the browser's attributes (a namespace key the table lacks reads 0). */
export const readerAt =
  (table: Table, i: number): Read =>
  (name) => {
    const number = table.numbers.get(name);
    if (number) {
      const x = number[i]!;
      return x === x ? x : null;
    }
    const level = table.levels.get(name);
    if (level) return level[i] ?? null;
    return name.includes('.') ? 0 : null;
  };

/** The rows at `indices`, as a table of their own (a split). */
export function subset(table: Table, indices: ArrayLike<number>): Table {
  const n = indices.length;
  const numbers = (values: Float64Array) => {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = values[indices[k]!]!;
    return out;
  };
  const y = new Uint8Array(n);
  for (let k = 0; k < n; k++) y[k] = table.y[indices[k]!]!;
  return {
    n,
    ts: numbers(table.ts),
    y,
    numbers: new Map([...table.numbers].map(([name, values]) => [name, numbers(values)])),
    levels: new Map(
      [...table.levels].map(([name, values]) => {
        const out = new Array<string | null>(n);
        for (let k = 0; k < n; k++) out[k] = values[indices[k]!]!;
        return [name, out];
      }),
    ),
  };
}
