/**
 * The config's work limits (../limits.ts), applied while it is parsed: past a count the rest is left
 * out, and each limit is reported once, naming where it was hit. The length of one expression and the
 * nesting of segments are checked by the segment language itself (it names the segment there).
 */
import {
  MAX_EXPRESSION_LENGTH,
  MAX_NAME_LENGTH,
  MAX_RULES,
  MAX_SEGMENTS,
  MAX_TOTAL_EXPRESSION_LENGTH,
} from '../limits.js';

type Report = (path: string, message: string, hint?: string) => void;

export interface Budget {
  /** Whether segment `name` fits; reports the first one that does not. */
  segment(name: string, expression: string): boolean;
  /** Whether this rule (as written, before it is parsed) fits; reports the first one that does not. */
  rule(rule: unknown, path: string): boolean;
}

/** A name this long is shown cut, so a problem about it stays readable. */
const shown = (name: string) =>
  name.length > MAX_NAME_LENGTH ? `${name.slice(0, 24)}…(${name.length} characters)` : name;

export function createBudget(error: Report): Budget {
  let segments = 0;
  let rules = 0;
  let characters = 0;
  const said = new Set<string>();
  const once = (limit: string, path: string, message: string, hint: string) => {
    if (said.has(limit)) return;
    said.add(limit);
    error(path, message, hint);
  };
  /** Whether `text` still fits in the total; the first expression past it is named. */
  const fits = (text: string | undefined, path: string): boolean => {
    if (text === undefined) return true;
    // One the parser refuses for its own length (saying so) counts only up to that limit.
    characters += Math.min(text.length, MAX_EXPRESSION_LENGTH + 1);
    if (characters <= MAX_TOTAL_EXPRESSION_LENGTH) return true;
    once(
      'total',
      path,
      `the config's expressions are longer than ${MAX_TOTAL_EXPRESSION_LENGTH} characters together: this one and every later one are left out`,
      'shorten expressions, or reuse segments instead of repeating conditions',
    );
    return false;
  };
  return {
    segment(name, expression) {
      const path = `segments.${shown(name)}`;
      if (name.length > MAX_NAME_LENGTH) {
        once(
          'name',
          path,
          `segment name is ${name.length} characters long, the limit is ${MAX_NAME_LENGTH}: it is left out, as is every segment with a name this long`,
          'use a short name, e.g. big_spender',
        );
        return false;
      }
      if (++segments > MAX_SEGMENTS) {
        once(
          'segments',
          path,
          `more than ${MAX_SEGMENTS} segments: '${name}' and every later one are left out`,
          `keep at most ${MAX_SEGMENTS}; combine conditions into fewer segments`,
        );
        return false;
      }
      return fits(expression, path);
    },
    rule(rule, path) {
      const { id, when } = (typeof rule === 'object' && rule !== null ? rule : {}) as { id?: unknown; when?: unknown };
      if (++rules > MAX_RULES) {
        once(
          'rules',
          path,
          `more than ${MAX_RULES} rules in all slots: rule '${shown(String(id))}' and every later one are left out`,
          `keep at most ${MAX_RULES} rules`,
        );
        return false;
      }
      return fits(typeof when === 'string' ? when : undefined, `${path}.when`);
    },
  };
}
