/**
 * Turns a parsed config into what the decision step runs: compiled segments and, per slot, rules with
 * their `when` compiled once. A rule whose expression is broken (or uses a broken segment) is disabled
 * on its own; every other rule keeps working.
 */
import { sourceIndexOf, type ConfigProblem } from './parse.js';
import type { Config, Content, Rule } from './types.js';
import { compileSegments, ExpressionError, type Predicate, type SegmentSet } from '../segments/index.js';
import { scheduleOf, type Schedule } from '../decide/schedule.js';

export interface CompiledRule {
  readonly id: string;
  readonly when: string | undefined;
  /** `null` for a rule without `when`: it matches everyone. */
  readonly predicate: Predicate | null;
  /** Why the rule is off, when it is: it is then skipped, never matched. */
  readonly disabled: string | null;
  readonly selector: string | undefined;
  readonly content: Content | null;
  readonly variants: Rule['variants'];
  readonly traffic: number | undefined;
  readonly version: number;
  /** The rule's `weights_version` (1 when absent): which set of weights an exposure was drawn under. */
  readonly weightsVersion: number;
  /** `from` / `until`: outside it the rule is skipped. Null when the rule has none. */
  readonly schedule: Schedule | null;
  /** Per variant (same order), the same; null when no variant has one. */
  readonly variantSchedules: readonly (Schedule | null)[] | null;
}

export interface CompiledSlot {
  readonly name: string;
  readonly selector: string;
  readonly rules: readonly CompiledRule[];
}

export interface CompiledConfig {
  readonly config: Config;
  readonly segments: SegmentSet;
  readonly slots: readonly CompiledSlot[];
  /** Structural problems plus expression errors, each with its JSON path. */
  readonly problems: readonly ConfigProblem[];
}

/** The default element of a slot; the name is escaped so any string is a safe selector. */
export function slotSelector(name: string): string {
  return `[data-p13n-slot="${name.replace(/["\\]/g, '\\$&')}"]`;
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
  let predicate: Predicate | null = null;
  let disabled: string | null = null;
  if (rule.when !== undefined) {
    try {
      predicate = segments.compile(rule.when);
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
  return {
    id: rule.id,
    when: rule.when,
    predicate,
    disabled,
    selector: rule.selector,
    content: rule.content ?? null,
    variants: rule.variants,
    traffic: rule.traffic,
    version: rule.version ?? 1,
    weightsVersion: rule.weights_version ?? 1,
    schedule: scheduleOf(rule),
    variantSchedules: rule.variants?.some((v) => v.from !== undefined || v.until !== undefined)
      ? rule.variants.map(scheduleOf)
      : null,
  };
}
