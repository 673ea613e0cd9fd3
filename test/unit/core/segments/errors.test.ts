// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { damerauLevenshtein } from '../../../../src/core/segments/errors.js';
import {
  compileSegments,
  ExpressionError,
  formatExpressionError,
  nearest,
} from '../../../../src/core/segments/index.js';

function errorOf(expression: string, segments: Record<string, string> = {}): ExpressionError {
  try {
    compileSegments(segments).compile(expression);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`${expression} compiled`);
}

describe('ExpressionError', () => {
  it('names the column and the nearest attribute', () => {
    const error = errorOf('visits >= 3 AND vists = 2');
    expect(error.message).toBe("Unknown attribute 'vists' at column 17. Did you mean 'visits'?");
    expect(error).toMatchObject({
      code: 'unknown-attribute',
      detail: "Unknown attribute 'vists'",
      offset: 16,
      length: 5,
      hint: "Did you mean 'visits'?",
    });
    expect(error.name).toBe('ExpressionError');
    expect(error).toBeInstanceOf(Error);
  });

  it('leaves the hint out of the message when there is none', () => {
    const error = new ExpressionError({ code: 'syntax', detail: 'Oops', expression: 'x', offset: 0, length: 1 });
    expect(error.message).toBe('Oops at column 1');
    expect('hint' in error).toBe(false);
  });

  it.each([
    ["device = 'mobil'", "Unknown value 'mobil' for device at column 10. Did you mean 'mobile'?"],
    ["device == 'mobile'", "Unexpected '==' at column 8. Use '=' to compare"],
    ['visits > 1 && logged_in', "Unexpected '&&' at column 12. Use AND"],
    ["campaign = 'winter", "This text has no closing quote at column 12. Add ' after winter"],
    [
      "country IN ('NO', 'SE'",
      "The list has no closing ')' at column 23. End the list with ')', e.g. country IN ('NO', 'SE')",
    ],
    ["device = 'mobile' AND", 'The condition is not finished at column 22. Finish the condition, e.g. visits >= 3'],
    ['country = NULL', "Unexpected NULL after '=' at column 11. Use IS NULL"],
    ['visits >=', "Expected a value after '>=' at column 10"],
    [
      "country IN 'NO'",
      "Expected '(' after IN at column 12. Put the values in parentheses, e.g. country IN ('a', 'b')",
    ],
    ['(visits > 3', "A '(' is not closed at column 12. Add ')' to close the '(' at column 1"],
    [
      'campaign',
      "'campaign' is text, not true or false at column 1. Compare it, e.g. campaign = '…' or campaign IS NOT NULL",
    ],
    ["tags = 'vip'", "'=' does not work on tags, which is a list at column 6. Use tags CONTAINS 'vip'"],
    [
      "visits CONTAINS '3'",
      "'CONTAINS' does not work on visits, which is a number at column 8. Use it like visits >= 1 or visits IS NOT NULL",
    ],
    [
      "country > 'NO'",
      "'>' does not work on country, which is text at column 9. For text use =, IN, CONTAINS or STARTS WITH, e.g. country = '…' or country IS NOT NULL",
    ],
    ["visits = '3'", "'3' is text, but visits is a number at column 10. Write the number without quotes: 3"],
    ['interst.running > 2', "Unknown attribute 'interst.running' at column 1. Did you mean 'interest.running'?"],
    ['visits > 1 device', "Unexpected 'device' at column 12. Join conditions with AND or OR"],
    [
      'logged_in IN (TRUE)',
      "'IN' does not work on logged_in, which is true or false at column 11. Use it like logged_in or NOT logged_in",
    ],
    [
      'device = TRUE',
      "TRUE is a boolean, but device is text at column 10. Use it like device = 'mobile' or device IS NOT NULL",
    ],
    ['country = 47', "47 is a number, but country is text at column 11. Put it in quotes: '47'"],
  ])('explains %j', (expression, message) => {
    expect(errorOf(expression).message).toBe(message);
  });

  it('names a whole cycle, from each member', () => {
    const { errors } = compileSegments({ a: 'b', b: 'visits > 1 AND a' });
    expect(errors.get('a')?.message).toBe(
      'Segments use each other in a cycle: a → b → a at column 1. A segment cannot use itself, directly or through other segments',
    );
    expect(errors.get('b')?.detail).toBe('Segments use each other in a cycle: b → a → b');
    expect(errors.get('b')?.offset).toBe(15);
  });

  it('names the broken segment a rule uses', () => {
    const error = errorOf('TRUE AND lapsed', { lapsed: 'days_since_last_vist > 30' });
    // No column in the message: it would read as the column of lapsed's own mistake (the caret shows where it is used).
    expect(error.message).toBe("Uses segment 'lapsed', which has an error of its own. Fix 'lapsed' first");
    expect(error).toMatchObject({ code: 'broken-dependency', offset: 9, related: ['lapsed', 'lapsed'] });
  });

  it('names the segment at the root of a chain of broken uses', () => {
    const error = errorOf('winback', { lapsed: 'days_since_last_vist > 30', winback: 'lapsed AND visits > 2' });
    expect(error.message).toBe(
      "Uses segment 'winback', which is off because segment 'lapsed' has an error. Fix 'lapsed' first",
    );
  });
});

