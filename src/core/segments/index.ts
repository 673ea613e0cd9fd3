/**
 * The segment expression language, public API: compile a config's named segments once, then evaluate
 * them per visitor (each at most once per evaluation), and compile the rules' `when` expressions
 * against them. A broken segment (bad syntax, unknown attribute, cycle, broken dependency) is reported
 * in `errors` and left out; it never throws at evaluation time, and never takes the others down.
 */
import { lowerAst, type Evaluation, type Predicate } from './compile.js';
import { compileExpr, type Expr } from '../program/expr.js';
import { segmentEvaluator } from '../program/segments.js';
import { ExpressionError, formatExpressionError, inSegment, nearest } from './errors.js';
import { isKeyword } from './lexer.js';
import type { Ast, Name } from './ast.js';
import { parse } from './parser.js';
import { checkDependencies, dependencyError } from './dependencies.js';
import { isAttributeName } from './resolve.js';
import type { Attributes } from '../types.js';

export { ExpressionError, formatExpressionError, nearest, parse };
export type { Ast, Evaluation, Predicate };
export type { ExpressionErrorCode } from './errors.js';

export interface SegmentSet {
  /** Segments that compiled, in config order. */
  readonly names: readonly string[];
  /** Broken segments: their own error, or 'broken-dependency' / 'cycle'. */
  readonly errors: ReadonlyMap<string, ExpressionError>;
  /** A rule's `when`, or `p13n.matches()`. Throws ExpressionError, also when it uses a broken segment. */
  compile(expression: string): Predicate;
  /** The same, as the decision program's expression form (core/program/expr.ts). */
  lower(expression: string): Expr;
  /** Each healthy segment's expression form, in config order. */
  readonly exprs: ReadonlyMap<string, Expr>;
  /** Memoizes each segment once; forced segments are true (preview). */
  evaluation(attrs: Attributes, options?: { forced?: ReadonlySet<string> }): Evaluation;
  /** Names of the healthy segments that match. */
  match(ev: Evaluation): string[];
  /** Segment names an expression uses, transitively. Throws ExpressionError on bad syntax. */
  references(expression: string): string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function compileSegments(defs: Readonly<Record<string, string>>): SegmentSet {
  const all = Object.keys(defs ?? {});
  const errors = new Map<string, ExpressionError>();
  const error = (name: string, e: unknown) => {
    if (!(e instanceof ExpressionError)) throw e;
    errors.set(name, inSegment(e, name));
  };
  // Names a bare word may refer to: every well-named segment, healthy or not (so a use of a broken
  // one says so, rather than "unknown").
  const known = new Set(all.filter((name) => !badName(name, error)));
  const trees = new Map<string, Ast>();
  const lowered = new Map<string, Expr>();
  const uses = new Map<string, Name[]>();
  for (const name of known) {
    try {
      const expression = textOf(defs[name]);
      const tree = parse(expression);
      trees.set(name, tree);
      const refs: Name[] = [];
      lowered.set(
        name,
        lowerAst(tree, expression, known, (ref) => refs.push(ref)),
      );
      uses.set(name, refs);
    } catch (e) {
      error(name, e);
    }
  }
  checkDependencies([...lowered.keys()], uses, errors, (name) => textOf(defs[name]));

  const names = all.filter((name) => lowered.has(name) && !errors.has(name));
  const inOrder = new Map(all.filter((name) => errors.has(name)).map((name) => [name, errors.get(name)!]));
  const exprs = new Map(names.map((name) => [name, lowered.get(name)!]));
  const evaluator = segmentEvaluator(
    names,
    names.map((name) => compileExpr(exprs.get(name))),
  );
  const lower = (expression: string): Expr => {
    const text = textOf(expression);
    const refs: Name[] = [];
    const expr = lowerAst(parse(text), text, known, (ref) => refs.push(ref));
    const usesBroken = refs.find((ref) => errors.has(ref.name));
    if (usesBroken)
      throw dependencyError(text, usesBroken, undefined, errors.get(usesBroken.name)?.sameAs ?? usesBroken.name);
    return expr;
  };

  return {
    names,
    errors: inOrder,
    exprs,
    lower,
    compile(expression) {
      const predicate = compileExpr(lower(expression));
      return (ev) => {
        try {
          return predicate(ev);
        } catch {
          return false; // fail closed: nothing in the page breaks because of an expression
        }
      };
    },
    evaluation: evaluator.evaluation,
    match: evaluator.match,
    references(expression) {
      // Breadth-first over the segments' trees: no recursion through a long chain.
      const found = new Set<string>();
      const queue: Ast[] = [parse(textOf(expression))];
      for (let i = 0; i < queue.length; i++) {
        forEachName(queue[i]!, (name) => {
          if (!known.has(name) || found.has(name)) return;
          found.add(name);
          const used = trees.get(name);
          if (used) queue.push(used);
        });
      }
      return [...found];
    },
  };
}

/**
 * The expression language over segments that arrived compiled (a decision program): `p13n.matches()`
 * and the debug panel compile text against them; a segment's own uses are read from its form.
 */
export function expressionsFor(
  segments: ReadonlyMap<string, Expr>,
): Pick<SegmentSet, 'compile' | 'lower' | 'references'> {
  const known = new Set(segments.keys());
  const lower = (expression: string): Expr => {
    const text = textOf(expression);
    return lowerAst(parse(text), text, known);
  };
  return {
    lower,
    compile(expression) {
      const predicate = compileExpr(lower(expression));
      return (ev) => {
        try {
          return predicate(ev);
        } catch {
          return false;
        }
      };
    },
    references(expression) {
      const found = new Set<string>();
      const queue: unknown[] = [lower(expression)];
      for (let i = 0; i < queue.length && i < 10_000; i++) {
        const expr = queue[i];
        if (!Array.isArray(expr)) continue;
        if (expr[0] === 's' && typeof expr[1] === 'string') {
          if (!found.has(expr[1])) {
            found.add(expr[1]);
            queue.push(segments.get(expr[1]));
          }
        } else if (expr[0] === '&' || expr[0] === '|' || expr[0] === '!') queue.push(...expr.slice(1));
      }
      return [...found];
    },
  };
}

/** Bare names in a tree, in source order. */
function forEachName(tree: Ast, each: (name: string) => void): void {
  switch (tree.kind) {
    case 'and':
    case 'or':
      for (const item of tree.items) forEachName(item, each);
      return;
    case 'not':
      return forEachName(tree.operand, each);
    case 'name':
      return each(tree.name);
  }
}

function textOf(expression: unknown): string {
  if (typeof expression === 'string') return expression;
  throw new ExpressionError({
    code: 'syntax',
    detail: 'An expression must be text',
    expression: String(expression),
    offset: 0,
    length: 1,
    hint: 'Write it in quotes, e.g. "visits >= 3"',
  });
}

function badName(name: string, report: (name: string, e: unknown) => void): boolean {
  const problem = !NAME.test(name)
    ? [`Segment name '${name}' is not valid`, 'Use letters, digits and _, not starting with a digit']
    : isAttributeName(name)
      ? [`Segment name '${name}' is the name of an attribute`, `Rename the segment, e.g. ${name}_segment`]
      : isKeyword(name)
        ? [`Segment name '${name}' is a keyword`, `Rename the segment, e.g. ${name}_segment`]
        : undefined;
  if (!problem) return false;
  const [detail, hint] = problem as [string, string];
  report(
    name,
    new ExpressionError({ code: 'bad-name', detail, expression: name, offset: 0, length: name.length, hint }),
  );
  return true;
}
