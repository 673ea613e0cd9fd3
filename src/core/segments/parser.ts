/**
 * Tokens → syntax tree, by recursive descent. Grammar (keywords case-insensitive):
 *
 *   or      := and (OR and)*
 *   and     := not (AND not)*
 *   not     := NOT not | primary
 *   primary := '(' or ')' | TRUE | FALSE | name [test]
 *   test    := op literal                               op: = != <> > >= < <=
 *            | [NOT] IN '(' literal (',' literal)* ')'
 *            | [NOT] CONTAINS string | [NOT] STARTS WITH string
 *            | [NOT] BETWEEN bound AND bound | IS [NOT] NULL     bound: a number or a date
 *   literal := number | 'text' | TRUE | FALSE | date       date: 2026-11-01 -30d today yesterday
 *
 * A bare name is a boolean attribute or a segment; right-hand sides are literals only. AND and OR nodes
 * are n-ary, so a long chain of conditions does not make a deep tree.
 */
import { ExpressionError } from './errors.js';
import type { Ast, Literal, Name, Span } from './ast.js';
import { tokenize, type Token } from './lexer.js';
import { MAX_EXPRESSION_LENGTH, MAX_NESTING } from '../limits.js';

export type { Ast, Literal, Name, Span };

/** Parentheses and NOTs nested deeper than this are refused, so no input can overflow the stack. */
const MAX_DEPTH = MAX_NESTING;

const show = (token: Token, expression: string): string =>
  token.kind === 'end' ? 'end of expression' : `'${expression.slice(token.offset, token.offset + token.length)}'`;

