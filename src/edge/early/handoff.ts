/**
 * What the inline decider leaves for the full script (personalize.js), which arrives after the first
 * paint: the decisions it rendered, the visitor id and clock it decided with, and a way to stop it.
 * Kept on the window under a registered symbol, not enumerable. The full script reads it as it reads
 * anything another script could have put there: checked field by field and sized, or ignored.
 */
import type { Decision } from '../../core/decide/rules.js';
import type { Attributes } from '../../core/types.js';
import { attempt } from '../guard.js';

export const HANDOFF_VERSION = 1;
const KEY = Symbol.for('p13n.early');

export interface Handoff {
  readonly v: typeof HANDOFF_VERSION;
  /** The clock the decisions were made with. */
  readonly at: number;
  /** The visitor id they were made with: for a first visit, the one the new profile must take. */
  readonly id: string;
  /** Decided from a stored profile (the snapshot), rather than as a first visit. */
  readonly stored: boolean;
  /** The attributes it decided with (its tokens were filled from them). */
  readonly attrs: Attributes;
  /** The slots it decided (all of their elements rendered as the parser inserts them). */
  readonly decisions: readonly Decision[];
  /** Slots it left for the full script. */
  readonly waiting: readonly string[];
  /** The A/B assignments those decisions made. */
  readonly assignments: Readonly<Record<string, string>>;
  /** Elements rendered so far, with the decision rendered into each. */
  readonly rendered: ReadonlyMap<Element, Decision>;
  /** The default children a rendered element had, so a later decision can put them back. */
  defaultsOf(element: Element): DocumentFragment | undefined;
  /** Stops the decider watching the page: the full script renders from now on. */
  stop(): void;
}

export function publishHandoff(win: Window, handoff: Handoff): void {
  Object.defineProperty(win, KEY, { value: handoff, configurable: true });
}

const MAX_SLOTS = 1000;
const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.length <= max;

/** The decider's hand-off, if there is a well-formed one. */
export function readHandoff(win: Window): Handoff | null {
  const found = attempt(() => (win as unknown as Record<symbol, unknown>)[KEY]);
  if (typeof found !== 'object' || found === null) return null;
  const h = found as Partial<Handoff>;
  const ok =
    h.v === HANDOFF_VERSION &&
    typeof h.at === 'number' &&
    Number.isFinite(h.at) &&
    isText(h.id, 64) &&
    typeof h.attrs === 'object' &&
    h.attrs !== null &&
    h.id !== '' &&
    typeof h.stored === 'boolean' &&
    Array.isArray(h.decisions) &&
    h.decisions.length <= MAX_SLOTS &&
    h.decisions.every((d) => typeof d === 'object' && d !== null && isText(d.slot) && isText(d.selector, 2000)) &&
    Array.isArray(h.waiting) &&
    h.waiting.length <= MAX_SLOTS &&
    h.waiting.every((s) => isText(s)) &&
    typeof h.assignments === 'object' &&
    h.assignments !== null &&
    Object.values(h.assignments).every((v) => isText(v)) &&
    h.rendered instanceof Map &&
    typeof h.defaultsOf === 'function' &&
    typeof h.stop === 'function';
  return ok ? (h as Handoff) : null;
}
