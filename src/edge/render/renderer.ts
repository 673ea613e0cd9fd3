/**
 * Puts decisions into the page's slot elements, and keeps the promise that a shopper never sees a
 * slot's default content and then a swap. Every slot element is in one of two situations:
 *
 *   - hidden (the hiding style, see ./style.ts) until its decision is rendered into it and revealed;
 *   - shown with its default content, because it was visible before its decision was known (the
 *     timeout passed, or the script ran after the page had painted it). Its first decision is then
 *     *kept*, not rendered: it stays as the shopper saw it for this page view. A later decision that
 *     differs (the shopper logged in, added to the cart) renders: that is a response, not a flicker.
 *
 * Slots that appear later (lazy sections, a Shopify section re-render, an SPA route) are found by one
 * MutationObserver: its callback runs as a microtask, before the browser paints the new element.
 */
import type { CompiledConfig } from '../../core/config/compile.js';
import type { Decision } from '../../core/decide/rules.js';
import type { Attributes } from '../../core/types.js';
import type { Warn } from '../warn.js';
import { hasDecision, keepDefault, renderDecision, reveal } from './slots.js';
import { attemptOrWarn } from '../guard.js';

/** What rendering needs: the decisions known now (possibly not every slot yet) and the attributes for tokens. */
export interface View {
  readonly compiled: CompiledConfig;
  readonly decisions: readonly Decision[];
  readonly attrs: Attributes;
}

export interface Renderer {
  /** Renders the view's decisions into the slot elements present now (all, or those `only` accepts). */
  renderAll(view: View, only?: (element: Element) => boolean): void;
  /**
   * The elements matching `selectors` now, without a decision yet, have shown (or will show at the
   * next paint) their default content: reveal them, and keep it for their first decision. Returns
   * how many there were.
   */
  showDefaults(selectors: readonly string[], only?: (element: Element) => boolean): number;
  /** After the timeout: a slot appearing without a decision shows its default at once (and keeps it). */
  stopWaiting(): void;
  /** Watches for slot elements that appear later; `beforeRender` runs first (e.g. to notice an SPA route change). */
  observe(view: () => View | null, beforeRender?: () => void): void;
  disconnect(): void;
}

const DEFAULT_CONTENT = { rule: null, variant: null, content: null, experiment: null, holdout: null } as const;

/** Selectors of every element a slot may render into: the slot's own and its rules' overrides. */
const targetsCache = new WeakMap<CompiledConfig, Map<string, string[]>>();
export function slotTargets(compiled: CompiledConfig): Map<string, string[]> {
  let targets = targetsCache.get(compiled);
  if (!targets) {
    targets = new Map();
    for (const slot of compiled.slots) {
      targets.set(slot.name, [
        ...new Set([slot.selector, ...slot.rules.flatMap((rule) => (rule.selector ? [rule.selector] : []))]),
      ]);
    }
    targetsCache.set(compiled, targets);
  }
  return targets;
}

export function allSelectors(compiled: CompiledConfig): string[] {
  return [...new Set([...slotTargets(compiled).values()].flat())];
}

/** `onShown` hears of every decision rendered into a slot element on the page (exposure measurement); a kept default is not one. */
export function createRenderer(
  doc: Document,
  warn: Warn,
  isUsable: (selector: string) => boolean,
  onShown?: (decision: Decision) => void,
): Renderer {
  let observer: MutationObserver | undefined;
  let waiting = true;
  /** Elements that showed their default before their first decision. */
  const shown = new WeakSet<Element>();

  const query = (selectors: readonly string[]): Element[] => {
    const usable = selectors.filter(isUsable);
    return usable.length ? Array.from(doc.querySelectorAll(usable.join(','))) : [];
  };

  const renderInto = (element: Element, decision: Decision, attrs: Attributes) => {
    if (shown.has(element)) {
      shown.delete(element);
      if (!hasDecision(element)) return keepDefault(element, decision, attrs);
    }
    const rendered = attemptOrWarn(
      () => (renderDecision(element as HTMLElement, decision, attrs), true),
      warn,
      `render:${decision.slot}`,
      (error) =>
        `slot '${decision.slot}' shows its default content: rendering rule '${decision.rule}' failed (${error})`,
    );
    if (rendered) onShown?.(decision);
  };

  /** Renders into `element` what the view decided for it: its slot's decision, or the default when another target of the slot was chosen. */
  const renderElement = (view: View, element: Element): boolean => {
    const targets = slotTargets(view.compiled);
    for (const decision of view.decisions) {
      for (const selector of targets.get(decision.slot) ?? []) {
        if (!isUsable(selector) || !element.matches(selector)) continue;
        const chosen = selector === decision.selector || element.matches(decision.selector);
        renderInto(element, chosen ? decision : { ...decision, ...DEFAULT_CONTENT }, view.attrs);
        return true;
      }
    }
    return false;
  };

  const renderAll = (view: View, only?: (element: Element) => boolean) => {
    for (const element of query(allSelectors(view.compiled))) {
      if (!only || only(element)) renderElement(view, element);
    }
  };

  const showDefaults = (selectors: readonly string[], only?: (element: Element) => boolean) => {
    let count = 0;
    for (const element of query(selectors)) {
      if (hasDecision(element) || (only && !only(element))) continue;
      shown.add(element);
      reveal(element);
      count++;
    }
    return count;
  };

  return {
    renderAll,
    showDefaults,
    stopWaiting() {
      waiting = false;
    },
    observe(current, beforeRender) {
      if (observer || typeof MutationObserver !== 'function') return;
      const onMutations = (records: MutationRecord[]) => {
        const added: Element[] = [];
        for (const record of records)
          record.addedNodes.forEach((node) => node.nodeType === 1 && node.isConnected && added.push(node as Element));
        if (added.length === 0) return;
        beforeRender?.();
        const view = current();
        const selector = view ? allSelectors(view.compiled).filter(isUsable).join(',') : '';
        if (!view || !selector) return;
        // While the parser streams the page in, one query beats one per added element.
        const found =
          added.length > 8
            ? Array.from(doc.querySelectorAll(selector))
            : added.flatMap((root) => [
                ...(root.matches(selector) ? [root] : []),
                ...Array.from(root.querySelectorAll(selector)),
              ]);
        for (const element of found) {
          if (hasDecision(element) || shown.has(element) || !element.isConnected) continue;
          if (!renderElement(view, element) && !waiting) {
            // Undecided after the timeout: it paints with its default, so that is what it keeps.
            shown.add(element);
            reveal(element);
          }
        }
      };
      observer = new MutationObserver((records) =>
        attemptOrWarn(
          () => onMutations(records),
          warn,
          'observe',
          (error) => `a slot added to the page was left as it is: ${error}`,
        ),
      );
      observer.observe(doc.documentElement, { childList: true, subtree: true });
    },
    disconnect() {
      observer?.disconnect();
      observer = undefined;
    },
  };
}
