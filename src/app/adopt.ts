/**
 * The full script takes over what the inline early decider did before the first paint: its decisions
 * are what the page shows, so they are the page's decisions (even where IndexedDB, read since, would
 * have decided otherwise: a late swap is what the shopper must never see), their elements count as
 * rendered, and their A/B exposures are counted here, once, by the script that counts.
 */
import type { Decision } from '../core/decide/rules.js';
import { readHandoff, type Handoff } from '../edge/early/handoff.js';
import { adoptRendered } from '../edge/render/slots.js';
import type { RuntimeState, View } from './runtime.js';

/**
 * The decider's hand-off, if there is a well-formed one: the decider stops watching the page, and the
 * elements it rendered are adopted as they are (never rendered again for the same decision).
 */
export function takeOver(win: Window): Handoff | null {
  const handoff = readHandoff(win);
  if (!handoff) return null;
  handoff.stop();
  for (const [element, decision] of handoff.rendered)
    adoptRendered(element, decision, handoff.attrs, handoff.defaultsOf(element));
  return handoff;
}

/** The page-only view, with the slots the decider decided taken from it. */
export function withEarly(view: View, handoff: Handoff): View {
  const early = new Set(handoff.decisions.map((d) => d.slot));
  return {
    compiled: view.compiled,
    decisions: [...view.decisions.filter((d) => !early.has(d.slot)), ...handoff.decisions],
    attrs: handoff.attrs,
  };
}

/** The first decided state, with the decider's decisions in place of the script's for its slots. */
export function adoptEarly(state: RuntimeState, handoff: Handoff, exposed: (decision: Decision) => void): RuntimeState {
  const early = new Map(handoff.decisions.map((d) => [d.slot, d]));
  // The decider says no reasons (it is built without their words): where the script decided the same,
  // its decision explains it; where not, the page shows the decider's, and says so.
  const decisions = state.decisions.map((d) => {
    const shown = early.get(d.slot);
    if (!shown || (shown.rule === d.rule && shown.variant === d.variant)) return d;
    return { ...shown, reason: `decided before the first paint: rule '${shown.rule ?? 'none'}', kept (no late swap)` };
  });
  // Their tokens as this state fills them: the next render of the same decision changes nothing.
  for (const [element, decision] of handoff.rendered) adoptRendered(element, decision, state.attrs);
  // An exposure is a decision shown in an element on the page, as the renderer counts it.
  for (const decision of handoff.rendered.values()) exposed(decision);
  return { ...state, decisions };
}
