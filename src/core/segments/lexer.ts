/**
 * Expression text → tokens, each with its offset so every later error can point at the right column.
 * The common slips of people used to other languages (`==`, `&&`, `||`, `!`, curly quotes) get an
 * error that says what to write instead.
 */
import { ExpressionError } from './errors.js';
import { dateWordAt } from './dates.js';

export const KEYWORDS = [
  'AND',
  'OR',
  'NOT',
  'IN',
  'CONTAINS',
  'STARTS',
  'WITH',
  'BETWEEN',
  'IS',
  'NULL',
  'TRUE',
  'FALSE',
] as const;
export type Keyword = (typeof KEYWORDS)[number];
const keywordSet: ReadonlySet<string> = new Set(KEYWORDS);

export const isKeyword = (word: string): boolean => keywordSet.has(word.toUpperCase());

/** `<>` is read as `!=`. */
export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=';

export type Token =
  | { readonly kind: 'ident'; readonly value: string; readonly offset: number; readonly length: number }
  | { readonly kind: 'keyword'; readonly value: Keyword; readonly offset: number; readonly length: number }
  | { readonly kind: 'number'; readonly value: number; readonly offset: number; readonly length: number }
  | { readonly kind: 'string'; readonly value: string; readonly offset: number; readonly length: number }
  /** A bare date word: `2026-11-01`, `-30d`, `7_days_ago` (normalised to `-7d`). */
  | { readonly kind: 'date'; readonly value: string; readonly offset: number; readonly length: number }
  | { readonly kind: 'op'; readonly value: Operator; readonly offset: number; readonly length: number }
  | { readonly kind: '(' | ')' | ',' | 'end'; readonly offset: number; readonly length: number };

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r' };

/** Mistakes with a known fix: what was typed → hint. Longest first. */
const SLIPS: ReadonlyArray<readonly [string, string]> = [
  ['==', "Use '=' to compare"],
  ['=>', "Use '>='"],
  ['=<', "Use '<='"],
  ['&&', 'Use AND'],
  ['||', 'Use OR'],
  ['&', 'Use AND'],
  ['|', 'Use OR'],
];

export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const fail = (detail: string, offset: number, length: number, hint?: string): never => {
    throw new ExpressionError({ code: 'syntax', detail, expression, offset, length, hint });
  };
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    const slip = SLIPS.find(([typed]) => expression.startsWith(typed, i));
    if (slip) fail(`Unexpected '${slip[0]}'`, i, slip[0].length, slip[1]);

    const date = DIGIT.test(c) || c === '-' || c === '+' ? dateWordAt(expression, i) : null;
    if (date) {
      tokens.push({ kind: 'date', value: date.value, offset: start, length: date.length });
      i += date.length;
    } else if (IDENT_START.test(c)) {
      while (i < expression.length && IDENT_PART.test(expression[i]!)) i++;
      let dotted = false;
      while (expression[i] === '.') {
        dotted = true;
        const part = ++i;
        while (i < expression.length && IDENT_PART.test(expression[i]!)) i++;
        if (i === part) {
          const head = expression.slice(start, part - 1);
          fail(`Expected a key after '${head}.'`, start, part - start, `Write it like ${head}.running`);
        }
      }
      const word = expression.slice(start, i);
      const upper = word.toUpperCase();
      if (!dotted && keywordSet.has(upper))
        tokens.push({ kind: 'keyword', value: upper as Keyword, offset: start, length: i - start });
      else tokens.push({ kind: 'ident', value: word, offset: start, length: i - start });
    } else if (DIGIT.test(c) || (c === '-' && DIGIT.test(expression[i + 1] ?? ''))) {
      i++;
      while (DIGIT.test(expression[i] ?? '')) i++;
      if (expression[i] === '.' && DIGIT.test(expression[i + 1] ?? '')) {
        i++;
        while (DIGIT.test(expression[i] ?? '')) i++;
      }
      tokens.push({ kind: 'number', value: Number(expression.slice(start, i)), offset: start, length: i - start });
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= expression.length) {
          const typed = expression.slice(start + 1).trimEnd();
          const tail = typed.length > 20 ? `…${typed.slice(-20)}` : typed;
          fail(
            'This text has no closing quote',
            start,
            expression.length - start,
            typed ? `Add ${c} after ${tail}` : `Add the closing quote (${c})`,
          );
        }
        const d = expression[i]!;
        if (d === '\\' && i + 1 < expression.length) {
          const escaped = expression[i + 1]!;
          value += ESCAPES[escaped] ?? escaped;
          i += 2;
        } else if (d === c && expression[i + 1] === c) {
          value += c; // a doubled quote: 'it''s'
          i += 2;
        } else if (d === c) {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ kind: 'string', value, offset: start, length: i - start });
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, offset: start, length: 1 });
      i++;
    } else if (c === '=' || c === '<' || c === '>' || c === '!') {
      const two = expression.slice(i, i + 2);
      if (two === '!=' || two === '>=' || two === '<=' || two === '<>') {
        tokens.push({ kind: 'op', value: two === '<>' ? '!=' : two, offset: start, length: 2 });
        i += 2;
      } else if (c === '!') {
        fail("Unexpected '!'", i, 1, 'Use NOT');
      } else {
        tokens.push({ kind: 'op', value: c, offset: start, length: 1 });
        i++;
      }
    } else {
      const char = String.fromCodePoint(expression.codePointAt(i)!);
      const curly = /[‘’‚‛“”„‟′″`´]/.test(char);
      fail(
        `Unexpected character '${char}'`,
        i,
        char.length,
        curly ? `Use straight quotes: 'text' or "text"` : undefined,
      );
    }
  }
  tokens.push({ kind: 'end', offset: expression.length, length: 0 });
  return tokens;
}
