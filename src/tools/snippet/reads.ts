/**
 * What a compiled config reads: every attribute test its rules can reach (through the segments they
 * use), and every attribute its contents print with `{{tokens}}`. The ahead-of-time compiler picks the
 * inline decider's fact readers and prunes its tables from this.
 */
import type { CompiledConfig } from '../../core/config/compile.js';
import type { Content } from '../../core/config/types.js';
import { TOKEN } from '../../core/content/tokens.js';
import type { Expr } from '../../core/program/expr.js';

/** One leaf test: the attribute path it reads and the test itself, in the expression form. */
export interface LeafTest {
  readonly path: string;
  readonly expr: Expr;
}

/** An attribute a `{{token}}` prints, and the tests its rule needs to hold to show it (necessary, not sufficient). */
export interface Print {
  readonly path: string;
  readonly guards: readonly LeafTest[];
}

export interface Reads {
  readonly tests: readonly LeafTest[];
  /** Attribute paths printed by `{{tokens}}` (the exact value matters, not only a test's answer). */
  readonly printed: ReadonlySet<string>;
  readonly prints: readonly Print[];
  /** Every attribute read, by its top-level name (`interest` for `interest.running`). */
  readonly attributes: ReadonlySet<string>;
}

const LEAVES = new Set([
  'n',
  'b',
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'in',
  'any',
  'has',
  'sub',
  'pre',
  'btw',
  'd',
  'dbtw',
  'din',
]);

export function readsOf(compiled: CompiledConfig): Reads {
  const tests: LeafTest[] = [];
  const seen = new Set<string>();
  const walk = (expr: unknown): void => {
    if (!Array.isArray(expr)) return;
    const [op, a] = expr as unknown[];
    if (op === '&' || op === '|' || op === '!') return expr.slice(1).forEach(walk);
    if (op === 's') {
      if (typeof a !== 'string' || seen.has(a)) return;
      seen.add(a);
      return walk(compiled.segments.exprs.get(a));
    }
    if (typeof op === 'string' && LEAVES.has(op) && typeof a === 'string') {
      tests.push({ path: a, expr: expr as unknown as Expr });
      // Offsets count from today: a date test reads `date` too.
      if (op === 'd' || op === 'dbtw' || op === 'din') tests.push({ path: 'date', expr: ['n', 'date'] });
    }
  };
  const prints: Print[] = [];
  for (const slot of compiled.slots) {
    for (const rule of slot.rules) {
      walk(rule.expr);
      const guards = conjuncts(compiled, rule.expr);
      for (const content of [rule.content, ...(rule.variants ?? []).map((v) => v.content)]) {
        for (const path of tokensOf(content)) prints.push({ path, guards });
      }
    }
  }
  const printed = new Set(prints.map((p) => p.path));
  const top = (path: string) => path.split('.')[0]!;
  return { tests, printed, prints, attributes: new Set([...tests.map((t) => top(t.path)), ...[...printed].map(top)]) };
}

/** The tests an expression needs to hold: its top-level AND's leaves, through the segments it names. */
function conjuncts(compiled: CompiledConfig, expr: unknown, seen = new Set<string>()): LeafTest[] {
  if (!Array.isArray(expr)) return [];
  const [op, a] = expr as unknown[];
  if (op === '&') return expr.slice(1).flatMap((item) => conjuncts(compiled, item, seen));
  if (op === 's' && typeof a === 'string' && !seen.has(a)) {
    seen.add(a);
    return conjuncts(compiled, compiled.segments.exprs.get(a), seen);
  }
  return typeof op === 'string' && LEAVES.has(op) && typeof a === 'string'
    ? [{ path: a, expr: expr as unknown as Expr }]
    : [];
}

/** Attribute paths in a content's `{{tokens}}`, wherever they are (text, URLs, owner HTML). */
function tokensOf(content: Content | null | undefined): string[] {
  if (!content) return [];
  const text = JSON.stringify(content);
  return [...text.matchAll(new RegExp(TOKEN.source, 'g'))].map((match) => match[1]!);
}
