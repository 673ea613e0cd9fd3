/**
 * Whether a rule's `when` can only be true when an earlier rule's is true too: then the earlier rule
 * always decides the slot first and the later one can never show (`loyal`, `visits >= 3`, after
 * `returning`, `visits >= 2`). The validator reports it; it must never cry wolf, so this proves the
 * implication or says no. What it can prove:
 * - the same test, wherever it sits (segments are expanded, `logged_in` is `logged_in = true`,
 *   `number_of_orders` is `orders`);
 * - numbers on one attribute: `=`, `!=`, `<`, `<=`, `>`, `>=`, `IN`, `BETWEEN`, `NOT BETWEEN` as ranges,
 *   one range inside the other (`visits >= 3` → `visits >= 2`; `visits BETWEEN 3 AND 5` → `visits > 2`),
 *   and ranges of one AND on one attribute together (`visits >= 3 AND visits <= 5` → `visits < 10`);
 * - text on one attribute: `=` and `IN`, ignoring case as the script does (`device = 'mobile'` →
 *   `device IN ('mobile', 'tablet')`);
 * - `x IS NOT NULL` after any of those tests on x (each is false on a missing value);
 * - AND and OR: `a AND b` → `a`; `a` → `a OR b`; each side of an OR.
 * Everything else (NOT, dates, lists, CONTAINS, a test across two attributes) counts only when it is
 * the very same test. A proof that would take too long is given up: silence, not a guess.
 */
import { aliasOf } from '../attributes/aliases.js';
import { attributeSpec } from '../attributes/registry.js';
import { parse, type Ast } from '../segments/index.js';
import { ALL, factsImply, factsOf, intersect, type Facts, type Range, type Test } from './shadow-facts.js';

type Term = { readonly id: number } & (
  | { readonly kind: 'and' | 'or'; readonly items: readonly Term[] }
  | { readonly kind: 'const'; readonly value: boolean }
  | { readonly kind: 'atom'; readonly facts: Facts | null }
);

/**
 * Implication steps for a whole config: the demo config takes 111, so 50,000 covers about a hundred
 * rules in one slot compared pairwise; 1,000 unrelated rules (the limit) use it up in a few tenths of a
 * second, and the check then falls silent rather than slow the validator down.
 */
const BUDGET = 50_000;
/** Items of one flattened AND / OR, and how deep segments may nest before one is kept whole (opaque). */
const MAX_ITEMS = 64;
const MAX_DEPTH = 96;
/** Above any term count (a config holds at most 100,000 characters of expressions); below 2^53 squared. */
const ID_SPAN = 2 ** 24;

class OutOfBudget extends Error {}

/**
 * `covers(later, earlier)`: true only when every visitor `later` matches is matched by `earlier`
 * (`undefined` is a rule without `when`: everyone). Both must be expressions that compile.
 */
