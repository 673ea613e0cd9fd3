/**
 * One page view, as data: what the store holds about the visitor, what the page shows and the clock
 * in; the profile after this page view, the attributes, and a decision for each slot out. Pure.
 *
 * Every runtime decides through this step: the inline decider in the page's <head> (before the first
 * paint, from the snapshot and what it can read synchronously), the full script (from IndexedDB), and
 * the studio's simulator. The inline decider does not know everything: `unknown` names what it could
 * not read (a classifier it does not carry, a profile it cannot see). A slot whose decision read an
 * unknown attribute, or the visitor's id or assignments while the profile is unknown, is not decided
 * here: it waits for the full script. What a decision did not read cannot have changed it, so every
 * decision this step returns is the one the full script would make.
 */
import type { Facts } from './classify/types.js';
import type { CompiledConfig } from './config/compile.js';
import { toAttributes } from './attributes/from-profile.js';
import type { CustomerAttributes } from './attributes/customer.js';
import { newProfile, type Profile } from './profile/model.js';
import { recordPageView, withAssignments, type Change, type CustomerFacts } from './profile/update.js';
import { withCart, type CartTotals } from './profile/cart.js';
import { decide, type Decision } from './decide/rules.js';
import { fillTokens } from './content/tokens.js';
import { toJson } from './json.js';
import type { Evaluation } from './program/expr.js';
import type { Attributes } from './types.js';

/** What `unknown` is asked for the visitor's id and A/B assignments (the stored profile's own). */
export const VISITOR = 'visitor';

export interface PageInput {
  readonly compiled: CompiledConfig;
  readonly facts: Facts;
  /** The stored profile (IndexedDB, or its snapshot); null for a visitor seen for the first time. */
  readonly stored: Profile | null;
  /** The id a first-time visitor gets: random, made at the edge. */
  readonly newId: string;
  /** What the server context says about a signed-in customer; it wins over what was counted. */
  readonly customer: CustomerFacts | null;
  readonly customerAttributes: CustomerAttributes | null;
  /** Customer tags from the server context, null for an anonymous visitor. */
  readonly tags: readonly string[] | null;
  /** The cart the store's server printed, which replaces what the profile counted. */
  readonly cart: CartTotals | null;
  /** The visitor allows storing the profile. */
  readonly consent: boolean;
  /** The profile persists on this device (IndexedDB): only then may an A/B test enter the visitor. */
  readonly remembered: boolean;
  readonly now: number;
  readonly forcedSegments: ReadonlySet<string>;
  readonly forcedVariants: ReadonlyMap<string, string>;
  /** Variants this page already shows (the inline decider's, adopted by the full script): kept. */
  readonly shown?: Readonly<Record<string, string>>;
  /** Attributes (and VISITOR) not known yet; absent means everything is known. */
  readonly unknown?: (name: string) => boolean;
}

export interface PageResult {
  /** The profile after this page view, its cart and new assignments. */
  readonly profile: Profile;
  /** The same, as changes to apply to whatever the store holds by the time it writes. */
  readonly changes: readonly Change[];
  readonly attrs: Attributes;
  readonly evaluation: Evaluation;
  /** A decision per slot; with `unknown`, only for the slots that could be decided. */
  readonly decisions: readonly Decision[];
  /** Slots left for the full script (their decisions read something unknown). */
  readonly waiting: readonly string[];
}

/** The profile changes of one page view, in the order they apply. */
export function pageChanges(input: Pick<PageInput, 'facts' | 'customer' | 'cart' | 'now'>): Change[] {
  const view = { source: input.facts.source, loggedIn: input.facts.loggedIn, customer: input.customer };
  const changes: Change[] = [(p) => recordPageView(p, view, input.now)];
  const cart = input.cart;
  if (cart) changes.push((p) => withCart(p, cart));
  return changes;
}

export function pageStep(input: PageInput): PageResult {
  const changes = pageChanges(input);
  if (input.shown && Object.keys(input.shown).length) {
    const shown = input.shown;
    // What the shopper already sees stays theirs: an assignment made before this step is kept.
    changes.push((p) =>
      withAssignments(p, Object.fromEntries(Object.entries(shown).filter(([key]) => !(key in p.assignments)))),
    );
  }
  const viewed = changes.reduce((p, change) => change(p), input.stored ?? newProfile(input.newId, input.now));
  const step = decideStep(input, viewed);
  return { ...step, changes: [...changes, ...step.changes] };
}

/** What the step's inputs are besides the profile: the page and the visitor's situation. */
export type StepInput = Omit<PageInput, 'stored' | 'newId' | 'customer' | 'cart' | 'shown'>;

/**
 * The same step for a page view already counted: `profile` as it is now (after a tracked event, a
 * consent change, a write that brought in another tab's changes), decided again. Its only changes are
 * the new A/B assignments.
 */
export function decideStep(input: StepInput, profile: Profile): PageResult {
  const { attrs, evaluation } = evaluateStep(input, profile);
  const { decisions, waiting, assignments } = input.unknown
    ? decideKnown(input, profile, attrs, input.unknown)
    : decideAll(input, profile, evaluation);
  const changes: Change[] = [];
  if (Object.keys(assignments).length) {
    changes.push((p) =>
      withAssignments(p, Object.fromEntries(Object.entries(assignments).filter(([key]) => !(key in p.assignments)))),
    );
    profile = withAssignments(profile, assignments);
  }
  return { profile, changes, attrs, evaluation, decisions, waiting };
}

