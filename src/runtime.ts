/**
 * The page's personalization state and the steps that change it: evaluate → decide → render.
 * Pure work is delegated to the core modules; this file owns the order of effects and makes sure that
 * any failure ends with the default content shown and one warning.
 */
import type { CompiledConfig } from './config/compile.js';
import type { Facts } from './classify/types.js';
import { decide, type Decision } from './decide/rules.js';
import { toAttributes } from './profile/attributes.js';
import type { Profile } from './profile/model.js';
import type { ProfileSession } from './profile/session.js';
import { renderDecision, restoreDefault, reveal } from './render/slots.js';
import type { Evaluation } from './segments/index.js';
import type { Attributes } from './types.js';
import { describeError, type Warn } from './warn.js';

export interface RuntimeState {
  readonly compiled: CompiledConfig;
  session: ProfileSession;
  facts: Facts;
  tags: readonly string[] | null;
  consent: boolean;
  attrs: Attributes;
  evaluation: Evaluation;
  decisions: readonly Decision[];
  /** Preview overrides for this tab only. */
  forcedSegments: ReadonlySet<string>;
  forcedVariants: ReadonlyMap<string, string>;
}

export interface Renderer {
  /** Renders current decisions into the slot elements present now (all, or those `only` accepts). */
  renderAll(state: RuntimeState, only?: (element: Element) => boolean): void;
  /**
   * Leaves the elements present now as they are (default content, shown) for the first decision:
   * used after the timeout, when swapping them would be the flicker we promise never to cause.
   */
  keepPresentAsDefault(state: RuntimeState): void;
  /** Starts watching for slot elements that appear later (lazy sections, re-rendered sections). */
  observe(state: () => RuntimeState): void;
  disconnect(): void;
}

export function evaluate(state: Pick<RuntimeState, 'compiled' | 'session' | 'facts' | 'tags' | 'consent' | 'forcedSegments'>, now: number) {
  const attrs = toAttributes({ profile: state.session.current(), facts: state.facts, tags: state.tags, consent: state.consent, now });
  const evaluation = state.compiled.segments.evaluation(attrs, { forced: state.forcedSegments });
  return { attrs, evaluation };
}

/** Tests count only visitors we can keep in one variant: consent to store, a store that persists, no bot. */
export const canExperiment = (state: Pick<RuntimeState, 'consent' | 'facts' | 'session'>) =>
  state.consent && !state.facts.device.bot && state.session.storeKind() === 'indexeddb';

/** Decides every slot for the current profile; new A/B assignments are recorded in the profile. */
export function decideAll(state: RuntimeState): readonly Decision[] {
  // Crawlers index the store's own content, and must never skew a test.
  if (state.facts.device.bot) {
    return state.compiled.slots.map((slot) => ({ slot: slot.name, selector: slot.selector, rule: null, variant: null, content: null, experiment: null, reason: 'bot: default content' }));
  }
  const profile: Profile = state.session.current();
  const result = decide(state.compiled, state.evaluation, {
    visitorId: profile.id,
    assignments: profile.assignments,
    canExperiment: canExperiment(state),
    forcedVariants: state.forcedVariants,
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

/** Selectors of every element a slot may render into: the slot's own and its rules' overrides. */
function slotTargets(compiled: CompiledConfig): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const slot of compiled.slots) {
    targets.set(slot.name, [...new Set([slot.selector, ...slot.rules.flatMap((rule) => (rule.selector ? [rule.selector] : []))])]);
  }
  return targets;
}

export function allSelectors(compiled: CompiledConfig): string[] {
  return [...new Set([...slotTargets(compiled).values()].flat())];
}

/** `onShown` hears of every decision put into a slot element on the page (exposure measurement). */
export function createRenderer(doc: Document, warn: Warn, isUsable: (selector: string) => boolean, onShown?: (decision: Decision) => void): Renderer {
  let observer: MutationObserver | undefined;
  /** Elements this page has already given a decision (the observer skips them). */
  const handled = new WeakSet<Element>();
  /** Elements whose default was shown at the timeout: they keep it for this page view (no late swap). */
  const keptDefault = new WeakSet<Element>();

  const renderInto = (element: Element, decision: Decision, attrs: Attributes) => {
    handled.add(element);
    try {
      renderDecision(element as HTMLElement, decision, attrs);
    } catch (error) {
      warn(`render:${decision.slot}`, `slot '${decision.slot}' shows its default content: rendering rule '${decision.rule}' failed (${describeError(error)})`);
      return;
    }
    onShown?.(decision);
  };

  const renderAll = (state: RuntimeState, only?: (element: Element) => boolean) => {
    const targets = slotTargets(state.compiled);
    for (const decision of state.decisions) {
      for (const selector of targets.get(decision.slot) ?? []) {
        if (!isUsable(selector)) continue;
        for (const element of Array.from(doc.querySelectorAll(selector))) {
          if ((only && !only(element)) || keptDefault.has(element)) continue;
          if (selector === decision.selector) renderInto(element, decision, state.attrs);
          else if (!element.matches(decision.selector)) {
            // Another target of this slot, not chosen by the deciding rule: it shows its default.
            handled.add(element);
            restoreDefault(element as HTMLElement);
            reveal(element);
          }
        }
      }
    }
  };

  return {
    renderAll,
    keepPresentAsDefault(state) {
      const selectors = allSelectors(state.compiled).filter(isUsable);
      if (selectors.length === 0) return;
      for (const element of Array.from(doc.querySelectorAll(selectors.join(',')))) {
        handled.add(element);
        keptDefault.add(element);
        reveal(element);
      }
    },
    observe(current) {
      if (observer || typeof MutationObserver !== 'function') return;
      // Mutation callbacks run as microtasks, before the next paint: a slot that arrives later is
      // personalized before the shopper can see its default content.
      observer = new MutationObserver((records) => {
        if (!records.some((record) => record.addedNodes.length > 0)) return;
        const state = current();
        const selectors = allSelectors(state.compiled).filter(isUsable);
        if (selectors.length === 0) return;
        const isNew = (element: Element) => !handled.has(element);
        if (Array.from(doc.querySelectorAll(selectors.join(','))).some(isNew)) renderAll(state, isNew);
      });
      observer.observe(doc.documentElement, { childList: true, subtree: true });
    },
    disconnect() {
      observer?.disconnect();
      observer = undefined;
    },
  };
}
