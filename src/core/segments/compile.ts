/**
 * Syntax tree → the decision program's expression form (core/program/expr.ts), type-checked against
 * the attribute registry once; `compileAst` then makes it a predicate with the one expression compiler
 * every runtime shares, so evaluating it is only reads and compares (no eval: stores run strict CSP).
 *
 * Semantics
 * - Two-valued logic. A test on a missing value (null, undefined, NaN) is false, whatever the operator —
 *   also `!=`, NOT IN, NOT CONTAINS, NOT STARTS WITH and NOT BETWEEN: `country != 'NO'` is false when the
 *   country is unknown. IS NULL / IS NOT NULL test for a missing value. `NOT x` negates x's result, so
 *   `NOT (country = 'NO')` is true when the country is unknown.
 * - Text tests (=, !=, IN, CONTAINS, STARTS WITH) ignore case. Ordering (> >= < <=) and BETWEEN
 *   (inclusive) are numeric only. A value of the wrong type at run time (text where a number belongs,
 *   a number where a list belongs, …) makes the test false; nothing ever throws.
 * - Lists (`tags`): CONTAINS is membership, IN is "any member is in the list", NOT IN "a list none of
 *   whose members is in it"; an empty list is a list, not null.
 * - Namespaces (`interest.running`): the key is lower-cased here; a missing key, or a missing
 *   namespace, reads as 0.
 * - Booleans: a bare `logged_in` is true only for the value `true`; `logged_in = false` compares.
 * - A segment name stands for that segment's result (memoized per evaluation; see index.ts).
 * Attributes are read with hasOwnProperty, so `constructor` or `__proto__` keys never reach a prototype.
 */
import { nearest } from './errors.js';
import type { Ast, Literal, Name } from './ast.js';
import { example, fail, hintsFor, resolve, typeWord, type Attribute } from './resolve.js';
import { lowerDateTest } from './dates.js';
import { compileExpr, type Evaluation, type Expr, type Predicate } from '../program/expr.js';

export type { Evaluation, Predicate };

type Test = Exclude<Ast, { kind: 'and' | 'or' | 'not' | 'boolean' | 'name' }>;

/** The attribute path an expression form reads: `visits`, or `interest.running` below a namespace. */
export const pathOf = (target: Attribute): string =>
  target.namespace === undefined ? target.key : `${target.namespace}.${target.key}`;

/**
 * Compiles a parsed expression. `segments` are the names a bare word may refer to; each one used is
 * passed to `onSegment` (with its position), so the caller can check its health.
 */
export function compileAst(
  ast: Ast,
  expression: string,
  segments: ReadonlySet<string>,
  onSegment: (name: Name) => void = () => {},
): Predicate {
  return compileExpr(lowerAst(ast, expression, segments, onSegment));
}

/**
 * The expression form of a parsed expression (core/program/expr.ts), or an ExpressionError that
 * points at what is wrong: an unknown name, an operator the attribute's type does not take, a value
 * outside its closed set.
 */
