/**
 * An expression as the decision program carries it: pre-parsed and type-checked plain JSON, so no
 * lexer, parser or validator reaches a shopper's page. `segments/lower.ts` turns the owner's text into
 * this form (and says what is wrong with it); this module turns the form into a predicate. Everything
 * that decides (the inline decider in the page's <head>, the full script, the studio's simulator) runs
 * this one compiler, so an expression means the same everywhere.
 *
 * The forms, where `a` is an attribute path (`visits`, or `interest.running` below a namespace, its key
 * already lower-cased):
 *   true | false                 a constant
 *   ["&", e, e, …] ["|", e, e, …] ["!", e]
 *   ["s", name]                  a named segment
 *   ["b", a]                     a bare boolean attribute: true only for the value true
 *   ["n", a]                     IS NULL (IS NOT NULL is ["!", ["n", a]]: IS NULL is never "missing")
 *   [op, a, literal]             op: = != > >= < <=; the literal's type says how to compare (text ignores case)
 *   ["in", a, [literals], neg]   a text or number among the literals
 *   ["any", a, [texts], neg]     a list with a member among the texts
 *   ["has", a, text, neg]        a list containing the text
 *   ["sub", a, text, neg]        text containing the text (CONTAINS)
 *   ["pre", a, text, neg]        text starting with the text (STARTS WITH)
 *   ["btw", a, low, high, neg]   a number in [low, high]
 *   ["d", a, op, day]            a date attribute against a day: '2026-11-01', or '-30d' / '+2w' / '-8m' /
 *                                '-1y' / '+0d' (today) counted from the `date` attribute
 *   ["dbtw", a, low, high, neg]  ["din", a, [days], neg]
 *
 * A test on a missing value (null, undefined, NaN) is false whatever the operator, `neg` included (see
 * the language's semantics in segments/compile.ts); a value of the wrong type is false; nothing throws.
 * Attributes are read as own properties only, so `constructor` or `__proto__` never reach a prototype.
 */
import type { Attributes } from '../types.js';
import { equalsFolded, foldedSet, includesFolded, inFoldedSet, startsWithFolded } from '../segments/text.js';
import { dayFrom } from './days.js';

export type Literal = string | number | boolean;
export type Expr = boolean | readonly [string, ...unknown[]];

export interface Evaluation {
  readonly attrs: Attributes;
  /** Whether the named segment matches; false for an unknown or broken one. */
  segment(name: string): boolean;
}

export type Predicate = (ev: Evaluation) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;
const own = (o: unknown, key: string): unknown =>
  o !== null && typeof o === 'object' && hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;

const isMissing = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'number' && v !== v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && v === v;
const isDay = (v: unknown): v is string => typeof v === 'string' && v.length === 10;

/** A reader of one attribute path: a namespace key that is missing reads as 0. */
function reader(path: unknown): (ev: Evaluation) => unknown {
  const text = typeof path === 'string' ? path : '';
  const dot = text.indexOf('.');
  if (dot < 0) return (ev) => own(ev.attrs, text);
  const namespace = text.slice(0, dot);
  const key = text.slice(dot + 1);
  return (ev) => {
    const value = own(own(ev.attrs, namespace), key);
    return value === undefined || value === null ? 0 : value;
  };
}

const NEVER: Predicate = () => false;

/**
 * The predicate of an expression. A form this version does not know compiles to "false" (a program
 * from a newer compiler fails closed, never throws into the page), and `onSegment` hears each segment
 * name used.
 */
export function compileExpr(expr: unknown, onSegment?: (name: string) => void): Predicate {
  if (expr === true || expr === false) return () => expr;
  if (!Array.isArray(expr)) return NEVER;
  const [op, a, b, c, d] = expr as unknown[];
  switch (op) {
    case '&':
    case '|': {
      const items = expr.slice(1).map((item) => compileExpr(item, onSegment));
      const stop = op === '|';
      const [x, y] = items as [Predicate, Predicate];
      // Two operands is by far the most common shape: no loop for it.
      if (items.length === 2) return stop ? (ev) => x(ev) || y(ev) : (ev) => x(ev) && y(ev);
      return (ev) => {
        for (let i = 0; i < items.length; i++) if (items[i]!(ev) === stop) return stop;
        return !stop;
      };
    }
    case '!': {
      const operand = compileExpr(a, onSegment);
      return (ev) => !operand(ev);
    }
    case 's': {
      if (typeof a !== 'string') return NEVER;
      onSegment?.(a);
      return (ev) => ev.segment(a);
    }
    case 'n': {
      const read = reader(a);
      return (ev) => isMissing(read(ev));
    }
    case 'b': {
      const read = reader(a);
      return (ev) => read(ev) === true;
    }
    case 'd':
    case 'dbtw':
    case 'din':
      return dateTest(op, reader(a), b, c, d);
    default:
      return valueTest(op as string, reader(a), b, c, d);
  }
}

