/**
 * The visitor simulator, pure: a config and a visitor's attributes → the segments that match and, per
 * slot, the decision `decide()` makes and what each rule did (off, did not match, decided, never reached).
 * The same compile and decide steps the shopper's script runs.
 */
import { predictedPurchase } from '../../core/attributes/predicted.js';
import { compileConfig } from '../../core/config/compile.js';
import { parseConfig } from '../../core/config/parse.js';
import type { Content } from '../../core/config/types.js';
import { decide, type Decision } from '../../core/decide/rules.js';
import type { Attributes } from '../../core/types.js';

export type RuleOutcome = 'off' | 'no match' | 'decides' | 'not reached';

export interface SlotSimulation {
  readonly decision: Decision;
  readonly rules: ReadonlyArray<{ readonly id: string; readonly outcome: RuleOutcome; readonly why: string }>;
}

export interface Simulation {
  readonly segments: readonly string[];
  readonly slots: readonly SlotSimulation[];
  /** The visitor's predicted_purchase from the config's model (computed, as in the browser); null without one. */
  readonly predicted: number | null;
}

export interface Visitor {
  readonly id: string;
  readonly attributes: Attributes;
  /** Storage consent given and not a bot: the visitor can enter A/B tests. */
  readonly canExperiment: boolean;
}

export function simulate(json: unknown, visitor: Visitor): Simulation {
  const compiled = compileConfig(parseConfig(json).config);
  const predicted = predictedPurchase(compiled.config.models?.purchase, visitor.attributes);
  const evaluation = compiled.segments.evaluation({ ...visitor.attributes, predicted_purchase: predicted });
  const segments = compiled.segments.match(evaluation);
  const { decisions } = decide(compiled, evaluation, {
    visitorId: visitor.id,
    assignments: {},
    canExperiment: visitor.canExperiment,
  });
  const slots = compiled.slots.map((slot, index): SlotSimulation => {
    const decision = decisions[index]!;
    let decided = false;
    const rules = slot.rules.map((rule) => {
      if (decided) return { id: rule.id, outcome: 'not reached' as const, why: 'an earlier rule decided' };
      if (rule.disabled) return { id: rule.id, outcome: 'off' as const, why: rule.disabled };
      if (rule.predicate && !rule.predicate(evaluation))
        return { id: rule.id, outcome: 'no match' as const, why: `"${rule.when}" is false for this visitor` };
      decided = true;
      return {
        id: rule.id,
        outcome: 'decides' as const,
        why: rule.when === undefined ? 'no "when": every visitor' : `"${rule.when}" is true`,
      };
    });
    return { decision, rules };
  });
  return { segments, slots, predicted };
}

/** What the shopper sees in words, for a decision's content. */
export function describeContent(content: Content | null): string {
  if (content === null) return "the theme's default content";
  if (content.type === 'hide') return 'nothing: the slot is hidden';
  return `${content.type} content`;
}
