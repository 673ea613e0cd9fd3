/**
 * @vitest-environment node
 *
 * The language-neutral cases in cases.json, one `it` each. A case compiles its `segments` (if any), then
 * its `expression`, and evaluates it against `attributes`. An expected error names its code and,
 * optionally, the 1-based column, a hint, and the segment it belongs to (then it is looked up in the
 * set's `errors` instead of thrown by compiling the expression).
 *
 * The file is read with JSON.parse so an `"__proto__"` key stays an own property, as in a real config.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSegments, ExpressionError } from '../../../../src/core/segments/index.js';
import type { Attributes } from '../../../../src/core/types.js';

interface ExpectedError {
  readonly error: string;
  readonly column?: number;
  readonly hint?: string;
  readonly segment?: string;
}

interface Case {
  readonly name: string;
  readonly expression: string;
  readonly attributes: Attributes;
  readonly segments?: Record<string, string>;
  readonly expected: boolean | ExpectedError;
}

const cases: Case[] = JSON.parse(readFileSync(join(import.meta.dirname, 'cases.json'), 'utf8'));

function caught(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error('expected an ExpressionError, but nothing was thrown');
}

describe('segment expressions (cases.json)', () => {
  it('has a case for every error code', () => {
    const codes = new Set(cases.flatMap((c) => (typeof c.expected === 'object' ? [c.expected.error] : [])));
    expect([...codes].sort()).toEqual([
      'bad-name',
      'broken-dependency',
      'cycle',
      'limit',
      'syntax',
      'type',
      'unknown-attribute',
      'unknown-segment',
      'unknown-value',
    ]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const set = compileSegments(c.segments ?? {});
    const { expected } = c;
    if (typeof expected === 'boolean') {
      expect(set.compile(c.expression)(set.evaluation(c.attributes))).toBe(expected);
      return;
    }
    const error =
      expected.segment === undefined ? caught(() => set.compile(c.expression)) : set.errors.get(expected.segment);
    expect(error, 'an error').toBeInstanceOf(ExpressionError);
    expect(error!.code).toBe(expected.error);
    if (expected.column !== undefined) expect(error!.offset + 1).toBe(expected.column);
    if (expected.hint !== undefined) expect(error!.hint).toBe(expected.hint);
    if (expected.segment !== undefined) {
      expect(error!.segment).toBe(expected.segment);
      expect(set.names).not.toContain(expected.segment);
    }
  });
});
