/**
 * The page's personalization state and the steps that change it: evaluate → decide → render.
 * Pure work is delegated to the core modules; this file owns the order of effects and makes sure that
 * any failure ends with the default content shown and one warning.
 */
import type { CompiledConfig } from '../core/config/compile.js';
import type { Facts } from '../core/classify/types.js';
import { decide, type Decision } from '../core/decide/rules.js';
import { toAttributes } from '../core/attributes/from-profile.js';
import type { Profile } from '../core/profile/model.js';
import type { ProfileSession } from '../edge/storage/session.js';
import type { Evaluation } from '../core/segments/index.js';
import type { Attributes } from '../core/types.js';
import type { CustomerAttributes } from '../core/attributes/customer.js';
import { earlyDecisions, type EarlyInput } from '../core/decide/early.js';
import type { View } from '../edge/render/renderer.js';
import { describeError, type Warn } from '../edge/warn.js';
import { canExperiment } from './experiment.js';

export interface RuntimeState {
  readonly compiled: CompiledConfig;
  session: ProfileSession;
  facts: Facts;
  tags: readonly string[] | null;
  /** Server context facts for Shopify's attribute names (first_order_date, email_subscription_status …). */
  customer?: CustomerAttributes | null;
  consent: boolean;
  attrs: Attributes;
  evaluation: Evaluation;
  decisions: readonly Decision[];
  /** Preview overrides for this tab only. */
  forcedSegments: ReadonlySet<string>;
  forcedVariants: ReadonlyMap<string, string>;
}

export type { Renderer, View } from '../edge/render/renderer.js';
export { allSelectors, createRenderer } from '../edge/render/renderer.js';

export function evaluate(
  state: Pick<RuntimeState, 'compiled' | 'session' | 'facts' | 'tags' | 'customer' | 'consent' | 'forcedSegments'>,
  now: number,
) {
  const attrs = toAttributes({
    profile: state.session.current(),
    facts: state.facts,
    tags: state.tags,
    consent: state.consent,
    now,
    timezone: state.compiled.config.timezone,
    model: state.compiled.config.models?.purchase,
    customer: state.customer,
  });
  const evaluation = state.compiled.segments.evaluation(attrs, { forced: state.forcedSegments });
  return { attrs, evaluation };
}

/** Decisions that need nothing stored (see decide/early.ts); none if that fails: every slot then waits for the profile. */
export function decideEarly(input: Omit<EarlyInput, 'botDecisions'>, warn: Warn): View {
  try {
    return { compiled: input.compiled, ...earlyDecisions({ ...input, botDecisions }) };
  } catch (error) {
    warn('early', `deciding before the profile was read failed, so every slot waits for it: ${describeError(error)}`);
    return { compiled: input.compiled, decisions: [], attrs: {} };
  }
}

/** Crawlers index the store's own content, and must never skew a test. */
export const botDecisions = (compiled: CompiledConfig): readonly Decision[] =>
  compiled.slots.map((slot) => ({
    slot: slot.name,
    selector: slot.selector,
    rule: null,
    variant: null,
    content: null,
    experiment: null,
    reason: 'bot: default content',
  }));

export { canExperiment } from './experiment.js';

/** Decides every slot for the current profile; new A/B assignments are recorded in the profile. */
export function decideAll(state: RuntimeState): readonly Decision[] {
  if (state.facts.device.bot) return botDecisions(state.compiled);
  const profile: Profile = state.session.current();
  const result = decide(state.compiled, state.evaluation, {
    visitorId: profile.id,
    assignments: profile.assignments,
    canExperiment: canExperiment(state),
    forcedVariants: state.forcedVariants,
    now: Date.now(),
  });
  // A previewing tab is the store owner, not a shopper: nothing it sees is assigned or counted.
  if (state.forcedSegments.size > 0 || state.forcedVariants.size > 0) {
    return result.decisions.map((d) => (d.experiment ? { ...d, experiment: { ...d.experiment, counted: false } } : d));
  }
  const fresh = result.newAssignments;
  if (Object.keys(fresh).length) {
    state.session.change((p) => ({ ...p, assignments: { ...fresh, ...p.assignments } }));
  }
  return result.decisions;
}
