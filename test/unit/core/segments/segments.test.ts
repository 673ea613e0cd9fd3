// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { compileSegments, ExpressionError, parse } from '../../../../src/core/segments/index.js';
import type { Attributes } from '../../../../src/core/types.js';

const config = {
  lapsed: 'days_since_last_visit >= 30',
  big_spender: 'total_spent >= 200 OR cart_value >= 150',
  lapsed_big: 'lapsed AND big_spender',
  typo: 'vists > 3',
  uses_typo: 'typo OR lapsed',
  loop_a: 'loop_b',
  loop_b: 'loop_a',
  visits: 'TRUE',
};

describe('compileSegments()', () => {
  const set = compileSegments(config);

  it('lists the healthy segments in config order', () => {
    expect(set.names).toEqual(['lapsed', 'big_spender', 'lapsed_big']);
  });

  it('keeps an error for each broken segment, in config order, tagged with its name', () => {
    expect([...set.errors].map(([name, error]) => [name, error.code, error.segment])).toEqual([
      ['typo', 'unknown-attribute', 'typo'],
      ['uses_typo', 'broken-dependency', 'uses_typo'],
      ['loop_a', 'cycle', 'loop_a'],
      ['loop_b', 'cycle', 'loop_b'],
      ['visits', 'bad-name', 'visits'],
    ]);
  });

  it('matches the healthy segments', () => {
    const ev = set.evaluation({ days_since_last_visit: 40, cart_value: 200 });
    expect(set.match(ev)).toEqual(['lapsed', 'big_spender', 'lapsed_big']);
    expect(set.match(set.evaluation({ days_since_last_visit: 40 }))).toEqual(['lapsed']);
    expect(set.match(set.evaluation({}))).toEqual([]);
  });

  it('reads a broken or unknown segment as false, without throwing', () => {
    const ev = set.evaluation({ visits: 10 });
    expect(ev.segment('typo')).toBe(false);
    expect(ev.segment('loop_a')).toBe(false);
    expect(ev.segment('nope')).toBe(false);
    expect(ev.segment('constructor')).toBe(false);
  });

  it('evaluates each segment once per evaluation', () => {
    let reads = 0;
    const attrs = Object.defineProperty({}, 'days_since_last_visit', { enumerable: true, get: () => (reads++, 40) });
    const ev = set.evaluation(attrs);
    const predicate = set.compile('lapsed AND lapsed_big OR NOT lapsed');
    predicate(ev);
    set.match(ev);
    expect(reads).toBe(1);
    set.match(set.evaluation(attrs));
    expect(reads).toBe(2);
  });

  it('treats forced segments as matching (preview)', () => {
    const ev = set.evaluation({}, { forced: new Set(['lapsed']) });
    expect(set.match(ev)).toEqual(['lapsed']);
    expect(set.compile('NOT lapsed')(ev)).toBe(false);
  });

  it('compiles a rule expression against the segments', () => {
    const when = set.compile("lapsed_big AND device = 'mobile'");
    expect(when(set.evaluation({ days_since_last_visit: 30, total_spent: 500, device: 'Mobile' }))).toBe(true);
    expect(when(set.evaluation({ days_since_last_visit: 30, total_spent: 500, device: 'desktop' }))).toBe(false);
  });

  it('refuses a rule expression that uses a broken segment', () => {
    expect(() => set.compile('lapsed OR uses_typo')).toThrow(ExpressionError);
    try {
      set.compile('lapsed OR uses_typo');
    } catch (error) {
      expect(error).toMatchObject({ code: 'broken-dependency', offset: 10, length: 9 });
      expect((error as ExpressionError).segment).toBeUndefined();
    }
  });

  it('refuses an expression that is not text', () => {
    expect(() => set.compile(42 as unknown as string)).toThrow(ExpressionError);
  });

  it('lists the segments an expression uses, transitively', () => {
    expect(set.references('lapsed_big OR visits > 1')).toEqual(['lapsed_big', 'lapsed', 'big_spender']);
    expect(set.references('uses_typo')).toEqual(['uses_typo', 'typo', 'lapsed']);
    expect(set.references('loop_a')).toEqual(['loop_a', 'loop_b']);
    expect(set.references('visits > 1')).toEqual([]);
    expect(() => set.references('visits >')).toThrow(ExpressionError);
  });

  it('accepts no segments', () => {
    const empty = compileSegments({});
    expect(empty.names).toEqual([]);
    expect(empty.errors.size).toBe(0);
    expect(empty.compile('visits > 1')(empty.evaluation({ visits: 2 }))).toBe(true);
  });

  it('takes segment names like __proto__ and constructor as plain names', () => {
    const odd = compileSegments(JSON.parse('{"__proto__": "visits > 1", "constructor": "__proto__"}'));
    expect(odd.names).toEqual(['__proto__', 'constructor']);
    expect(odd.match(odd.evaluation({ visits: 2 }))).toEqual(['__proto__', 'constructor']);
  });

  it('refuses a segment whose expression is not text', () => {
    const odd = compileSegments({ n: 3 } as unknown as Record<string, string>);
    expect(odd.errors.get('n')?.code).toBe('syntax');
  });
});

