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
import { MAX_SEGMENT_DEPTH } from '../limits.js';
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

function dependencyError(expression: string, ref: Name, segment: string | undefined, root: string): ExpressionError {
  const detail =
    root === ref.name
      ? `Uses segment '${ref.name}', which has an error of its own`
      : `Uses segment '${ref.name}', which is off because segment '${root}' has an error`;
  return new ExpressionError({
    code: 'broken-dependency',
    detail,
    expression,
    offset: ref.offset,
    length: ref.length,
    hint: `Fix '${root}' first`,
    segment,
    sameAs: root,
    related: [ref.name, root],
  });
}

/** A loop as seen from its i-th member (b → c → a → b); a long one shows its ends and its length. */
function loopFrom(cycle: readonly string[], i: number): string {
  const names = [...cycle.slice(i), ...cycle.slice(0, i), cycle[i]!];
  return names.length <= 8
    ? names.join(' → ')
    : `${names.slice(0, 4).join(' → ')} → … (${cycle.length} segments) → ${names.slice(-2).join(' → ')}`;
}

/**
 * Marks segments in a cycle ('cycle', each naming the whole loop from itself: a → b → a), those that
 * nest more than MAX_SEGMENT_DEPTH deep ('limit'), and those using a broken segment
 * ('broken-dependency'), by depth-first search in config order. Iterative, with an explicit stack:
 * a chain of any length is checked without recursion. Every member of a cycle and every user of a
 * broken segment carries `sameAs`, the segment whose problem it repeats, so it is reported once.
 */
function checkDependencies(
  names: readonly string[],
  uses: ReadonlyMap<string, readonly Name[]>,
  errors: Map<string, ExpressionError>,
  textOfSegment: (name: string) => string,
): void {
  const depth = new Map<string, number>(); // done and healthy: the longest chain from it, itself included
  const onStack = new Map<string, number>(); // name → its frame's index
  const stack: Array<{ readonly name: string; next: number }> = [];
  const root = (name: string) => errors.get(name)?.sameAs ?? name;
  const broken = (name: string, ref: Name) =>
    errors.set(name, dependencyError(textOfSegment(name), ref, name, root(ref.name)));

  const markCycle = (cycle: readonly string[]) =>
    cycle.forEach((member, i) => {
      const next = cycle[(i + 1) % cycle.length]!;
      const ref = uses.get(member)!.find((r) => r.name === next)!;
      const hint = 'A segment cannot use itself, directly or through other segments';
      const sameAs = i === 0 ? undefined : cycle[0];
      errors.set(
        member,
        new ExpressionError({
          code: 'cycle',
          detail: `Segments use each other in a cycle: ${loopFrom(cycle, i)}`,
          expression: textOfSegment(member),
          offset: ref.offset,
          length: ref.length,
          hint,
          segment: member,
          sameAs,
          related: cycle,
        }),
      );
    });

  /** Ends a frame: records the depth of a healthy segment, or refuses one nested too deep. */
  const finish = (name: string) => {
    stack.pop();
    onStack.delete(name);
    if (errors.has(name)) return;
    let deepest: Name | undefined;
    for (const ref of uses.get(name) ?? [])
      if (!deepest || depth.get(ref.name)! > depth.get(deepest.name)!) deepest = ref;
    const own = 1 + (deepest ? depth.get(deepest.name)! : 0);
    if (own <= MAX_SEGMENT_DEPTH) return void depth.set(name, own);
    const chain = [name];
    for (
      let at = deepest;
      at && chain.length < 4;
      at = [...(uses.get(at.name) ?? [])].sort((a, b) => depth.get(b.name)! - depth.get(a.name)!)[0]
    )
      chain.push(at.name);
    const detail = `Segments use each other ${own} deep (${chain.join(' → ')} → …), the limit is ${MAX_SEGMENT_DEPTH}`;
    errors.set(
      name,
      new ExpressionError({
        code: 'limit',
        detail,
        expression: textOfSegment(name),
        offset: deepest!.offset,
        length: deepest!.length,
        hint: 'Use the conditions of the deeper segments directly, in fewer steps',
        segment: name,
      }),
    );
  };

  for (const start of names) {
    if (depth.has(start) || errors.has(start)) continue;
    stack.push({ name: start, next: 0 });
    onStack.set(start, 0);
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const refs = uses.get(frame.name) ?? [];
      if (frame.next > 0) {
        // Back from the previous ref: it may have broken this segment (a cycle through it) or itself.
        const ref = refs[frame.next - 1]!;
        if (errors.has(frame.name)) {
          finish(frame.name);
          continue;
        }
        if (errors.has(ref.name)) {
          broken(frame.name, ref);
          finish(frame.name);
          continue;
        }
      }
      const ref = refs[frame.next++];
      if (!ref) {
        finish(frame.name);
        continue;
      }
      const target = ref.name;
      const loop = onStack.get(target);
      if (loop !== undefined) {
        markCycle(stack.slice(loop).map((f) => f.name));
        finish(frame.name);
      } else if (!depth.has(target) && !errors.has(target)) {
        onStack.set(target, stack.length);
        stack.push({ name: target, next: 0 });
      }
    }
  }
}