function valueTest(op: string, read: (ev: Evaluation) => unknown, b: unknown, c: unknown, d: unknown): Predicate {
  const test = compare(op, b, c, d);
  return test ? (ev) => test(read(ev)) : NEVER;
}

/** The test of one attribute value, or null for a form this version does not know. */
function compare(op: string, b: unknown, c: unknown, d: unknown): ((v: unknown) => boolean) | null {
  const negated = op === 'btw' ? d === true : c === true;
  switch (op) {
    case '=':
    case '!=': {
      const equal = op === '=';
      if (typeof b === 'string') {
        const lower = b.toLowerCase();
        // The value as the owner spelled it (GA4's 'Organic Search') is settled without folding.
        return (v) => typeof v === 'string' && (v === b || equalsFolded(v, lower)) === equal;
      }
      if (typeof b === 'boolean') return (v) => typeof v === 'boolean' && (v === b) === equal;
      if (typeof b === 'number') return (v) => isNumber(v) && (v === b) === equal;
      return null;
    }
    case '>':
      return typeof b === 'number' ? (v) => typeof v === 'number' && v > b : null;
    case '>=':
      return typeof b === 'number' ? (v) => typeof v === 'number' && v >= b : null;
    case '<':
      return typeof b === 'number' ? (v) => typeof v === 'number' && v < b : null;
    case '<=':
      return typeof b === 'number' ? (v) => typeof v === 'number' && v <= b : null;
    case 'in': {
      if (!Array.isArray(b)) return null;
      if (b.every((x) => typeof x === 'number')) {
        const set = new Set(b as number[]);
        return (v) => isNumber(v) && set.has(v) !== negated;
      }
      const set = foldedSet(b.filter((x): x is string => typeof x === 'string'));
      return (v) => typeof v === 'string' && inFoldedSet(v, set) !== negated;
    }
    case 'any': {
      if (!Array.isArray(b)) return null;
      const set = foldedSet(b.filter((x): x is string => typeof x === 'string'));
      return (v) => Array.isArray(v) && anyMember(v, (m) => inFoldedSet(m, set)) !== negated;
    }
    case 'has': {
      if (typeof b !== 'string') return null;
      const lower = b.toLowerCase();
      return (v) => Array.isArray(v) && anyMember(v, (m) => equalsFolded(m, lower)) !== negated;
    }
    case 'sub':
    case 'pre': {
      if (typeof b !== 'string') return null;
      const lower = b.toLowerCase();
      const found = op === 'sub' ? includesFolded : startsWithFolded;
      return (v) => typeof v === 'string' && found(v, lower) !== negated;
    }
    case 'btw': {
      if (typeof b !== 'number' || typeof c !== 'number') return null;
      return negated
        ? (v) => typeof v === 'number' && (v < b || v > c)
        : (v) => typeof v === 'number' && v >= b && v <= c;
    }
    default:
      return null;
  }
}

const ORDER: Readonly<Record<string, (x: string, y: string) => boolean>> = {
  '=': (x, y) => x === y,
  '!=': (x, y) => x !== y,
  '>': (x, y) => x > y,
  '>=': (x, y) => x >= y,
  '<': (x, y) => x < y,
  '<=': (x, y) => x <= y,
};

/** A date attribute holds a day as 'YYYY-MM-DD' text, so comparing days is comparing text. */
function dateTest(op: string, read: (ev: Evaluation) => unknown, b: unknown, c: unknown, d: unknown): Predicate {
  const today = reader('date');
  const test =
    (check: (v: string, today: unknown) => boolean): Predicate =>
    (ev) => {
      const v = read(ev);
      return isDay(v) && check(v, today(ev));
    };
  if (op === 'd') {
    const ok = typeof b === 'string' && hasOwn.call(ORDER, b) ? ORDER[b]! : null;
    if (!ok) return NEVER;
    return test((v, t) => {
      const day = dayFrom(c, t);
      return day !== null && ok(v, day);
    });
  }
  if (op === 'dbtw') {
    return test((v, t) => {
      const low = dayFrom(b, t);
      const high = dayFrom(c, t);
      return low !== null && high !== null && (v >= low && v <= high) !== (d === true);
    });
  }
  if (!Array.isArray(b)) return NEVER;
  return test((v, t) => {
    const days = b.map((day) => dayFrom(day, t));
    return !days.includes(null) && days.includes(v) !== (c === true);
  });
}

function anyMember(list: readonly unknown[], test: (member: string) => boolean): boolean {
  for (let i = 0; i < list.length; i++) {
    const member = list[i];
    if (typeof member === 'string' && test(member)) return true;
  }
  return false;
}
