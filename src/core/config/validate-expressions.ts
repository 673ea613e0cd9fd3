/**
 * The validator's checks of expressions: a rule's `when` compiled against the config's segments,
 * the caret excerpt under a mistake, notes on Shopify-only names, and segments nothing uses.
 */
import { ExpressionError, formatExpressionError, parse, type Ast, type SegmentSet } from '../segments/index.js';
import { explainShopifyOnly, shopifyNameNotes } from '../attributes/shopify-only.js';
import { isObject } from '../is-object.js';
import type { CheckCode, ValidationProblem } from './validate.js';

export function shopifyNotes(path: string, expression: string, add: (p: ValidationProblem) => void): void {
  for (const note of shopifyNameNotes(expression)) add({ severity: 'info', code: 'shopify-name', path, message: note });
}

export function expressionProblem(
  path: string,
  raw: ExpressionError,
  code: CheckCode = 'expression',
): ValidationProblem {
  const error = explainShopifyOnly(raw);
  const [line, carets] = formatExpressionError(error).split('\n');
  return { severity: 'error', code, path, message: error.message, excerpt: `${line}\n${carets}` };
}

/** Compiles a rule's `when`: its tree when it works, `undefined` when absent (everyone), null when broken. */
export function checkWhen(
  when: unknown,
  path: string,
  segments: SegmentSet,
  add: (p: ValidationProblem) => void,
  offBecause: (root: string) => void,
): Ast | undefined | null {
  if (when === undefined) return undefined;
  if (typeof when !== 'string') return null; // parse.ts reports it
  try {
    segments.compile(when);
    return parse(when);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    if (error.code === 'broken-dependency' && error.related) offBecause(error.related[1]!);
    else add(expressionProblem(path, error));
    return null;
  }
}

/** A healthy segment no rule reaches, directly or through other segments. */
export function checkUnusedSegments(
  segments: SegmentSet,
  rules: readonly unknown[],
  add: (p: ValidationProblem) => void,
): void {
  const used = new Set<string>();
  for (const rule of rules) {
    if (!isObject(rule) || typeof rule.when !== 'string') continue;
    try {
      for (const name of segments.references(rule.when)) used.add(name);
    } catch {
      // A broken `when` is reported already.
    }
  }
  for (const name of segments.names.filter((n) => !used.has(n))) {
    add({
      severity: 'warning',
      code: 'unused-segment',
      path: `segments.${name}`,
      message: `segment '${name}' is not used by any rule`,
      hint: `use it in a rule's "when", or remove it (p13n.segments() still lists it)`,
    });
  }
}
