/**
 * Renders the inline decider's decisions into their slots as the HTML parser inserts them, before
 * their first paint. A MutationObserver callback runs as a microtask after the parser's task, before
 * the browser renders. A slot may arrive before the parser has closed it: what the parser adds to it
 * after our render is more of its default content, and joins the defaults set aside (the parser goes
 * on filling an unclosed default element where it now is, aside).
 *
 * Every element a slot may render into is handled as the full script's renderer does: the decision's
 * own target gets its content, the slot's other targets their default. The chosen images are hinted
 * at once (`<link rel=preload>`), while the <head> is parsed, as early as the preload scanner would.
 */
import type { CompiledConfig } from '../../core/config/compile.js';
import type { Decision } from '../../core/decide/rules.js';
import { safeUrl } from '../../core/content/url.js';
import type { Attributes } from '../../core/types.js';
import { renderDecision, stashLateDefaults } from '../render/slots.js';
import { attempt } from '../guard.js';

export interface EarlyRendering {
  /** Elements rendered so far, with their decision. */
  readonly rendered: Map<Element, Decision>;
  /** Stops watching the page (the full script takes over). */
  stop(): void;
}

const DEFAULT = { rule: null, variant: null, content: null, experiment: null, holdout: null } as const;

export function renderAsParsed(
  doc: Document,
  compiled: CompiledConfig,
  decisions: readonly Decision[],
  attrs: Attributes,
  onError: (decision: Decision, error: unknown) => void,
): EarlyRendering {
  const rendered = new Map<Element, Decision>();
  const targets: Array<[string, Decision]> = [];
  for (const decision of decisions) {
    const slot = compiled.slots.find((s) => s.name === decision.slot);
    const selectors = new Set([
      slot?.selector ?? decision.selector,
      ...(slot?.rules ?? []).flatMap((r) => (r.selector ? [r.selector] : [])),
    ]);
    for (const selector of selectors) {
      targets.push([selector, selector === decision.selector ? decision : { ...decision, ...DEFAULT }]);
    }
  }
  /** Our own content in each rendered element: anything else the parser adds there is default content. */
  const ours = new WeakMap<Element, ReadonlySet<Node>>();
  const pass = (records?: MutationRecord[]) => {
    for (const record of records ?? []) {
      const target = record.target as Element;
      const own = ours.get(target);
      if (!own || record.type !== 'childList') continue;
      const late = Array.from(record.addedNodes).filter((node) => !own.has(node) && node.parentNode === target);
      if (late.length) stashLateDefaults(target, late);
    }
    for (const [selector, decision] of targets) {
      const found = attempt(() => doc.querySelectorAll(selector));
      if (!found) continue; // an invalid selector: the full script names it
      for (const element of Array.from(found)) {
        if (rendered.has(element)) continue;
        const chosen =
          element.matches(decision.selector) && decision.content !== null ? decision : { ...decision, ...DEFAULT };
        // A try of its own: the error goes to the caller, which names the slot in its warning.
        try {
          renderDecision(element as HTMLElement, chosen, attrs);
          rendered.set(element, chosen);
          if (chosen.content !== null) ours.set(element, new Set(Array.from(element.childNodes)));
        } catch (error) {
          onError(decision, error);
        }
      }
    }
  };
  let observer: MutationObserver | null = null;
  const onParsed = () => pass();
  if (targets.length) {
    preloadImages(doc, decisions);
    observer = new MutationObserver((records) => pass(records));
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    doc.addEventListener('DOMContentLoaded', onParsed);
    pass();
  }
  return {
    rendered,
    stop() {
      observer?.disconnect();
      doc.removeEventListener('DOMContentLoaded', onParsed);
    },
  };
}

/** A hero's image starts downloading now, with the priority of the LCP image it usually is. */
function preloadImages(doc: Document, decisions: readonly Decision[]): void {
  for (const decision of decisions) {
    const content = decision.content;
    const href = content?.type === 'hero' ? safeUrl(content.image) : undefined;
    if (!href) continue;
    const link = doc.createElement('link');
    link.rel = 'preload';
    link.as = 'image';
    link.href = href;
    link.setAttribute('fetchpriority', 'high');
    (doc.head ?? doc.documentElement).appendChild(link);
  }
}