export function ruleImplication(segments: Readonly<Record<string, string>>) {
  const terms = new Map<string, Term>();
  const depths = new Map<Term, number>();
  const expanded = new Map<string, Term>();
  const expanding = new Set<string>();
  /** Proven or refused, by `later.id * ID_SPAN + earlier.id`: numbers, not strings, for a cheap lookup. */
  const memo = new Map<number, boolean>();
  let budget = BUDGET;

  const intern = (key: string, make: (id: number) => Term, depth = 0): Term => {
    let term = terms.get(key);
    if (!term) {
      term = make(terms.size);
      terms.set(key, term);
      depths.set(term, depth);
    }
    return term;
  };
  const atom = (key: string, facts: Facts | null) => intern(`a:${key}`, (id) => ({ id, kind: 'atom', facts }));
  const constant = (value: boolean) => intern(`c:${value}`, (id) => ({ id, kind: 'const', value }));

  function group(kind: 'and' | 'or', parts: readonly Term[]): Term {
    const flat: Term[] = [];
    for (const part of parts) {
      if (part.kind === kind && flat.length + part.items.length <= MAX_ITEMS) flat.push(...part.items);
      else flat.push(part);
    }
    if (kind === 'and') flat.push(...combinedRanges(flat));
    const items = [...new Map(flat.map((item) => [item.id, item])).values()].sort((a, b) => a.id - b.id);
    if (items.length === 1) return items[0]!;
    const depth = 1 + Math.max(...items.map((item) => depths.get(item) ?? 0));
    return intern(`${kind}:${items.map((item) => item.id).join(',')}`, (id) => ({ id, kind, items }), depth);
  }

  /** A single range per attribute, from the ANDed ranges on it: implied by them, so safe to add. */
  function combinedRanges(items: readonly Term[]): Term[] {
    const byAttribute = new Map<string, Range[]>();
    for (const item of items) {
      const ranges = item.kind === 'atom' ? item.facts?.ranges : undefined;
      if (ranges?.length !== 1 || item.kind !== 'atom') continue;
      const list = byAttribute.get(item.facts!.attribute) ?? [];
      list.push(ranges[0]!);
      byAttribute.set(item.facts!.attribute, list);
    }
    const out: Term[] = [];
    for (const [attribute, ranges] of byAttribute) {
      if (ranges.length < 2) continue;
      const range = ranges.reduce(intersect, ALL);
      if (range.lo < range.hi || (range.lo === range.hi && range.loIn && range.hiIn))
        out.push(atom(`range:${attribute}:${JSON.stringify(range)}`, { attribute, ranges: [range] }));
    }
    return out;
  }

  function termOf(ast: Ast): Term {
    switch (ast.kind) {
      case 'and':
      case 'or':
        return group(ast.kind, ast.items.map(termOf));
      case 'boolean':
        return constant(ast.value);
      case 'not': {
        const operand = termOf(ast.operand);
        return intern(`not:${operand.id}`, (id) => ({ id, kind: 'atom', facts: null }), depths.get(operand));
      }
      case 'name': {
        // A bare boolean attribute is `= true`, and keyed so.
        const attribute = attributeOf(ast.name);
        if (attribute) return atom(JSON.stringify(['compare', attribute, '=', literal({ value: true })]), null);
        return segment(ast.name);
      }
      default:
        return test(ast);
    }
  }

  function segment(name: string): Term {
    const known = expanded.get(name);
    if (known) return known;
    const opaque = atom(`segment:${name}`, null);
    const definition = Object.prototype.hasOwnProperty.call(segments, name) ? segments[name] : undefined;
    if (typeof definition !== 'string' || expanding.has(name)) return opaque;
    expanding.add(name);
    let term = opaque;
    try {
      const inner = termOf(parse(definition));
      if ((depths.get(inner) ?? 0) <= MAX_DEPTH) term = inner;
    } catch {
      // A broken segment is reported on its own; here it is just itself.
    } finally {
      expanding.delete(name);
    }
    expanded.set(name, term);
    return term;
  }

  function test(ast: Test): Term {
    const attribute = attributeOf(ast.attribute.name) ?? ast.attribute.name;
    const type = attributeSpec(aliasOf(ast.attribute.name) ?? ast.attribute.name)?.type;
    return atom(JSON.stringify(testKey(ast, attribute)), factsOf(ast, attribute, type));
  }

  function implies(b: Term, a: Term): boolean {
    if (b === a) return true;
    if (a.kind === 'const') return a.value;
    if (b.kind === 'const') return !b.value;
    const key = b.id * ID_SPAN + a.id;
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (--budget < 0) throw new OutOfBudget();
    let result: boolean;
    if (b.kind === 'or') result = b.items.every((item) => implies(item, a));
    else if (a.kind === 'and') result = a.items.every((item) => implies(b, item));
    else
      result =
        (a.kind === 'or' && a.items.some((item) => implies(b, item))) ||
        (b.kind === 'and' && b.items.some((item) => implies(item, a))) ||
        (b.kind === 'atom' && a.kind === 'atom' && factsImply(b.facts, a.facts));
    memo.set(key, result);
    return result;
  }

  /** Each rule's tree is turned into a term once: a rule is compared with every rule before it. */
  const ofRule = new WeakMap<Ast, Term>();
  const ruleTerm = (tree: Ast | undefined): Term => {
    if (tree === undefined) return constant(true);
    let term = ofRule.get(tree);
    if (!term) ofRule.set(tree, (term = termOf(tree)));
    return term;
  };

  return function covers(later: Ast | undefined, earlier: Ast | undefined): boolean {
    if (budget < 0) return false;
    try {
      const b = ruleTerm(later);
      const a = ruleTerm(earlier);
      // A `when` that is never true is another problem than being shadowed: say nothing here.
      return !(b.kind === 'const' && !b.value) && implies(b, a);
    } catch (error) {
      if (error instanceof OutOfBudget) return false;
      throw error;
    }
  };
}

const literal = (l: { readonly value: unknown; readonly date?: true }) => [typeof l.value, l.value, l.date === true];

/** A test without its place in the text: equal keys, equal results for every visitor. */
function testKey(ast: Test, attribute: string): unknown[] {
  switch (ast.kind) {
    case 'compare':
      return ['compare', attribute, ast.op, literal(ast.value)];
    case 'in':
      return ['in', attribute, ast.negated, ast.values.map(literal)];
    case 'between':
      return ['between', attribute, ast.negated, literal(ast.low), literal(ast.high)];
    case 'is_null':
      return ['is_null', attribute, ast.negated];
    default:
      return [ast.kind, attribute, ast.negated, literal(ast.value)];
  }
}

/** The attribute a name reads, as one spelling: aliases resolved, a namespace's key lower-cased. */
function attributeOf(name: string): string | undefined {
  const canonical = aliasOf(name) ?? name;
  const spec = attributeSpec(canonical);
  if (!spec) return undefined;
  if (!spec.namespace) return spec.name;
  const dot = canonical.indexOf('.');
  return `${canonical.slice(0, dot)}.${canonical.slice(dot + 1).toLowerCase()}`;
}
