/**
 * What one test says about one attribute, for the shadowed-rule check (./shadow.ts): the numbers it
 * accepts as ranges, the texts it accepts, or that a value is present; and whether what one test
 * accepts lies within what another accepts. Pure.
 */
import type { Ast } from '../segments/index.js';

export type Test = Exclude<Ast, { kind: 'and' | 'or' | 'not' | 'boolean' | 'name' }>;

export interface Range {
  readonly lo: number;
  readonly loIn: boolean;
  readonly hi: number;
  readonly hiIn: boolean;
}

/** What a test says about one attribute, when it can be compared with others. */
export interface Facts {
  readonly attribute: string;
  /** The values a number test accepts: a union of ranges. */
  readonly ranges?: readonly Range[];
  /** The values a text test accepts, lower-cased. */
  readonly texts?: ReadonlySet<string>;
  /** `IS NOT NULL`. */
  readonly present?: true;
}

export const ALL: Range = { lo: -Infinity, loIn: true, hi: Infinity, hiIn: true };

export function factsOf(ast: Test, attribute: string, type: string | undefined): Facts | null {
  if (ast.kind === 'is_null') return ast.negated ? { attribute, present: true } : null;
  if (type === 'number') {
    const ranges = numberRanges(ast);
    return ranges ? { attribute, ranges } : null;
  }
  if (type === 'string') {
    const values =
      ast.kind === 'compare' && ast.op === '=' ? [ast.value] : ast.kind === 'in' && !ast.negated ? ast.values : null;
    if (!values || values.some((v) => typeof v.value !== 'string' || v.date)) return null;
    return { attribute, texts: new Set(values.map((v) => (v.value as string).toLowerCase())) };
  }
  return null;
}

function numberRanges(ast: Test): Range[] | null {
  const point = (v: number): Range => ({ lo: v, loIn: true, hi: v, hiIn: true });
  const below = (v: number, hiIn: boolean): Range => ({ lo: -Infinity, loIn: true, hi: v, hiIn });
  const above = (v: number, loIn: boolean): Range => ({ lo: v, loIn, hi: Infinity, hiIn: true });
  const isNumber = (literal: { value: unknown; date?: true }) => typeof literal.value === 'number' && !literal.date;
  if (ast.kind === 'compare' && isNumber(ast.value)) {
    const v = ast.value.value as number;
    switch (ast.op) {
      case '=':
        return [point(v)];
      case '!=':
        return [below(v, false), above(v, false)];
      case '<':
        return [below(v, false)];
      case '<=':
        return [below(v, true)];
      case '>':
        return [above(v, false)];
      case '>=':
        return [above(v, true)];
    }
  }
  if (ast.kind === 'in' && !ast.negated && ast.values.every(isNumber))
    return ast.values.map((v) => point(v.value as number));
  if (ast.kind === 'between' && isNumber(ast.low) && isNumber(ast.high)) {
    const low = ast.low.value as number;
    const high = ast.high.value as number;
    return ast.negated ? [below(low, false), above(high, false)] : [{ lo: low, loIn: true, hi: high, hiIn: true }];
  }
  return null;
}

export function intersect(a: Range, b: Range): Range {
  const lo = a.lo > b.lo ? a : b.lo > a.lo ? b : { lo: a.lo, loIn: a.loIn && b.loIn };
  const hi = a.hi < b.hi ? a : b.hi < a.hi ? b : { hi: a.hi, hiIn: a.hiIn && b.hiIn };
  return { lo: lo.lo, loIn: lo.loIn, hi: hi.hi, hiIn: hi.hiIn };
}

/** `inner` lies within `outer`. */
function within(inner: Range, outer: Range): boolean {
  const fromOk = inner.lo > outer.lo || (inner.lo === outer.lo && (outer.loIn || !inner.loIn));
  const toOk = inner.hi < outer.hi || (inner.hi === outer.hi && (outer.hiIn || !inner.hiIn));
  return fromOk && toOk;
}

export function factsImply(b: Facts | null, a: Facts | null): boolean {
  if (!a || !b || a.attribute !== b.attribute) return false;
  if (a.present) return b.ranges !== undefined || b.texts !== undefined || b.present === true;
  if (a.ranges && b.ranges) return b.ranges.every((inner) => a.ranges!.some((outer) => within(inner, outer)));
  if (a.texts && b.texts) return [...b.texts].every((text) => a.texts!.has(text));
  return false;
}
