/**
 * Slot → decision, pure: for each slot the first matching, enabled rule decides; no match keeps the
 * theme's default. Rules with variants are A/B tests: a visitor enters only when allowed (not a bot,
 * storage consent given), falls inside the rule's `traffic` share, and then keeps one variant —
 * stored in the profile, so changing weights does not move people until the owner bumps `version`.
 */
import type { CompiledConfig, CompiledRule, CompiledSlot } from '../config/compile.js';
import type { Config, Content, Variant } from '../config/types.js';
import type { Evaluation } from '../segments/index.js';
import { pickWeighted, unitHash } from './bucket.js';
import { describeWindow, isOpen } from './schedule.js';
import { holdoutExposure, type HoldoutExposure } from './holdout.js';
import { REASONS } from './reasons.js';

export interface DecideInput {
  readonly visitorId: string;
  /** Assignments kept in the profile: assignment key → variant id. */
  readonly assignments: Readonly<Record<string, string>>;
  /**
   * False for bots, for visitors who have not allowed storage, and when the profile cannot be stored
   * (a visitor we cannot remember would get a new id, and maybe a new variant, on every page).
   */
  readonly canExperiment: boolean;
  /** Preview: rule id → variant id, for this tab only; never stored or counted. */
  readonly forcedVariants?: ReadonlyMap<string, string>;
  /** The clock, for `from` / `until`; without it a scheduled rule or variant is closed. */
  readonly now?: number;
}

export interface Experiment {
  /** `ruleId@version`: the key of the assignment in the profile and in events. */
  readonly key: string;
  /** The visitor is counted in the test (false for forced previews). */
  readonly counted: boolean;
}

export interface Decision {
  readonly slot: string;
  readonly selector: string;
  /** The rule that decided, or null when none matched. */
  readonly rule: string | null;
  readonly variant: string | null;
  /** `null` keeps the theme's default content. */
  readonly content: Content | null;
  readonly experiment: Experiment | null;
  /** Why, in words, for the debug panel and `p13n.decisions()`. */
  readonly reason: string;
  /** With a config `holdout`: the visitor's group, for a rule that matched (held out: defaults shown). */
  readonly holdout?: HoldoutExposure | null;
}

export interface DecideResult {
  readonly decisions: readonly Decision[];
  /** Assignments made now that the profile does not have yet. */
  readonly newAssignments: Readonly<Record<string, string>>;
}

const seedOf = (key: string) => `p13n-v1:${key}`;

export const assignmentKey = (rule: Pick<CompiledRule, 'id' | 'version'>) => `${rule.id}@${rule.version}`;

export function decide(compiled: CompiledConfig, evaluation: Evaluation, input: DecideInput): DecideResult {
  const newAssignments: Record<string, string> = {};
  const decisions = compiled.slots.map((slot) => decideSlot(slot, evaluation, input, newAssignments, compiled.config));
  return { decisions, newAssignments };
}

function decideSlot(
  slot: CompiledSlot,
  evaluation: Evaluation,
  input: DecideInput,
  out: Record<string, string>,
  config: Pick<Config, 'holdout'>,
): Decision {
  const skipped: string[] = [];
  for (const rule of slot.rules) {
    if (rule.disabled) {
      if (REASONS) skipped.push(rule.disabled);
      continue;
    }
    if (rule.schedule && !isOpen(rule.schedule, input.now)) {
      if (REASONS && input.now !== undefined)
        skipped.push(`rule '${rule.id}' is scheduled: ${describeWindow(rule.schedule, input.now)}`);
      continue;
    }
    if (rule.predicate && !rule.predicate(evaluation)) continue;
    const selector = rule.selector ?? slot.selector;
    // The personalization holdout (config `holdout`): only visitors we can remember, never a preview.
    const holdout =
      config.holdout && input.canExperiment && !input.forcedVariants?.size
        ? holdoutExposure(config.holdout, input.visitorId)
        : null;
    if (holdout?.group === 'holdout') {
      return {
        slot: slot.name,
        selector,
        rule: rule.id,
        variant: null,
        content: null,
        experiment: null,
        reason: REASONS ? `rule '${rule.id}' matched; held out ('${holdout.key}'): defaults` : '',
        holdout,
      };
    }
    if (holdout) return { ...decideRule(slot, rule, selector, input, out), holdout };
    return decideRule(slot, rule, selector, input, out);
  }
  const reason = !REASONS ? '' : skipped.length ? `no rule matched; ${skipped.join('; ')}` : 'no rule matched';
  return {
    slot: slot.name,
    selector: slot.selector,
    rule: null,
    variant: null,
    content: null,
    experiment: null,
    reason,
  };
}

