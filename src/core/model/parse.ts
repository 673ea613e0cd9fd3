/**
 * Checks a model before anything evaluates it (config parse, `p13n learn --model`, the studio). Pure
 * and total: any JSON in, either the model or the problems, each naming the model and where in it;
 * never throws. All or nothing: a model with one bad term is refused whole, because scoring without
 * that term would give every visitor a wrong score; `predicted_purchase` is then null (comparisons
 * with it false) until the model is fixed or written again by `p13n learn`.
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
import type { Model, Term } from './types.js';

export interface ModelProblem {
  /** Inside the model: `f[3].a`, `t[0]`; '' for the whole. */
  readonly path: string;
  readonly message: string;
}

export type ParsedModel =
  | { readonly model: Model; readonly problems: [] }
  | { readonly model: null; readonly problems: ModelProblem[] };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isWeight = (value: unknown): value is number =>
  typeof value === 'number' && value >= -MAX_MODEL_WEIGHT && value <= MAX_MODEL_WEIGHT;
const optionalWeight = (value: unknown) => value === undefined || isWeight(value);

/** `name`: the model's key under `models`, for the messages. */
export function parseModel(json: unknown, name = 'purchase'): ParsedModel {
  const problems: ModelProblem[] = [];
  const fail = (path: string, message: string) => void problems.push({ path, message: `model '${name}': ${message}` });
  let numbers = 0;
  const weight = `a number from -${MAX_MODEL_WEIGHT} to ${MAX_MODEL_WEIGHT}`;

  if (!isObject(json)) fail('', 'must be an object, as p13n learn writes it');
  else if (json.v !== 1) fail('v', `version ${String(json.v)} is not one this script reads (1): run p13n learn again`);
  else {
    if (!isWeight(json.b)) fail('b', `the intercept "b" must be ${weight}`);
    const terms = json.f ?? [];
    const trees = json.t ?? [];
    if (!Array.isArray(terms) || terms.length > MAX_MODEL_TERMS)
      fail('f', `"f" must be a list of at most ${MAX_MODEL_TERMS} terms`);
    else {
      const seen = new Set<string>();
      terms.forEach((term, i) => {
        const problem = checkTerm(term);
        if (problem) fail(`f[${i}]`, `term ${i} ${problem}`);
        else if (seen.has((term as Term).a)) fail(`f[${i}].a`, `term ${i} reads '${(term as Term).a}' a second time`);
        else seen.add((term as Term).a);
      });
    }
    if (!Array.isArray(trees) || trees.length > MAX_MODEL_TREES)
      fail('t', `"t" must be a list of at most ${MAX_MODEL_TREES} trees`);
    else
      trees.forEach((tree, i) => {
        const problem = checkNode(tree, 0);
        if (problem) fail(`t[${i}]`, `tree ${i}: ${problem}`);
      });
    const size = (list: unknown) => (Array.isArray(list) ? list.length : 1);
    if (problems.length === 0 && size(terms) + size(trees) === 0) fail('', 'has no terms ("f") and no trees ("t")');
    if (numbers > MAX_MODEL_NUMBERS) fail('', `holds ${numbers} numbers, the limit is ${MAX_MODEL_NUMBERS}`);
  }
  return problems.length ? { model: null, problems } : { model: json as unknown as Model, problems: [] };

  function reads(attribute: unknown, kind?: 'number'): string | null {
    if (typeof attribute !== 'string') return 'names no attribute ("a")';
    const known = featureKind(attribute);
    if (!known) return `reads '${attribute}', which a model cannot use (only what the script knows at decision time)`;
    return kind && known !== kind ? `compares '${attribute}' with a number, but it is a value from a set` : null;
  }

  function checkTerm(term: unknown): string | null {
    if (!isObject(term)) return 'must be an object';
    const problem = reads(term.a);
    if (problem) return problem;
    if (!optionalWeight(term.m) || !optionalWeight(term.o)) return `has an "m" or "o" that is not ${weight}`;
    numbers += 3;
    if (term.l !== undefined && term.c === undefined) {
      if (featureKind(term.a as string) !== 'number')
        return `gives '${term.a}' a number weight "l", but it is a value from a set`;
      return isWeight(term.l) ? null : `has an "l" that is not ${weight}`;
    }
    if (term.c === undefined || term.l !== undefined) return 'needs exactly one of "l" (a number) or "c" (levels)';
    if (!isObject(term.c)) return 'has a "c" that is not an object of level → weight';
    const levels = Object.keys(term.c);
    if (levels.length > MAX_MODEL_LEVELS) return `has ${levels.length} levels, the limit is ${MAX_MODEL_LEVELS}`;
    numbers += levels.length;
    const bad = levels.find((key) => key !== key.toLowerCase() || !isWeight((term.c as Json)[key]));
    return bad === undefined ? null : `has a level '${bad}' that is not lower case with ${weight}`;
  }

  function checkNode(node: unknown, depth: number): string | null {
    numbers++;
    if (isWeight(node)) return null;
    if (!Array.isArray(node) || node.length !== 4) return `a node is a leaf (${weight}) or [attribute, test, yes, no]`;
    if (depth >= MAX_TREE_DEPTH) return `deeper than ${MAX_TREE_DEPTH} splits`;
    const [attribute, test, yes, no] = node as unknown[];
    const numeric = typeof test === 'number' && test - test === 0;
    const list =
      Array.isArray(test) &&
      test.length <= MAX_MODEL_LEVELS &&
      test.every((x) => typeof x === 'string' && x === x.toLowerCase());
    if (!numeric && !list) return 'a split tests a number or a list of lower-case levels';
    numbers += list ? (test as unknown[]).length : 0;
    return reads(attribute, numeric ? 'number' : undefined) ?? checkNode(yes, depth + 1) ?? checkNode(no, depth + 1);
  }
}
