/**
 * Dates in expressions, with Shopify's syntax: `last_order_date > -30d`, `date BETWEEN 2026-11-01 AND
 * 2026-11-30`, `first_visit_date = yesterday`. A date attribute holds a calendar day as 'YYYY-MM-DD'
 * text (in the store's time zone, see attributes/dates.ts), so comparing two days is comparing text.
 *
 * Values: an ISO day, bare or quoted (`2026-11-01`, `'2026-11-01'`); an offset from today (`-30d`,
 * `+2w`, `-8m`, `-1y`; Shopify's `30_days_ago` too); `today`, `yesterday`. Offsets and named days are
 * resolved against the `date` attribute at evaluation time: the clock stays outside the core. Months
 * and years keep the day of the month, clamped to the month's end (Mar 31 - 1m = Feb 28 or 29).
 */
import type { Attributes } from '../types.js';
import type { Ast, Literal } from './ast.js';
import { fail, own, type Attribute } from './resolve.js';

type DateTest = Extract<Ast, { kind: 'compare' | 'in' | 'between' | 'contains' | 'starts_with' }>;
type Predicate = (ev: { readonly attrs: Attributes }) => boolean;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
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

/** 'YYYY-MM-DD' of a UTC calendar day. */
const isoOf = (date: Date) => date.toISOString().slice(0, 10);

/** The day, if `text` is a real one (no 2026-02-30). */
export function isoDay(text: string): string | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return isoOf(date) === text ? text : null;
}

/** `day` moved by `n` days, weeks, months or years. */
export function shiftDay(day: string, n: number, unit: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (unit === 'd' || unit === 'w') return isoOf(new Date(Date.UTC(y, m - 1, d + n * (unit === 'w' ? 7 : 1))));
  const months = m - 1 + n * (unit === 'y' ? 12 : 1);
  const lastDay = new Date(Date.UTC(y, months + 1, 0)).getUTCDate();
  return isoOf(new Date(Date.UTC(y, months, Math.min(d, lastDay))));
}

/** A literal → the day it stands for, given today ('YYYY-MM-DD'); null when today is unknown. */
type Day = (today: unknown) => string | null;

function dayOf(literal: Literal, expression: string, name: string): Day {
  const { value } = literal;
  const raw = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const word = dateWordAt(raw, 0);
  const text = word && word.length === raw.length ? word.value : raw; // quoted '-30d' or '30_days_ago'
  const fixed = isoDay(text);
  if (fixed) return () => fixed;
  const valid = (today: unknown): today is string => typeof today === 'string' && isoDay(today) !== null;
  if (text === 'today') return (today) => (valid(today) ? today : null);
  if (text === 'yesterday') return (today) => (valid(today) ? shiftDay(today, -1, 'd') : null);
  const offset = OFFSET.exec(text);
  if (offset) {
    const n = (offset[1] === '-' ? -1 : 1) * Number(offset[2]);
    const unit = offset[3]!;
    return (today) => (valid(today) ? shiftDay(today, n, unit) : null);
  }
  const shown = expression.slice(literal.offset, literal.offset + literal.length);
  const hint =
    typeof value === 'number'
      ? `Write days as an offset, e.g. ${name} > -${Math.abs(value)}d (after ${Math.abs(value)} days ago)`
      : `Write a day as YYYY-MM-DD (e.g. 2026-11-01), an offset (-30d, -4w, -8m, -1y), today or yesterday`;
  return fail('type', expression, literal, `${shown} is not a date, but ${name} is a date`, hint);
}

const ORDER: Readonly<Record<string, (a: string, b: string) => boolean>> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

const isDay = (v: unknown): v is string => typeof v === 'string' && v.length === 10;

/** Compiles a test on a date attribute. Missing values (the attribute, or today for an offset) are false. */
export function compileDateTest(ast: DateTest, target: Attribute, expression: string): Predicate {
  const { key } = target;
  const name = ast.attribute.name;
  const test =
    (check: (v: string, today: unknown) => boolean): Predicate =>
    (ev) => {
      const v = own(ev.attrs, key);
      return isDay(v) && check(v, own(ev.attrs, 'date'));
    };
  switch (ast.kind) {
    case 'compare': {
      const day = dayOf(ast.value, expression, name);
      const ok = ORDER[ast.op]!;
      return test((v, today) => {
        const d = day(today);
        return d !== null && ok(v, d);
      });
    }
    case 'between': {
      const low = dayOf(ast.low, expression, name);
      const high = dayOf(ast.high, expression, name);
      const negated = ast.negated;
      return test((v, today) => {
        const a = low(today);
        const b = high(today);
        return a !== null && b !== null && (v >= a && v <= b) !== negated;
      });
    }
    case 'in': {
      const days = ast.values.map((value) => dayOf(value, expression, name));
      const negated = ast.negated;
      return test((v, today) => {
        const resolved = days.map((day) => day(today));
        return !resolved.includes(null) && resolved.includes(v) !== negated;
      });
    }
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
