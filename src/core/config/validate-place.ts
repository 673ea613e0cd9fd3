/**
 * Where a validator problem is, for people: its place in words (`slot "hero", rule "winback"`), and the
 * order problems are listed in (errors first, then as their places appear in the config).
 */
import type { ValidationProblem } from './validate.js';
import { isObject } from '../is-object.js';

const rulesOf = (slot: unknown): unknown[] => (isObject(slot) && Array.isArray(slot.rules) ? slot.rules : []);

/** `slots.hero.rules[0].when` → `slot "hero", rule "winback"`: how the owner names the place. */
export function placeOf(path: string, json: unknown): string | undefined {
  const segment = /^segments\.(.+)$/.exec(path);
  if (segment) return `segment "${segment[1]}"`;
  const slot = /^slots\.([^.[]+)(?:\.rules\[(\d+)\](?:\.variants\[(\d+)\])?)?/.exec(path);
  if (!slot) return undefined;
  const [, slotName, ruleIndex, variantIndex] = slot;
  const words = [`slot "${slotName}"`];
  if (ruleIndex !== undefined) {
    const rule = rulesOf(isObject(json) && isObject(json.slots) ? json.slots[slotName!] : undefined)[Number(ruleIndex)];
    const id = isObject(rule) && typeof rule.id === 'string' && rule.id !== '' ? rule.id : undefined;
    words.push(id ? `rule "${id}"` : `rule #${Number(ruleIndex) + 1}`);
    if (variantIndex !== undefined) {
      const variant = isObject(rule) && Array.isArray(rule.variants) ? rule.variants[Number(variantIndex)] : undefined;
      words.push(
        isObject(variant) && typeof variant.id === 'string'
          ? `variant "${variant.id}"`
          : `variant #${Number(variantIndex) + 1}`,
      );
    }
  }
  return words.join(', ');
}

/** Errors before warnings, each in the order their place appears in the config. */
export function inDocumentOrder(problems: readonly ValidationProblem[], json: unknown): ValidationProblem[] {
  const order = new Map<string, number>();
  const walk = (value: unknown, path: string) => {
    order.set(path, order.size);
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`));
    else if (isObject(value))
      for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key);
  };
  walk(json, '');
  const rank = (path: string): number => {
    for (let p = path; ; ) {
      const found = order.get(p);
      if (found !== undefined) return found;
      if (p === '') return order.size;
      const parent = p.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
      p = parent === p ? '' : parent;
    }
  };
  const severity = (problem: ValidationProblem) =>
    problem.severity === 'error' ? 0 : problem.severity === 'warning' ? 1 : 2;
  return problems
    .map((problem, index) => ({ problem, index, rank: rank(problem.path) }))
    .sort((a, b) => severity(a.problem) - severity(b.problem) || a.rank - b.rank || a.index - b.index)
    .map(({ problem }) => problem);
}
