/**
 * Checks a model before anything evaluates it (config parse, `p13n learn --model`, the studio). Pure
 * and total: any JSON in, either the model or the problems, each naming the model and where in it;
 * never throws. All or nothing: a model with one bad term is refused whole, because scoring without
 * that term would give every visitor a wrong score; `predicted_purchase` is then null (comparisons
 * with it false) until the model is fixed or written again by `p13n learn`. It runs on every page
 * view, in the shopper's bundle: the messages are short, and say what `p13n learn` writes instead.
 */
import {
  MAX_MODEL_LEVELS,
  MAX_MODEL_NUMBERS,
  MAX_MODEL_TERMS,
  MAX_MODEL_TREES,
  MAX_MODEL_WEIGHT,
  MAX_TREE_DEPTH,
} from '../limits.js';
import { featureKind } from './features.js';
import type { Model } from './types.js';
import { isObject } from '../is-object.js';

export interface ModelProblem {
  /** Inside the model: `f[3]`, `t[0]`; '' for the whole. */
  readonly path: string;
  readonly message: string;
}

export type ParsedModel =
  | { readonly model: Model; readonly problems: [] }
  | { readonly model: null; readonly problems: ModelProblem[] };

type Json = Record<string, unknown>;
const isWeight = (value: unknown): value is number =>
  typeof value === 'number' && value >= -MAX_MODEL_WEIGHT && value <= MAX_MODEL_WEIGHT;
const lowerCase = (text: unknown) => typeof text === 'string' && text === text.toLowerCase();
const WEIGHT = `a number from -${MAX_MODEL_WEIGHT} to ${MAX_MODEL_WEIGHT}`;

/** `name`: the model's key under `models`, for the messages. */
export function parseModel(json: unknown, name = 'purchase'): ParsedModel {
  const problems: ModelProblem[] = [];
  const fail = (path: string, message: string) => void problems.push({ path, message: `model '${name}': ${message}` });
  let numbers = 0;
  /** Why `attribute` cannot be read here, or '' when it can (`number`: a split compares it with a number). */
  const reads = (attribute: unknown, number?: boolean): string => {
    const kind = typeof attribute === 'string' ? featureKind(attribute) : null;
    return !kind
      ? `reads ${typeof attribute === 'string' ? `'${attribute}'` : 'no attribute ("a")'}, not one a model may read`
      : number && kind !== 'number'
        ? `reads '${attribute}' as a number: it is a value from a set`
        : '';
  };
  const term = (t: unknown): string => {
    if (!isObject(t) || (t.l === undefined) === (t.c === undefined))
      return 'must be {"a", "l"} or {"a", "c", "o", "m"}';
    const problem = reads(t.a, t.l !== undefined);
    if (problem) return problem;
    const levels = isObject(t.c) ? Object.entries(t.c) : [];
    numbers += 3 + levels.length;
    if (levels.length > MAX_MODEL_LEVELS) return `has ${levels.length} levels, the limit is ${MAX_MODEL_LEVELS}`;
    const ok =
      (t.l === undefined ? isObject(t.c) : isWeight(t.l)) &&
      [t.o ?? 0, t.m ?? 0].every(isWeight) &&
      levels.every(([level, w]) => lowerCase(level) && isWeight(w));
    return ok ? '' : `has a weight that is not ${WEIGHT}, or a level not in lower case`;
  };
  const node = (n: unknown, depth: number): string => {
    numbers++;
    if (isWeight(n)) return '';
    if (!Array.isArray(n) || n.length !== 4 || depth >= MAX_TREE_DEPTH)
      return `a node is a leaf (${WEIGHT}) or [attribute, test, yes, no], at most ${MAX_TREE_DEPTH} splits deep`;
    const [attribute, test, yes, no] = n as unknown[];
    const number = typeof test === 'number' && test - test === 0;
    if (!number && !(Array.isArray(test) && test.length <= MAX_MODEL_LEVELS && test.every(lowerCase)))
      return 'a split tests a number or a list of lower-case levels';
    numbers += number ? 0 : (test as unknown[]).length;
    return reads(attribute, number) || node(yes, depth + 1) || node(no, depth + 1);
  };
  const list = (key: 'f' | 't', max: number, what: string, check: (item: unknown) => string) => {
    const items = (json as Json)[key] ?? [];
    if (!Array.isArray(items) || items.length > max)
      return fail(key, `"${key}" must be a list of at most ${max} ${what}s`);
    items.forEach((item, i) => {
      const problem = check(item);
      if (problem) fail(`${key}[${i}]`, `${what} ${i} ${problem}`);
    });
    return items.length;
  };

  if (!isObject(json)) fail('', 'must be an object, as p13n learn writes it');
  else if (json.v !== 1) fail('v', `version ${String(json.v)} is not 1: run p13n learn again`);
  else {
    if (!isWeight(json.b)) fail('b', `"b" (the intercept) must be ${WEIGHT}`);
    const seen = new Set<unknown>();
    const terms = list('f', MAX_MODEL_TERMS, 'term', (t) => {
      const problem = term(t);
      if (problem) return problem;
      const a = (t as Json).a; // an object now: term() checked it
      return seen.has(a) ? `reads '${a}' twice` : (seen.add(a), '');
    });
    const trees = list('t', MAX_MODEL_TREES, 'tree', (t) => node(t, 0));
    if (!problems.length && !terms && !trees) fail('', 'has no terms ("f") and no trees ("t")');
    if (numbers > MAX_MODEL_NUMBERS) fail('', `holds ${numbers} numbers, the limit is ${MAX_MODEL_NUMBERS}`);
  }
  return problems.length ? { model: null, problems } : { model: json as unknown as Model, problems: [] };
}
