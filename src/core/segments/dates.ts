/**
 * Dates in expressions, with Shopify's syntax: `last_order_date > -30d`, `date BETWEEN 2026-11-01 AND
 * 2026-11-30`, `first_visit_date = yesterday`. A date attribute holds a calendar day as 'YYYY-MM-DD'
 * text (in the store's time zone, see attributes/dates.ts), so comparing two days is comparing text.
 *
 * Values: an ISO day, bare or quoted (`2026-11-01`, `'2026-11-01'`); an offset from today (`-30d`,
 * `+2w`, `-8m`, `-1y`; Shopify's `30_days_ago` too); `today`, `yesterday`. Each becomes a day spec of
 * the expression form (core/program/days.ts): an ISO day, or an offset resolved against the `date`
 * attribute at evaluation time, so the clock stays outside the core.
 */
import type { Ast, Literal } from './ast.js';
import { fail } from './resolve.js';
import { isoDay } from '../program/days.js';
import type { Expr } from '../program/expr.js';

export { isoDay, shiftDay } from '../program/days.js';

type DateTest = Extract<Ast, { kind: 'compare' | 'in' | 'between' | 'contains' | 'starts_with' }>;

const OFFSET = /^([+-])(\d{1,5})([dwmy])$/;
/** Where the lexer meets a date word: an ISO day, an offset, or Shopify's `7_days_ago`. */
const DATE_WORD = /(?:\d{4}-\d{2}-\d{2}|[+-]\d{1,5}[dwmy]|\d{1,5}_(?:day|week|month|year)s?_ago)(?![A-Za-z0-9_])/y;

/** The date word at `at`, normalised (`7_days_ago` → `-7d`), and how many characters it spans. */
export function dateWordAt(expression: string, at: number): { value: string; length: number } | null {
  DATE_WORD.lastIndex = at;
  const match = DATE_WORD.exec(expression);
  if (!match) return null;
  const word = match[0];
  const ago = /^(\d+)_(\w)/.exec(word);
  return { value: ago ? `-${ago[1]}${ago[2]}` : word, length: word.length };
}

/** A literal → its day spec: an ISO day, or an offset from today (`today` is `+0d`). */
function dayOf(literal: Literal, expression: string, name: string): string {
  const { value } = literal;
  const raw = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const word = dateWordAt(raw, 0);
  const text = word && word.length === raw.length ? word.value : raw; // quoted '-30d' or '30_days_ago'
  if (isoDay(text)) return text;
  if (text === 'today') return '+0d';
  if (text === 'yesterday') return '-1d';
  const offset = OFFSET.exec(text);
  if (offset) return `${offset[1]}${Number(offset[2])}${offset[3]}`;
  const shown = expression.slice(literal.offset, literal.offset + literal.length);
  const hint =
    typeof value === 'number'
      ? `Write days as an offset, e.g. ${name} > -${Math.abs(value)}d (after ${Math.abs(value)} days ago)`
      : `Write a day as YYYY-MM-DD (e.g. 2026-11-01), an offset (-30d, -4w, -8m, -1y), today or yesterday`;
  return fail('type', expression, literal, `${shown} is not a date, but ${name} is a date`, hint);
}

/** The expression form of a test on a date attribute. Missing values (the attribute, or today for an offset) are false. */
export function lowerDateTest(ast: DateTest, path: string, expression: string): Expr {
  const name = ast.attribute.name;
  switch (ast.kind) {
    case 'compare':
      return ['d', path, ast.op, dayOf(ast.value, expression, name)];
    case 'between':
      return ['dbtw', path, dayOf(ast.low, expression, name), dayOf(ast.high, expression, name), ast.negated];
    case 'in':
      return ['din', path, ast.values.map((value) => dayOf(value, expression, name)), ast.negated];
    default: {
      const words = expression.slice(ast.operator.offset, ast.operator.offset + ast.operator.length);
      return fail(
        'type',
        expression,
        ast.operator,
        `'${words}' does not work on ${name}, which is a date`,
        `Compare it, e.g. ${name} > -30d or ${name} BETWEEN 2026-11-01 AND 2026-11-30`,
      );
    }
  }
}
