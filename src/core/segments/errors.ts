/**
 * Errors of the expression language: each names the offending span of the expression (0-based offset and
 * length, shown 1-based as a column) and, where one helps, a hint — a fix the store owner can copy.
 */

export type ExpressionErrorCode =
  | 'syntax'
  | 'unknown-attribute'
  | 'unknown-value'
  | 'type'
  | 'unknown-segment'
  | 'cycle'
  | 'broken-dependency'
  | 'bad-name'
  /** A work limit of ../limits.ts: the message names it. */
  | 'limit';

export interface ExpressionErrorInit {
  readonly code: ExpressionErrorCode;
  readonly detail: string;
  readonly expression: string;
  readonly offset: number;
  readonly length: number;
  readonly hint?: string | undefined;
  readonly segment?: string | undefined;
  /** broken-dependency: [the segment used, the broken one at the root]; cycle: its members. */
  readonly related?: readonly string[] | undefined;
  /** The segment whose problem this one repeats (a member of its cycle, a user of it): reported there, once. */
  readonly sameAs?: string | undefined;
}

export class ExpressionError extends Error {
  readonly code: ExpressionErrorCode;
  /** What is wrong, without the position: "Unknown attribute 'vists'". */
  readonly detail: string;
  readonly expression: string;
  /** 0-based start of the offending span. */
  readonly offset: number;
  readonly length: number;
  /** A fix, as a sentence: "Did you mean 'visits'?". */
  readonly hint?: string;
  /** The segment whose expression this is, when known. */
  readonly segment?: string;
  /** broken-dependency: [the segment used, the broken one at the root]; cycle: its members in order. */
  readonly related?: readonly string[];
  readonly sameAs?: string;

  constructor(init: ExpressionErrorInit) {
    // A dependency's column would read as the column of the other segment's mistake: the caret shows where it is used.
    const at = init.code === 'broken-dependency' ? '' : ` at column ${init.offset + 1}`;
    super(`${init.detail}${at}${init.hint ? `. ${init.hint}` : ''}`);
    this.name = 'ExpressionError';
    this.code = init.code;
    this.detail = init.detail;
    this.expression = init.expression;
    this.offset = init.offset;
    this.length = init.length;
    if (init.hint) this.hint = init.hint;
    if (init.segment !== undefined) this.segment = init.segment;
    if (init.related !== undefined) this.related = init.related;
    if (init.sameAs !== undefined) this.sameAs = init.sameAs;
  }
}

/** The same error, tagged with the segment it belongs to. */
export function inSegment(error: ExpressionError, segment: string): ExpressionError {
  const { code, detail, expression, offset, length, hint, related, sameAs } = error;
  return new ExpressionError({ code, detail, expression, offset, length, hint, segment, related, sameAs });
}

/**
 * Three lines: the expression, carets under the offending span, the message. Line breaks and tabs in
 * the expression are shown as spaces so the carets stay aligned.
 */
export function formatExpressionError(error: ExpressionError): string {
  const line = error.expression.replace(/[\r\n\t]/g, ' ');
  const offset = Math.max(0, Math.min(error.offset, line.length));
  const carets = '^'.repeat(Math.max(1, Math.min(error.length, line.length - offset)));
  return `${line}\n${' '.repeat(offset)}${carets}\n${error.message}`;
}

/** Words (and candidates) longer than this get no hint: nobody typos a 64-character name. */
export const MAX_HINT_LENGTH = 64;

/**
 * What "Did you mean" may spend, in distance-table cells, for one config (shared by its lookups): a
 * config with a thousand typos gets hints for the first ones and plain errors for the rest, never
 * a frozen page. A lookup among 500 segment names of 20 letters costs ~0.2 M.
 */
export interface HintBudget {
  cells: number;
}
export const HINT_BUDGET_CELLS = 300_000;
export const hintBudget = (): HintBudget => ({ cells: HINT_BUDGET_CELLS });

/**
 * The candidate closest to `word` (case-insensitive), for "Did you mean …?" hints: within a
 * Damerau-Levenshtein distance of max(1, ⌊length / 3⌋) — one typo per three letters — or a prefix of it
 * (`days_since` → `days_since_last_visit`). Ties go to the earlier candidate. Bounded: long words and
 * candidates are skipped, a candidate whose length alone is too far costs nothing, a distance stops
 * as soon as it exceeds the limit, and `budget` (when given) caps the total.
 */
export function nearest(word: string, candidates: Iterable<string>, budget?: HintBudget): string | undefined {
  if (word.length > MAX_HINT_LENGTH || (budget && budget.cells <= 0)) return undefined;
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    if (candidate.length > MAX_HINT_LENGTH) continue;
    const c = candidate.toLowerCase();
    let score = Infinity;
    if (Math.abs(c.length - w.length) <= limit) {
      if (budget && (budget.cells -= w.length * c.length) < 0) break;
      const distance = damerauLevenshtein(w, c, limit);
      if (distance <= limit) score = distance;
    }
    // A prefix either way, from three letters on; ranked after every real near-miss (its distance is
    // the difference in length).
    if (score === Infinity && w.length >= 3 && (c.startsWith(w) || w.startsWith(c)))
      score = limit + 1 + Math.abs(c.length - w.length) / 1000;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

const ROW = MAX_HINT_LENGTH + 1;
const ROWS = [new Int32Array(ROW), new Int32Array(ROW), new Int32Array(ROW)] as const;

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. With
 * `bound`, stops once every entry of a row exceeds it (the distance can only grow) and returns bound + 1.
 */
export function damerauLevenshtein(a: string, b: string, bound = Infinity): number {
  if (a === b) return 0;
  const width = b.length + 1;
  // Three rolling rows: two rows back is needed for transpositions. Reused for hint-sized words.
  const reuse = width <= ROW;
  let before = reuse ? ROWS[0] : new Int32Array(width);
  let previous = reuse ? ROWS[1] : new Int32Array(width);
  let current = reuse ? ROWS[2] : new Int32Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > bound) return bound + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}