function decideRule(
  slot: CompiledSlot,
  rule: CompiledRule,
  selector: string,
  input: DecideInput,
  out: Record<string, string>,
): Decision {
  // Plain literals: a leading spread ({ ...base, … }) made deciding 5× slower in V8 (npm run bench).
  if (!rule.variants) {
    return {
      slot: slot.name,
      selector,
      rule: rule.id,
      variant: null,
      content: rule.content,
      experiment: null,
      reason: REASONS ? `rule '${rule.id}' matched` : '',
    };
  }
  return { slot: slot.name, selector, rule: rule.id, ...chooseVariant(rule, rule.variants, input, out) };
}

type Choice = Pick<Decision, 'variant' | 'content' | 'experiment' | 'reason'>;

function chooseVariant(
  rule: CompiledRule,
  variants: readonly Variant[],
  input: DecideInput,
  out: Record<string, string>,
): Choice {
  const key = assignmentKey(rule);
  const forced = input.forcedVariants?.get(rule.id);
  const forcedVariant = forced === undefined ? undefined : variants.find((variant) => variant.id === forced);
  if (forcedVariant) {
    return {
      variant: forcedVariant.id,
      content: forcedVariant.content,
      experiment: { key, counted: false },
      reason: REASONS ? `rule '${rule.id}': variant '${forcedVariant.id}' forced by preview` : '',
    };
  }
  const outside = (why: string): Choice => ({
    variant: null,
    content: null,
    experiment: null,
    reason: REASONS ? `rule '${rule.id}' matched; ${why}` : '',
  });
  if (!input.canExperiment)
    return outside(
      REASONS ? 'not entered in tests (bot, no storage consent, or no storage to remember the variant)' : '',
    );
  // A kept assignment wins over everything else: the visitor stays in the variant they saw, whatever
  // happened to the weights, the traffic share or the other rules, until the owner bumps `version`.
  const stored = Object.prototype.hasOwnProperty.call(input.assignments, key) ? input.assignments[key] : undefined;
  if (stored !== undefined) {
    const kept = variants.find((variant) => variant.id === stored);
    // Its variant was removed without a version bump: showing another one would be a new assignment.
    if (!kept) return outside(REASONS ? `its variant '${stored}' was removed (bump "version" to re-assign)` : '');
    return (
      scheduled(rule, variants.indexOf(kept), input) ?? {
        variant: kept.id,
        content: kept.content,
        experiment: { key, counted: true },
        reason: REASONS ? `rule '${rule.id}': variant '${kept.id}' (kept)` : '',
      }
    );
  }
  const traffic = rule.traffic ?? 100;
  if (traffic < 100 && unitHash(seedOf(key), 'traffic', input.visitorId) * 100 >= traffic)
    return outside(REASONS ? `outside its ${traffic}% traffic share` : '');
  const index = pickWeighted(
    variants.map((v) => v.weight),
    unitHash(seedOf(key), 'variant', input.visitorId),
  );
  const variant = variants[index]!;
  out[key] = variant.id;
  return (
    scheduled(rule, index, input) ?? {
      variant: variant.id,
      content: variant.content,
      experiment: { key, counted: true },
      reason: REASONS ? `rule '${rule.id}': variant '${variant.id}'` : '',
    }
  );
}

/**
 * A variant outside its schedule: the visitor keeps their assignment (weights are never renormalised, so
 * nobody else moves) and sees the default content, uncounted, until it opens or after it ended.
 */
function scheduled(rule: CompiledRule, index: number, input: DecideInput): Choice | null {
  const schedule = rule.variantSchedules?.[index];
  if (!schedule || isOpen(schedule, input.now)) return null;
  const id = rule.variants![index]!.id;
  const when = !REASONS || input.now === undefined ? 'scheduled' : `scheduled: ${describeWindow(schedule, input.now)}`;
  return {
    variant: null,
    content: null,
    experiment: null,
    reason: REASONS ? `rule '${rule.id}': variant '${id}' is ${when}; default content` : '',
  };
}
