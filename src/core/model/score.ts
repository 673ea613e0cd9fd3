/**
 * The model evaluator: the one piece of `p13n learn` that reaches shoppers. Pure and tiny (it is also
 * inlined into the early decider), with no imports beyond types, and the same code scores a table in
 * `p13n learn --score`, so the browser and the owner's machine cannot disagree.
 *
 * Fail-safe by construction: every read is checked (a value of the wrong type counts as missing), a
 * level is looked up as an own property only (`constructor` is a level like any other), and a model
 * reaches this code only through parseModel(), which bounds its size and its numbers.
 */
import type { Model, Read, TreeNode } from './types.js';

const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Finite numbers only; anything else is missing. */
const number = (value: unknown): number | null => (typeof value === 'number' && value - value === 0 ? value : null);

/** Text of a level: its lower-case string; null when missing. */
const level = (value: unknown): string | null =>
  value === null || value === undefined || (typeof value === 'number' && value !== value)
    ? null
    : String(value).toLowerCase();

function leaf(node: TreeNode, read: Read): number {
  while (typeof node !== 'number') {
    const [attribute, test, yes, no] = node;
    const value = read(attribute);
    let pass: boolean;
    if (typeof test === 'number') {
      const x = number(value);
      pass = x !== null && x < test;
    } else {
      const x = level(value);
      pass = x !== null && test.includes(x);
    }
    node = pass ? yes : no;
  }
  return node;
}

/** The log-odds of a purchase. */
export function logOdds(model: Model, read: Read): number {
  let z = model.b;
  for (const term of model.f ?? []) {
    const value = read(term.a);
    if ('l' in term) {
      const x = number(value);
      z += x === null ? (term.m ?? 0) : term.l * Math.log1p(x > 0 ? x : 0);
    } else {
      const x = level(value);
      z += x === null ? (term.m ?? 0) : has(term.c, x) ? term.c[x]! : (term.o ?? 0);
    }
  }
  for (const tree of model.t ?? []) z += leaf(tree, read);
  return z;
}

/** The probability of a purchase, 0-1. */
export function score(model: Model, read: Read): number {
  return 1 / (1 + Math.exp(-logOdds(model, read)));
}

/** Every attribute the model reads, each once, in the model's order. */
export function modelAttributes(model: Model): string[] {
  const names = new Set<string>();
  for (const term of model.f ?? []) names.add(term.a);
  const walk = (node: TreeNode): void => {
    if (typeof node !== 'number') {
      names.add(node[0]);
      walk(node[2]);
      walk(node[3]);
    }
  };
  for (const tree of model.t ?? []) walk(tree);
  return [...names];
}

/**
 * What each attribute adds to the log-odds: the score with it minus the score with it unknown (for a
 * term, its weight against its `m`; for trees, every split on it taking `no`). Largest effect first.
 * For the debug panel and the studio; the shopper's decision never calls it.
 */
export function contributions(model: Model, read: Read): Array<[attribute: string, logOdds: number]> {
  const z = logOdds(model, read);
  return modelAttributes(model)
    .map((name): [string, number] => [
      name,
      z - logOdds(model, (attribute) => (attribute === name ? null : read(attribute))),
    ])
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
}
