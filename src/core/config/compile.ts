/**
 * Turns a parsed config into what the decision step runs: compiled segments and, per slot, rules with
 * their `when` compiled once. A rule whose expression is broken (or uses a broken segment) is disabled
 * on its own; every other rule keeps working.
 */
import { sourceIndexOf, type ConfigProblem, type ParsedConfig } from './parse.js';
import { compiledFromProgram } from '../program/program.js';
import type { Config, Rule } from './types.js';
import { compileSegments, ExpressionError, expressionsFor, type SegmentSet } from '../segments/index.js';
import type { Expr } from '../program/expr.js';
import { ruleOf, slotSelector, type CompiledConfig, type CompiledRule, type CompiledSlot } from './compiled.js';

export { ruleOf, slotSelector, type CompiledConfig, type CompiledRule, type CompiledSlot };

/**
 * What a parsed config decides with: a program's pre-compiled conditions when it came as one (the
 * expression language then serves only `p13n.matches()` and the debug panel), else compiled here.
 */
export function compileParsed(parsed: ParsedConfig): CompiledConfig {
  if (!parsed.program) return compileConfig(parsed.config, parsed.problems);
  return compiledFromProgram(parsed.program, parsed.config, parsed.problems, expressionsFor);
}

export function compileConfig(config: Config, structural: readonly ConfigProblem[] = []): CompiledConfig {
  const ruleProblems: ConfigProblem[] = [];
  const segments = compileSegments(config.segments);
  const slots = Object.entries(config.slots).map(
    ([name, slot]): CompiledSlot => ({
      name,
      selector: slot.selector ?? slotSelector(name),
      rules: slot.rules.map((rule, index) =>
        compileRule(rule, segments, `slots.${name}.rules[${sourceIndexOf(rule, index)}].when`, ruleProblems),
      ),
    }),
  );
  // Each disabled rule's segments are looked up once (not once per broken segment: 10,000 rules × 5,000
  // segments never finished), and a problem repeated by other segments (a cycle's members, the users
  // of a broken one) is reported once, on the segment it comes from, naming the others.
  const rulesOff = new Map<string, string[]>();
  for (const rule of slots.flatMap((slot) => slot.rules)) {
    if (rule.disabled)
      for (const name of referencesOf(segments, rule.when))
        if (segments.errors.has(name)) push(rulesOff, name, rule.id);
  }
  const repeats = new Map<string, string[]>();
  for (const [name, error] of segments.errors) if (error.sameAs !== undefined) push(repeats, error.sameAs, name);
  const segmentProblems = [...segments.errors]
    .filter(([, error]) => error.sameAs === undefined)
    .map(([name, error]): ConfigProblem => {
      const also = repeats.get(name) ?? [];
      const turnedOff = [...new Set([name, ...also].flatMap((segment) => rulesOff.get(segment) ?? []))];
      const message = `segment '${name}': ${error.message}${also.length ? ` (segments off with it: ${listed(also)})` : ''}${turnedOff.length ? ` (rules off: ${listed(turnedOff)})` : ''}`;
      return { severity: 'error', path: `segments.${name}`, message, ...(error.hint ? { hint: error.hint } : {}) };
    });
  return { config, segments, slots, problems: [...structural, ...segmentProblems, ...ruleProblems] };
}

const push = (map: Map<string, string[]>, key: string, value: string) =>
  void (map.get(key) ?? map.set(key, []).get(key)!).push(value);

/** Up to ten names, then how many more: a problem stays one readable line. */
const listed = (names: readonly string[]) =>
  names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;

function referencesOf(segments: SegmentSet, expression: string | undefined): string[] {
  if (expression === undefined) return [];
  try {
    return segments.references(expression);
  } catch {
    return [];
  }
}

function compileRule(rule: Rule, segments: SegmentSet, path: string, problems: ConfigProblem[]): CompiledRule {
  let expr: Expr | null = null;
  let disabled: string | null = null;
  if (rule.when !== undefined) {
    try {
      expr = segments.lower(rule.when);
    } catch (error) {
      const message = error instanceof ExpressionError ? error.message : String(error);
      disabled = `rule '${rule.id}' is off: ${message}`;
      // A rule that only uses a broken segment repeats that segment's error; report it once, there.
      if (!(error instanceof ExpressionError && error.code === 'broken-dependency')) {
        problems.push({
          severity: 'error',
          path,
          message,
          ...(error instanceof ExpressionError && error.hint ? { hint: error.hint } : {}),
        });
      }
    }
  }
  return ruleOf(rule, expr, disabled);
}
