/**
 * The syntax tree of an expression: what the parser builds, the compiler type-checks, and the config
 * validator inspects (e.g. to spot a `when` that is always true). Every node keeps its span, so any
 * later error can point at the right column.
 */
import type { Operator } from './lexer.js';

/** A span of the expression: 0-based offset and length. */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

export interface Name extends Span {
  readonly name: string;
}

export interface Literal<T = string | number | boolean> extends Span {
  readonly value: T;
  /** An unquoted date word (`2026-11-01`, `-30d`, `today`): only a date attribute takes it. */
  readonly date?: true;
}

interface TestBase extends Span {
  readonly attribute: Name;
  /** The operator's words (`NOT IN`, `IS NOT NULL`, `>=`), for errors that point at it. */
  readonly operator: Span;
}

export type Ast =
  | ({ readonly kind: 'and' | 'or'; readonly items: readonly Ast[] } & Span)
  | ({ readonly kind: 'not'; readonly operand: Ast } & Span)
  | ({ readonly kind: 'boolean'; readonly value: boolean } & Span)
  /** A bare name: `logged_in`, or a segment. */
  | ({ readonly kind: 'name' } & Name)
  | ({ readonly kind: 'compare'; readonly op: Operator; readonly value: Literal } & TestBase)
  | ({ readonly kind: 'in'; readonly negated: boolean; readonly values: readonly Literal[] } & TestBase)
  | ({
      readonly kind: 'contains' | 'starts_with';
      readonly negated: boolean;
      readonly value: Literal<string>;
    } & TestBase)
  | ({
      readonly kind: 'between';
      readonly negated: boolean;
      readonly low: Literal<number | string>;
      readonly high: Literal<number | string>;
    } & TestBase)
  | ({ readonly kind: 'is_null'; readonly negated: boolean } & TestBase);