describe('formatExpressionError()', () => {
  it('puts carets under the offending span', () => {
    expect(formatExpressionError(errorOf('visits >= 3 AND vists = 2'))).toBe(
      [
        'visits >= 3 AND vists = 2',
        '                ^^^^^',
        "Unknown attribute 'vists' at column 17. Did you mean 'visits'?",
      ].join('\n'),
    );
  });

  it('puts one caret after the end for a missing token', () => {
    expect(formatExpressionError(errorOf('visits >'))).toBe(
      ['visits >', '        ^', "Expected a value after '>' at column 9"].join('\n'),
    );
  });

  it('shows one caret for an empty expression', () => {
    expect(formatExpressionError(errorOf(''))).toBe(
      ['', '^', 'Empty expression at column 1. Write a condition, e.g. visits >= 3'].join('\n'),
    );
  });

  it('keeps carets aligned when the expression has line breaks and tabs', () => {
    const lines = formatExpressionError(errorOf("visits > 1\n\tAND device = 'mobil'")).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("visits > 1  AND device = 'mobil'");
    expect(lines[1]).toBe(`${' '.repeat(25)}^^^^^^^`);
  });
});

describe('nearest()', () => {
  const names = ['visits', 'pageviews', 'device', 'days_since_last_visit', 'days_since_last_order'];

  it.each([
    ['vists', 'visits'], // a deletion
    ['visitss', 'visits'], // an insertion
    ['vsiits', 'visits'], // a swap
    ['VISITS', 'visits'], // case
    ['devcie', 'device'],
    ['days_since', 'days_since_last_visit'], // a prefix: the first of equals
    ['days_since_last_ordr', 'days_since_last_order'],
  ])('finds %j → %j', (word, expected) => {
    expect(nearest(word, names)).toBe(expected);
  });

  it('gives up when nothing is close', () => {
    expect(nearest('xyzzy', names)).toBeUndefined();
    expect(nearest('vi', ['visits'])).toBeUndefined(); // too short for a prefix match
    expect(nearest('abc', [])).toBeUndefined();
  });

  it('allows one typo per three letters', () => {
    expect(nearest('mbo', ['mob'])).toBe('mob'); // distance 1 (a swap), limit 1
    expect(nearest('mxbxle', ['mobile'])).toBe('mobile'); // distance 2, limit 2
    expect(nearest('mxbxlx', ['mobile'])).toBeUndefined(); // distance 3, limit 2
  });
});

describe('damerauLevenshtein()', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', 'abc', 0],
    ['abc', 'acb', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // optimal string alignment: no edits inside a swap
  ])('%j → %j is %i', (a, b, distance) => {
    expect(damerauLevenshtein(a, b)).toBe(distance);
    expect(damerauLevenshtein(b, a)).toBe(distance);
  });
});