/** What expressions read for `profile` on this page, without deciding. */
export function evaluateStep(
  input: Omit<StepInput, 'remembered' | 'forcedVariants' | 'unknown'>,
  profile: Profile,
): { readonly attrs: Attributes; readonly evaluation: Evaluation } {
  const attrs = toAttributes({
    profile,
    facts: input.facts,
    tags: input.tags,
    consent: input.consent,
    now: input.now,
    timezone: input.compiled.config.timezone,
    customer: input.customerAttributes,
    model: input.compiled.config.models?.purchase,
  });
  return { attrs, evaluation: input.compiled.segments.evaluation(attrs, { forced: input.forcedSegments }) };
}

/** Crawlers index the store's own content, and must never skew a test. */
export const botDecisions = (compiled: CompiledConfig): Decision[] =>
  compiled.slots.map((slot) => ({
    slot: slot.name,
    selector: slot.selector,
    rule: null,
    variant: null,
    content: null,
    experiment: null,
    reason: 'bot: default content',
  }));

interface Decided {
  readonly decisions: readonly Decision[];
  readonly waiting: readonly string[];
  readonly assignments: Readonly<Record<string, string>>;
}

const previewing = (input: StepInput) => input.forcedSegments.size > 0 || input.forcedVariants.size > 0;

/** Tests count only visitors we can keep in one variant: consent to store, a store that persists, no bot. */
const canExperiment = (input: StepInput) => input.consent && input.remembered && !input.facts.device.bot;

function decideAll(input: StepInput, profile: Profile, evaluation: Evaluation): Decided {
  if (input.facts.device.bot) return { decisions: botDecisions(input.compiled), waiting: [], assignments: {} };
  const result = decide(input.compiled, evaluation, {
    visitorId: profile.id,
    assignments: profile.assignments,
    canExperiment: canExperiment(input),
    forcedVariants: input.forcedVariants,
    now: input.now,
  });
  // A previewing tab is the store owner, not a shopper: nothing it sees is assigned or counted.
  if (previewing(input)) {
    const decisions = result.decisions.map((d) =>
      d.experiment ? { ...d, experiment: { ...d.experiment, counted: false } } : d,
    );
    return { decisions, waiting: [], assignments: {} };
  }
  return { decisions: result.decisions, waiting: [], assignments: result.newAssignments };
}

/**
 * Decides slot by slot, each on attributes that note every read of something unknown: a slot is
 * decided only if nothing unknown was read on the way to its decision, including the `{{tokens}}` of
 * its content. Short-circuits count in our favour (`device = 'mobile' AND visits > 3` is false on a
 * desktop without reading `visits`).
 */
function decideKnown(
  input: StepInput,
  profile: Profile,
  attrs: Attributes,
  unknown: (name: string) => boolean,
): Decided {
  let readUnknown = false;
  const read = (name: string) => {
    if (unknown(name)) readUnknown = true;
  };
  if ((read('bot'), readUnknown))
    return { decisions: [], waiting: input.compiled.slots.map((s) => s.name), assignments: {} };
  if (input.facts.device.bot) return { decisions: botDecisions(input.compiled), waiting: [], assignments: {} };
  // Getters throughout: some page facts are themselves computed on first read (lazy.ts).
  const watched: Record<string, unknown> = {};
  for (const name of Object.keys(attrs)) {
    Object.defineProperty(watched, name, { enumerable: true, get: () => (read(name), attrs[name]) });
  }
  const assignments = new Proxy(profile.assignments, {
    get: (target, key) => (read(VISITOR), Reflect.get(target, key)),
    has: (target, key) => (read(VISITOR), Reflect.has(target, key)),
    ownKeys: (target) => (read(VISITOR), Reflect.ownKeys(target)),
    getOwnPropertyDescriptor: (target, key) => (read(VISITOR), Reflect.getOwnPropertyDescriptor(target, key)),
  });
  const visitor = {
    assignments,
    forcedVariants: input.forcedVariants,
    now: input.now,
    get canExperiment() {
      read('consent');
      return canExperiment(input);
    },
    get visitorId() {
      read(VISITOR);
      return profile.id;
    },
  };
  const decisions: Decision[] = [];
  const waiting: string[] = [];
  const made: Record<string, string> = {};
  for (const slot of input.compiled.slots) {
    readUnknown = false;
    // A fresh evaluation per slot: segments are memoized within one, and a memoized segment would not read again.
    const evaluation = input.compiled.segments.evaluation(watched as Attributes, { forced: input.forcedSegments });
    const result = decide({ ...input.compiled, slots: [slot] }, evaluation, visitor);
    const decision = result.decisions[0];
    if (decision?.content) fillTokens(toJson(decision.content) ?? '', watched as Attributes);
    if (!decision || readUnknown) {
      waiting.push(slot.name);
      continue;
    }
    decisions.push(
      previewing(input) && decision.experiment
        ? { ...decision, experiment: { ...decision.experiment, counted: false } }
        : decision,
    );
    if (!previewing(input)) Object.assign(made, result.newAssignments);
  }
  return { decisions, waiting, assignments: made };
}