export function lowerAst(
  ast: Ast,
  expression: string,
  segments: ReadonlySet<string>,
  onSegment: (name: Name) => void = () => {},
): Expr {
  return node(ast);

  function node(ast: Ast): Expr {
    switch (ast.kind) {
      case 'and':
      case 'or':
        return [ast.kind === 'and' ? '&' : '|', ...ast.items.map(node)];
      case 'not':
        return ['!', node(ast.operand)];
      case 'boolean':
        return ast.value;
      case 'name':
        return bare(ast);
      default:
        return test(ast);
    }
  }

  function bare(name: Name): Expr {
    const target = resolve(name, expression, segments, true);
    if (target.kind === 'segment') {
      onSegment(name);
      return ['s', name.name];
    }
    if (target.type !== 'boolean') {
      fail(
        'type',
        expression,
        name,
        `'${name.name}' is ${typeWord(target.type)}, not true or false`,
        `Compare it, e.g. ${example(name.name, target.spec)}`,
      );
    }
    return ['b', pathOf(target)];
  }

  function test(ast: Test): Expr {
    const name = ast.attribute.name;
    const target = resolve(ast.attribute, expression, segments, false);
    if (target.kind === 'segment') {
      fail(
        'type',
        expression,
        ast.attribute,
        `'${name}' is a segment, not an attribute`,
        `Use a segment on its own: ${name}, or NOT ${name}`,
      );
    }
    const { type } = target;
    const path = pathOf(target);
    const negated = 'negated' in ast && ast.negated;
    const wrongOperator = (hint = `Use it like ${example(name, target.spec)}`): never => {
      const words = expression.slice(ast.operator.offset, ast.operator.offset + ast.operator.length);
      return fail(
        'type',
        expression,
        ast.operator,
        `'${words}' does not work on ${name}, which is ${typeWord(type)}`,
        hint,
      );
    };
    if (type === 'date' && ast.kind !== 'is_null') return lowerDateTest(ast, path, expression);
    switch (ast.kind) {
      case 'is_null':
        return ast.negated ? ['!', ['n', path]] : ['n', path];
      case 'compare': {
        const { op, value } = ast;
        if (type === 'list') wrongOperator(`Use ${name} ${op === '=' ? '' : 'NOT '}CONTAINS ${quoted(value)}`);
        if (type === 'boolean' && op !== '=' && op !== '!=') wrongOperator(`Write ${name} or NOT ${name}`);
        if (type === 'string' && op !== '=' && op !== '!=')
          wrongOperator(`For text use =, IN, CONTAINS or STARTS WITH, e.g. ${example(name, target.spec)}`);
        return [op, path, expect(target, name, value)];
      }
      case 'in': {
        if (type === 'boolean') wrongOperator();
        const values = ast.values.map((value) => expect(target, name, value));
        return [type === 'list' ? 'any' : 'in', path, values, negated];
      }
      case 'contains': {
        if (type !== 'string' && type !== 'list') wrongOperator();
        return [type === 'list' ? 'has' : 'sub', path, ast.value.value, negated];
      }
      case 'starts_with': {
        if (type === 'list') wrongOperator(`Use ${name} CONTAINS ${quoted(ast.value)}`);
        if (type !== 'string') wrongOperator();
        return ['pre', path, ast.value.value, negated];
      }
      case 'between': {
        if (type !== 'number') wrongOperator();
        const bad = [ast.low, ast.high].find((bound) => typeof bound.value !== 'number');
        if (bad)
          fail(
            'type',
            expression,
            bad,
            `Expected a number, found ${expression.slice(bad.offset, bad.offset + bad.length)}`,
            `BETWEEN takes numbers here, e.g. ${name} BETWEEN 3 AND 10`,
          );
        const low = ast.low.value as number;
        const high = ast.high.value as number;
        if (low > high) {
          const span = { offset: ast.low.offset, length: ast.high.offset + ast.high.length - ast.low.offset };
          fail(
            'type',
            expression,
            span,
            `BETWEEN ${low} AND ${high} matches nothing`,
            `Put the smaller number first: BETWEEN ${high} AND ${low}`,
          );
        }
        return ['btw', path, low, high, negated];
      }
    }
  }

  /** The literal, checked against the attribute's type and closed set of values. */
  function expect(target: Attribute, name: string, literal: Literal): string | number | boolean {
    const { value } = literal;
    const want = target.type === 'list' ? 'string' : target.type;
    if (literal.date) {
      const shown = expression.slice(literal.offset, literal.offset + literal.length);
      fail(
        'type',
        expression,
        literal,
        `${shown} is a date, but ${name} is ${typeWord(target.type)}`,
        want === 'string' ? `Put text in quotes: '${shown}'` : `Use it like ${example(name, target.spec)}`,
      );
    }
    if (typeof value !== want) {
      const shown = expression.slice(literal.offset, literal.offset + literal.length);
      const unquoted = typeof value === 'string' ? value.trim().toLowerCase() : '';
      const hint =
        want === 'number' && unquoted !== '' && Number.isFinite(Number(unquoted))
          ? `Write the number without quotes: ${unquoted}`
          : want === 'boolean' && (unquoted === 'true' || unquoted === 'false')
            ? `Write it without quotes: ${unquoted}`
            : want === 'string' && typeof value === 'number'
              ? `Put it in quotes: '${value}'`
              : `Use it like ${example(name, target.spec)}`;
      const is = typeof value === 'string' ? 'text' : typeof value === 'number' ? 'a number' : 'a boolean';
      return fail('type', expression, literal, `${shown} is ${is}, but ${name} is ${typeWord(target.type)}`, hint);
    }
    const values = target.spec.values;
    if (typeof value === 'string' && values && !values.some((known) => known.toLowerCase() === value.toLowerCase())) {
      const guess = nearest(value, values, hintsFor(segments));
      const hint = guess ? `Did you mean '${guess}'?` : `${name} is one of ${values.map((v) => `'${v}'`).join(', ')}`;
      fail('unknown-value', expression, literal, `Unknown value '${value}' for ${name}`, hint);
    }
    return value;
  }

  function quoted(literal: Literal): string {
    return typeof literal.value === 'string'
      ? expression.slice(literal.offset, literal.offset + literal.length)
      : "'…'";
  }
}
