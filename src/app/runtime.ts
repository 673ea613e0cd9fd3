/**
 * The page's decided state, and the steps that change it after the first decision: evaluate again
 * (a write brought in another tab's changes), decide again (an event, a consent change, a new route).
 * All deciding is core/page.ts's; this file keeps what that step needs between two runs of it.
 */
import type { CompiledConfig } from '../core/config/compile.js';
import type { Facts } from '../core/classify/types.js';
import type { Decision } from '../core/decide/rules.js';
import type { CustomerAttributes } from '../core/attributes/customer.js';
import type { CartTotals } from '../core/profile/cart.js';
import type { CustomerFacts } from '../core/profile/update.js';
import { decideStep, evaluateStep, type PageResult, type StepInput } from '../core/page.js';
import type { Evaluation } from '../core/segments/index.js';
import type { Attributes } from '../core/types.js';
import type { ProfileSession } from '../edge/storage/session.js';
import type { MeasuredState } from '../edge/track/measure.js';

/** What the store's server printed about this visitor (`#p13n-context`), read once. */
export interface ServerFacts {
  /** Customer tags, null for an anonymous visitor. */
  readonly tags: readonly string[] | null;
  /** For Shopify's attribute names (first_order_date, email_subscription_status …). */
  readonly customerAttributes: CustomerAttributes | null;
  /** Counted with the first page view: they win over what the profile counted. */
  readonly customer: CustomerFacts | null;
  readonly cart: CartTotals | null;
}

export interface RuntimeState extends MeasuredState {
  readonly compiled: CompiledConfig;
  session: ProfileSession;
  facts: Facts;
  readonly server: ServerFacts;
  consent: boolean;
  attrs: Attributes;
  evaluation: Evaluation;
  decisions: readonly Decision[];
  /** Preview overrides for this tab only. */
  readonly forcedSegments: ReadonlySet<string>;
  readonly forcedVariants: ReadonlyMap<string, string>;
}

export type { Renderer, View } from '../edge/render/renderer.js';

/** What a step reads besides the facts: the config, the server's word, the preview. */
type StepBase = Pick<RuntimeState, 'compiled' | 'server' | 'forcedSegments' | 'forcedVariants'>;

/** The page step's input, besides the profile. */
export const stepInputOf = (
  base: StepBase,
  facts: Facts,
  consent: boolean,
  remembered: boolean,
  now: number,
): StepInput => ({
  compiled: base.compiled,
  facts,
  customerAttributes: base.server.customerAttributes,
  tags: base.server.tags,
  consent,
  remembered,
  now,
  forcedSegments: base.forcedSegments,
  forcedVariants: base.forcedVariants,
});

/**
 * The same for this state at `now`. Only a profile that persists may enter an A/B test: the visitor
 * must see the same variant next time.
 */
export const stepInput = (state: RuntimeState, now: number): StepInput =>
  stepInputOf(state, state.facts, state.consent, state.session.storeKind() === 'indexeddb', now);

/** The attributes and segments follow the profile as it is now; nothing is decided (no re-render: no swap). */
export function evaluate(state: RuntimeState, now: number): void {
  Object.assign(state, evaluateStep(stepInput(state, now), state.session.current()));
}

/** Decides every slot again for the profile as it is now; new A/B assignments go into the profile. */
export function decideAgain(state: RuntimeState, now: number): PageResult {
  const result = decideStep(stepInput(state, now), state.session.current());
  for (const change of result.changes) state.session.change(change);
  state.attrs = result.attrs;
  state.evaluation = result.evaluation;
  state.decisions = result.decisions;
  return result;
}
