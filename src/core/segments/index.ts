/**
 * The segment expression language, public API: compile a config's named segments once, then evaluate
 * them per visitor (each at most once per evaluation), and compile the rules' `when` expressions
 * against them. A broken segment (bad syntax, unknown attribute, cycle, broken dependency) is reported
 * in `errors` and left out; it never throws at evaluation time, and never takes the others down.
 */
import { compileAst, type Evaluation, type Predicate } from './compile.js';
import { ExpressionError, formatExpressionError, inSegment, nearest } from './errors.js';
import { isKeyword } from './lexer.js';
import type { Ast, Name } from './ast.js';
import { parse } from './parser.js';
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
  /** Memoizes each segment once; forced segments are true (preview). */
  evaluation(attrs: Attributes, options?: { forced?: ReadonlySet<string> }): Evaluation;
  /** Names of the healthy segments that match. */
  match(ev: Evaluation): string[];
  /** Segment names an expression uses, transitively. Throws ExpressionError on bad syntax. */
  references(expression: string): string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Evaluation states of one segment. */
const TRUE = 1;
const FALSE = 2;
const RUNNING = 3;

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
  const predicates = new Map<string, Predicate>();
  const uses = new Map<string, Name[]>();
  for (const name of known) {
    try {
      const expression = textOf(defs[name]);
      const tree = parse(expression);
      trees.set(name, tree);
      const refs: Name[] = [];
      predicates.set(name, compileAst(tree, expression, known, (ref) => refs.push(ref)));
      uses.set(name, refs);
    } catch (e) {
      error(name, e);
    }
  }
  checkDependencies([...predicates.keys()], uses, errors, (name) => textOf(defs[name]));

  const names = all.filter((name) => predicates.has(name) && !errors.has(name));
  const inOrder = new Map(all.filter((name) => errors.has(name)).map((name) => [name, errors.get(name)!]));
  const index = new Map(names.map((name, i) => [name, i]));
  const compiled = names.map((name) => predicates.get(name)!);

  return {
    names,
    errors: inOrder,
    compile(expression) {
      const text = textOf(expression);
      const refs: Name[] = [];
      const predicate = compileAst(parse(text), text, known, (ref) => refs.push(ref));
      const usesBroken = refs.find((ref) => errors.has(ref.name));
      if (usesBroken) throw dependencyError(text, usesBroken, rootOf(errors, usesBroken.name));
      return (ev) => {
        try {
          return predicate(ev);
        } catch {
          return false; // fail closed: nothing in the page breaks because of an expression
        }
      };
    },
    evaluation(attrs, options) {
      const forced = options?.forced;
      const memo: number[] = []; // segment index → TRUE / FALSE / RUNNING; a hole is UNKNOWN
      const ev: Evaluation = {
        attrs,
        segment(name) {
          if (forced && forced.has(name)) return true;
          const i = index.get(name);
          if (i === undefined) return false;
          const state = memo[i];
          if (state !== undefined) return state === TRUE;
          memo[i] = RUNNING; // read as false, should a cycle ever slip through
          let result = false;
          try {
            result = compiled[i]!(ev) === true;
          } catch {
            result = false;
          }
          memo[i] = result ? TRUE : FALSE;
          return result;
        },
      };
      return ev;
    },
    match(ev) {
      return names.filter((name) => ev.segment(name));
    },
    references(expression) {
      const found = new Set<string>();
      const visit = (tree: Ast) =>
        forEachName(tree, (name) => {
          if (!known.has(name) || found.has(name)) return;
          found.add(name);
          const used = trees.get(name);
          if (used) visit(used);
        });
      visit(parse(textOf(expression)));
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
  throw new ExpressionError({ code: 'syntax', detail: 'An expression must be text', expression: String(expression), offset: 0, length: 1, hint: "Write it in quotes, e.g. \"visits >= 3\"" });
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
  report(name, new ExpressionError({ code: 'bad-name', detail, expression: name, offset: 0, length: name.length, hint }));
  return true;
}

/** The segment whose own mistake breaks `name`: itself, or the one at the end of its broken uses. */
function rootOf(errors: ReadonlyMap<string, ExpressionError>, name: string): string {
  const error = errors.get(name);
  return error?.code === 'broken-dependency' ? error.related?.[1] ?? name : name;
}

function dependencyError(expression: string, ref: Name, root: string, segment?: string): ExpressionError {
  const detail = root === ref.name ? `Uses segment '${ref.name}', which has an error of its own` : `Uses segment '${ref.name}', which is off because segment '${root}' has an error`;
  return new ExpressionError({ code: 'broken-dependency', detail, expression, offset: ref.offset, length: ref.length, hint: `Fix '${root}' first`, segment, related: [ref.name, root] });
}

/**
 * Marks segments in a cycle ('cycle', each naming the whole loop from itself: a → b → a) and those using
 * a broken segment ('broken-dependency'), by depth-first search in config order.
 */
function checkDependencies(names: readonly string[], uses: ReadonlyMap<string, readonly Name[]>, errors: Map<string, ExpressionError>, textOfSegment: (name: string) => string): void {
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    if (done.has(name)) return;
    stack.push(name);
    for (const ref of uses.get(name) ?? []) {
      const target = ref.name;
      const loop = stack.indexOf(target);
      if (loop >= 0) {
        markCycle(stack.slice(loop));
        break;
      }
      if (!errors.has(target)) visit(target);
      if (errors.has(name)) break; // it was part of a cycle found further down
      if (errors.has(target)) {
        errors.set(name, dependencyError(textOfSegment(name), ref, rootOf(errors, target), name));
        break;
      }
    }
    stack.pop();
    done.add(name);
  };
  const markCycle = (cycle: readonly string[]) =>
    cycle.forEach((member, i) => {
      const next = cycle[(i + 1) % cycle.length]!;
      const ref = uses.get(member)!.find((r) => r.name === next)!;
      const path = [...cycle.slice(i), ...cycle.slice(0, i), member].join(' → ');
      const hint = 'A segment cannot use itself, directly or through other segments';
      errors.set(member, new ExpressionError({ code: 'cycle', detail: `Segments use each other in a cycle: ${path}`, expression: textOfSegment(member), offset: ref.offset, length: ref.length, hint, segment: member, related: cycle }));
    });
  for (const name of names) visit(name);
}