export function parse(expression: string): Ast {
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    // Refused before any work: the lexer, the parser and "Did you mean" all grow with the length.
    const detail = `The expression is ${expression.length} characters long, the limit is ${MAX_EXPRESSION_LENGTH}`;
    throw new ExpressionError({
      code: 'limit',
      detail,
      expression: expression.slice(0, 80),
      offset: 0,
      length: 1,
      hint: 'Split it into segments, and use their names',
    });
  }
  const tokens = tokenize(expression);
  let at = 0;
  let depth = 0;
  const peek = (): Token => tokens[at]!;
  const next = (): Token => tokens[at++]!;
  const isWord = (token: Token, word: string): boolean => token.kind === 'keyword' && token.value === word;
  const fail = (detail: string, span: Span, hint?: string): never => {
    throw new ExpressionError({
      code: 'syntax',
      detail,
      expression,
      offset: span.offset,
      length: Math.max(span.length, 1),
      hint,
    });
  };
  const spanFrom = (start: Span): Span => {
    const last = tokens[at - 1]!;
    return { offset: start.offset, length: last.offset + last.length - start.offset };
  };

  if (peek().kind === 'end') fail('Empty expression', { offset: 0, length: 1 }, 'Write a condition, e.g. visits >= 3');
  const tree = parseOr();
  const rest = peek();
  if (rest.kind !== 'end') {
    const hint = rest.kind === ')' ? "Remove it, or add the '(' it closes" : 'Join conditions with AND or OR';
    fail(`Unexpected ${show(rest, expression)}`, rest, hint);
  }
  return tree;

  function parseList(kind: 'and' | 'or', item: () => Ast): Ast {
    const first = item();
    const items = [first];
    const word = kind.toUpperCase();
    while (isWord(peek(), word)) {
      next();
      items.push(item());
    }
    return items.length === 1 ? first : { kind, items, ...spanFrom(first) };
  }

  function parseOr(): Ast {
    return parseList('or', () => parseList('and', parseNot));
  }

  function nest<T>(start: Span, inner: () => T): T {
    if (++depth > MAX_DEPTH) {
      throw new ExpressionError({
        code: 'limit',
        detail: `The expression is nested more than ${MAX_DEPTH} deep`,
        expression,
        offset: start.offset,
        length: Math.max(start.length, 1),
        hint: 'Remove some parentheses or NOTs',
      });
    }
    const result = inner();
    depth--;
    return result;
  }

  function parseNot(): Ast {
    const token = peek();
    if (!isWord(token, 'NOT')) return parsePrimary();
    next();
    return nest(token, () => ({ kind: 'not', operand: parseNot(), ...spanFrom(token) }));
  }

  function parsePrimary(): Ast {
    const token = next();
    if (token.kind === '(') {
      const inner = nest(token, parseOr);
      const close = next();
      if (close.kind !== ')') {
        fail(
          close.kind === 'end' ? "A '(' is not closed" : `Expected ')', found ${show(close, expression)}`,
          close,
          `Add ')' to close the '(' at column ${token.offset + 1}`,
        );
      }
      return inner;
    }
    if (token.kind === 'keyword' && (token.value === 'TRUE' || token.value === 'FALSE')) {
      return { kind: 'boolean', value: token.value === 'TRUE', offset: token.offset, length: token.length };
    }
    if (token.kind !== 'ident') {
      const hint =
        token.kind === 'number' || token.kind === 'string'
          ? 'Put the attribute first, e.g. visits >= 3'
          : token.kind === 'end'
            ? 'Finish the condition, e.g. visits >= 3'
            : 'Write a condition here, e.g. visits >= 3';
      return fail(
        token.kind === 'end' ? 'The condition is not finished' : `Unexpected ${show(token, expression)}`,
        token,
        hint,
      );
    }
    // A call (Shopify's are refused by the lexer already): say so, rather than "unexpected '('".
    if (peek().kind === '(')
      fail(
        `'${token.value}(…)' is not known: expressions have no functions`,
        token,
        'Compare an attribute, e.g. visits >= 3',
      );
    return parseTest({ name: token.value, offset: token.offset, length: token.length });
  }

  function parseTest(attribute: Name): Ast {
    const opToken = peek();
    if (opToken.kind === 'op') {
      next();
      const nullHint = opToken.value === '=' ? 'Use IS NULL' : opToken.value === '!=' ? 'Use IS NOT NULL' : undefined;
      const value = parseLiteral(`after ${show(opToken, expression)}`, nullHint);
      return { kind: 'compare', op: opToken.value, attribute, value, operator: opToken, ...spanFrom(attribute) };
    }
    if (
      opToken.kind === 'number' ||
      opToken.kind === 'string' ||
      opToken.kind === 'date' ||
      isWord(opToken, 'TRUE') ||
      isWord(opToken, 'FALSE') ||
      isWord(opToken, 'NULL')
    ) {
      fail(
        `Expected an operator after '${attribute.name}'`,
        opToken,
        `Compare it, e.g. ${attribute.name} = ${show(opToken, expression).slice(1, -1)}`,
      );
    }
    if (opToken.kind !== 'keyword') return { kind: 'name', ...attribute };
    if (opToken.value === 'IS') {
      next();
      const negated = isWord(peek(), 'NOT');
      if (negated) next();
      const nullToken = next();
      if (!isWord(nullToken, 'NULL'))
        fail(
          `Expected NULL after ${negated ? 'IS NOT' : 'IS'}`,
          nullToken,
          `Write ${attribute.name} IS NULL or ${attribute.name} IS NOT NULL`,
        );
      return { kind: 'is_null', negated, attribute, operator: spanFrom(opToken), ...spanFrom(attribute) };
    }
    const negated = opToken.value === 'NOT';
    if (negated) {
      const after = tokens[at + 1]!;
      // `a AND NOT b` is handled by parseNot; here NOT must introduce one of the negatable tests.
      if (!(after.kind === 'keyword' && ['IN', 'CONTAINS', 'STARTS', 'BETWEEN'].includes(after.value))) {
        fail(
          `Expected IN, CONTAINS, STARTS WITH or BETWEEN after NOT`,
          after,
          'To negate a condition, put NOT before it: NOT logged_in',
        );
      }
      next();
    }
    const keyword = next() as Token & { kind: 'keyword' };
    const operator = (): Span => spanFrom(opToken);
    switch (keyword.value) {
      case 'IN': {
        const op = operator();
        const open = next();
        if (open.kind !== '(')
          fail("Expected '(' after IN", open, `Put the values in parentheses, e.g. ${attribute.name} IN ('a', 'b')`);
        const values = [parseLiteral('in the list')];
        while (peek().kind === ',') {
          next();
          values.push(parseLiteral("after ','"));
        }
        const close = next();
        if (close.kind === 'end')
          fail("The list has no closing ')'", close, "End the list with ')', e.g. country IN ('NO', 'SE')");
        if (close.kind !== ')')
          fail(
            `Expected ',' or ')' in the list, found ${show(close, expression)}`,
            close,
            "Separate values with ',' and end the list with ')'",
          );
        return { kind: 'in', negated, attribute, values, operator: op, ...spanFrom(attribute) };
      }
      case 'CONTAINS':
      case 'STARTS': {
        if (keyword.value === 'STARTS' && !isWord(next(), 'WITH')) {
          fail('Expected WITH after STARTS', tokens[at - 1]!, `Write ${attribute.name} STARTS WITH '…'`);
        }
        const op = operator();
        const value = parseLiteral(`after ${keyword.value === 'STARTS' ? 'STARTS WITH' : 'CONTAINS'}`);
        if (typeof value.value !== 'string')
          fail(
            `Expected text in quotes, found ${show(tokens[at - 1]!, expression)}`,
            value,
            `Write ${attribute.name} ${keyword.value === 'STARTS' ? 'STARTS WITH' : 'CONTAINS'} '${value.value}'`,
          );
        const kind = keyword.value === 'STARTS' ? 'starts_with' : 'contains';
        return { kind, negated, attribute, value: value as Literal<string>, operator: op, ...spanFrom(attribute) };
      }
      case 'BETWEEN': {
        const op = operator();
        const low = parseBound('after BETWEEN');
        const and = next();
        if (!isWord(and, 'AND'))
          fail(`Expected AND after 'BETWEEN ${low.value}'`, and, `Write ${attribute.name} BETWEEN ${low.value} AND …`);
        const high = parseBound('after AND');
        return { kind: 'between', negated, attribute, low, high, operator: op, ...spanFrom(attribute) };
      }
      default:
        // Any other keyword (AND, OR, …) ends the bare name: it is the caller's.
        at--;
        return { kind: 'name', ...attribute };
    }
  }

  /** A number, or a date (bare or quoted): the compiler checks which one the attribute takes. */
  function parseBound(where: string): Literal<number | string> {
    const literal = parseLiteral(where);
    if (typeof literal.value === 'boolean')
      fail(
        `Expected a number or a date ${where}, found ${show(tokens[at - 1]!, expression)}`,
        literal,
        'BETWEEN takes numbers or dates, e.g. visits BETWEEN 3 AND 10',
      );
    return literal as Literal<number | string>;
  }

  function parseLiteral(where: string, nullHint = 'Test for a missing value with IS NULL'): Literal {
    const token = next();
    const span = { offset: token.offset, length: token.length };
    if (token.kind === 'number' || token.kind === 'string') return { value: token.value, ...span };
    if (token.kind === 'date') return { value: token.value, date: true, ...span };
    if (token.kind === 'ident' && /^(today|yesterday)$/i.test(token.value))
      return { value: token.value.toLowerCase(), date: true, ...span };
    if (isWord(token, 'TRUE') || isWord(token, 'FALSE')) return { value: isWord(token, 'TRUE'), ...span };
    if (isWord(token, 'NULL')) fail(`Unexpected NULL ${where}`, token, nullHint);
    if (token.kind === 'ident')
      fail(
        `Expected a value ${where}, found ${show(token, expression)}`,
        token,
        `Put text in quotes: '${token.value}'`,
      );
    return fail(`Expected a value ${where}`, token);
  }
}