describe('evaluation', () => {
  const set = compileSegments({});
  const run = (expression: string, attrs: unknown) => set.compile(expression)(set.evaluation(attrs as Attributes));

  it('treats NaN as missing', () => {
    expect(run('visits != 3', { visits: NaN })).toBe(false);
    expect(run('visits NOT IN (1, 2)', { visits: NaN })).toBe(false);
    expect(run('visits NOT BETWEEN 1 AND 2', { visits: NaN })).toBe(false);
    expect(run('visits IS NULL', { visits: NaN })).toBe(true);
    expect(run('visits = 3', { visits: NaN })).toBe(false);
  });

  it('compares infinities as numbers', () => {
    expect(run('visits > 1000', { visits: Infinity })).toBe(true);
    expect(run('visits BETWEEN 1 AND 2', { visits: -Infinity })).toBe(false);
  });

  it('never throws for attributes that are not an object', () => {
    for (const attrs of [null, undefined, 3, 'visits', [], () => 1]) {
      // A missing namespace key reads as 0 and a missing boolean is not true: true for all of these.
      expect(run('visits > 1 OR interest.x = 0 AND NOT logged_in', attrs)).toBe(true);
      expect(run("visits > 1 OR country != 'NO' OR tags CONTAINS 'vip'", attrs)).toBe(false);
    }
  });

  it('fails closed when reading an attribute throws', () => {
    const attrs = Object.defineProperty({}, 'visits', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(run('visits > 1', attrs)).toBe(false);
    expect(run('NOT visits > 1', attrs)).toBe(false);
    const withSegment = compileSegments({ s: 'visits > 1' });
    expect(withSegment.match(withSegment.evaluation(attrs))).toEqual([]);
  });

  it('ignores inherited attributes', () => {
    const attrs = Object.create({ visits: 5, logged_in: true });
    expect(run('visits > 1', attrs)).toBe(false);
    expect(run('logged_in', attrs)).toBe(false);
    expect(run('visits IS NULL', attrs)).toBe(true);
  });
});

describe('parse()', () => {
  it('builds n-ary AND/OR nodes with spans', () => {
    const tree = parse("a AND b AND NOT c OR country IN ('NO', 'SE')");
    expect(tree).toMatchObject({
      kind: 'or',
      items: [
        {
          kind: 'and',
          items: [
            { kind: 'name', name: 'a' },
            { kind: 'name', name: 'b' },
            { kind: 'not', operand: { kind: 'name', name: 'c' } },
          ],
        },
        {
          kind: 'in',
          negated: false,
          attribute: { name: 'country', offset: 21 },
          values: [{ value: 'NO' }, { value: 'SE' }],
        },
      ],
    });
  });

  it('reads a condition that is always true', () => {
    expect(parse('TRUE')).toEqual({ kind: 'boolean', value: true, offset: 0, length: 4 });
  });

  it('keeps the operator as written, with <> as !=', () => {
    expect(parse("country <> 'NO'")).toMatchObject({
      kind: 'compare',
      op: '!=',
      operator: { offset: 8, length: 2 },
      value: { value: 'NO' },
    });
    expect(parse('visits NOT BETWEEN 1 AND 2')).toMatchObject({
      kind: 'between',
      negated: true,
      low: { value: 1 },
      high: { value: 2 },
      operator: { offset: 7, length: 11 },
    });
    expect(parse('tags IS NOT NULL')).toMatchObject({
      kind: 'is_null',
      negated: true,
      operator: { offset: 5, length: 11 },
    });
    expect(parse("country NOT IN ('NO')")).toMatchObject({
      kind: 'in',
      negated: true,
      operator: { offset: 8, length: 6 },
    });
    expect(parse("path STARTS WITH '/'")).toMatchObject({
      kind: 'starts_with',
      negated: false,
      operator: { offset: 5, length: 11 },
    });
  });

  it('throws ExpressionError on bad syntax', () => {
    expect(() => parse('visits >')).toThrow(ExpressionError);
  });
});
