/**
 * Names → what they mean: an attribute (and how to read it), a segment, or an error with a "Did you
 * mean …?" hint drawn from the attribute registry and the config's segment names.
 */
import { ATTRIBUTES, attributeSpec, type AttributeSpec, type AttributeType } from '../attributes/registry.js';
import { ExpressionError, hintBudget, nearest, type ExpressionErrorCode, type HintBudget } from './errors.js';
import { aliasOf } from '../attributes/aliases.js';
import type { Attributes } from '../types.js';
import type { Name, Span } from './ast.js';

/** An attribute is read as `attrs[key]`, or as `attrs[namespace][key]` below a namespace. */
export type Resolved =
  | {
      readonly kind: 'attribute';
      readonly type: AttributeType;
      readonly spec: AttributeSpec;
      readonly key: string;
      readonly namespace?: string;
    }
  | { readonly kind: 'segment' };

export type Attribute = Extract<Resolved, { kind: 'attribute' }>;

const hasOwn = Object.prototype.hasOwnProperty;

/** `o[key]` when it is o's own property: never the prototype's (`constructor`, `__proto__`). */
export const own = (o: unknown, key: string): unknown =>
  o !== null && o !== undefined && hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;

/** One attribute read, then the test: the only shape every leaf of the closure tree has. */
export function reading(
  target: Attribute,
  test: (v: unknown) => boolean,
): (ev: { readonly attrs: Attributes }) => boolean {
  const { key, namespace } = target;
  if (namespace === undefined) {
    return (ev) => {
      const attrs = ev.attrs;
      return test(attrs !== null && attrs !== undefined && hasOwn.call(attrs, key) ? attrs[key] : undefined);
    };
  }
  return (ev) => {
    const value = own(own(ev.attrs, namespace), key);
    return test(value === undefined || value === null ? 0 : value); // a missing key reads as 0
  };
}

const NAMESPACES = ATTRIBUTES.filter((s) => s.namespace).map((s) => s.name);
const PLAIN = ATTRIBUTES.filter((s) => !s.namespace).map((s) => s.name);

export const isAttributeName = (name: string): boolean =>
  ATTRIBUTES.some((s) => s.name === name) || aliasOf(name) !== undefined;

/** One "Did you mean" budget per set of segment names, i.e. per config: see HintBudget. */
const budgets = new WeakMap<ReadonlySet<string>, HintBudget>();
export function hintsFor(segments: ReadonlySet<string>): HintBudget {
  let budget = budgets.get(segments);
  if (!budget) budgets.set(segments, (budget = hintBudget()));
  return budget;
}

export function fail(code: ExpressionErrorCode, expression: string, span: Span, detail: string, hint?: string): never {
  throw new ExpressionError({ code, detail, expression, offset: span.offset, length: span.length, hint });
}

/** Resolves `name`; `bare` when it stands alone (so it may be a segment), not as the left of a test. */
export function resolve(name: Name, expression: string, segments: ReadonlySet<string>, bare: boolean): Resolved {
  const path = name.name;
  const spec = attributeSpec(aliasOf(path) ?? path); // Shopify's number_of_orders reads orders
  if (spec?.namespace) {
    const dot = path.indexOf('.');
    // Namespace keys are lower-cased once, here.
    return {
      kind: 'attribute',
      type: spec.type,
      spec,
      namespace: path.slice(0, dot),
      key: path.slice(dot + 1).toLowerCase(),
    };
  }
  if (spec) return { kind: 'attribute', type: spec.type, spec, key: spec.name };
  if (segments.has(path)) return { kind: 'segment' };
  if (NAMESPACES.includes(path)) {
    fail('type', expression, name, `'${path}' needs a key`, `Write it like ${path}.running >= 1`);
  }
  return unknown(name, expression, segments, bare);
}

function unknown(name: Name, expression: string, segments: ReadonlySet<string>, bare: boolean): never {
  const path = name.name;
  const dot = path.indexOf('.');
  if (dot >= 0) {
    const head = path.slice(0, dot);
    const namespace = nearest(head, NAMESPACES, hintsFor(segments));
    const hint = PLAIN.includes(head)
      ? `Only ${NAMESPACES.join(' and ')} take a key, e.g. ${NAMESPACES[0]}.running`
      : namespace && `Did you mean '${namespace}${path.slice(dot)}'?`;
    return fail('unknown-attribute', expression, name, `Unknown attribute '${path}'`, hint);
  }
  const budget = hintsFor(segments);
  // The candidate list is built only while hints are still affordable.
  const guess = budget.cells > 0 ? nearest(path, bare ? [...PLAIN, ...segments] : PLAIN, budget) : undefined;
  const hint = guess && `Did you mean '${guess}'?`;
  if (guess && !PLAIN.includes(guess))
    return fail('unknown-segment', expression, name, `Unknown segment '${path}'`, hint);
  const what = bare ? 'attribute or segment' : 'attribute';
  return fail('unknown-attribute', expression, name, `Unknown ${what} '${path}'`, hint);
}

const TYPE_WORDS: Readonly<Record<AttributeType, string>> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  list: 'a list',
  date: 'a date',
};

export const typeWord = (type: AttributeType): string => TYPE_WORDS[type];

/** How to use an attribute of this type, for hints: "campaign = '…' or campaign IS NOT NULL". */
export function example(name: string, spec: AttributeSpec): string {
  switch (spec.type) {
    case 'string':
      return `${name} = '${spec.values?.[0] ?? '…'}' or ${name} IS NOT NULL`;
    case 'number':
      return spec.namespace ? `${name} >= 1` : `${name} >= 1 or ${name} IS NOT NULL`;
    case 'list':
      return `${name} CONTAINS '…' or ${name} IS NOT NULL`;
    case 'boolean':
      return `${name} or NOT ${name}`;
    case 'date':
      return `${name} > -30d or ${name} IS NOT NULL`;
  }
}
