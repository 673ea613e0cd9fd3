/**
 * Puts a decision into a slot element and shows it. The theme's default children are moved aside
 * (not destroyed, so their listeners survive) and put back when a later decision keeps the default.
 * A slot whose decision has not changed is not touched again.
 */
import type { Content } from '../../core/config/types.js';
import type { Decision } from '../../core/decide/rules.js';
import type { Attributes } from '../../core/types.js';
import { hero, products } from './components.js';
import { ownerHtmlFragment } from './html.js';
import { READY_ATTRIBUTE } from './style.js';
import { fillTokens } from '../../core/content/tokens.js';
import { toJson } from '../../core/json.js';
import { attempt } from '../guard.js';

const stashedDefaults = new WeakMap<Element, DocumentFragment>();
const renderedFingerprint = new WeakMap<Element, string>();
const inertDocuments = new WeakMap<Document, Document>();

/**
 * Where a slot's default children wait: a fragment of an inert document (no browsing context), not of
 * the page. An element adopted there loads nothing, so the theme's default hero, which the parser has
 * just created and asked for, stops competing for a phone's bandwidth with the image the decision
 * chose; adopted back into the page, it loads again (from the cache if it had finished). Where an
 * inert document cannot be made, the page's own fragment (the defaults still come back).
 */
function asideFragment(doc: Document): DocumentFragment {
  let inert = inertDocuments.get(doc);
  if (!inert) {
    inert = attempt(() => doc.implementation.createHTMLDocument(''), doc);
    inertDocuments.set(doc, inert);
  }
  return inert.createDocumentFragment();
}

/** Identity of what a decision shows, tokens filled in: equal fingerprints render the same. */
export function fingerprint(decision: Decision, attrs: Attributes): string {
  const content = decision.content === null ? 'default' : fillTokens(toJson(decision.content) ?? '', attrs);
  return `${decision.rule ?? ''}\u0000${decision.variant ?? ''}\u0000${content}`;
}

/** Marks a slot as decided so the hiding style releases it. */
export function reveal(element: Element): void {
  if (!element.hasAttribute(READY_ATTRIBUTE)) element.setAttribute(READY_ATTRIBUTE, '');
}

/**
 * Records that `element` keeps showing its default for `decision` (it was shown before the decision
 * was known: swapping it now would be a visible flicker). A later decision that differs renders.
 */
export function keepDefault(element: Element, decision: Decision, attrs: Attributes): void {
  renderedFingerprint.set(element, fingerprint(decision, attrs));
  reveal(element);
}

/** Whether a decision was ever rendered into (or kept for) `element`. */
export const hasDecision = (element: Element): boolean => renderedFingerprint.has(element);

/**
 * Default children the HTML parser added to `element` after its decision was rendered (a slot rendered
 * before the parser closed it): they join the stashed defaults, as if they had been there.
 */
export function stashLateDefaults(element: Element, nodes: readonly Node[]): void {
  const defaults = stashedDefaults.get(element);
  if (defaults) defaults.append(...nodes);
}

/** The default children a rendered element had (for the inline decider's hand-off). */
export const defaultsOf = (element: Element): DocumentFragment | undefined => stashedDefaults.get(element);

/**
 * Takes over an element another renderer (the inline decider) already rendered: it counts as showing
 * `decision` (no re-render for the same decision), and its defaults come back when a later one keeps them.
 */
export function adoptRendered(
  element: Element,
  decision: Decision,
  attrs: Attributes,
  defaults?: DocumentFragment,
): void {
  renderedFingerprint.set(element, fingerprint(decision, attrs));
  if (defaults && !stashedDefaults.has(element)) stashedDefaults.set(element, defaults);
  reveal(element);
}

/**
 * Renders `decision` into `element` and reveals it. Returns false when nothing changed. Throws only
 * what rendering threw, after restoring the default content; the caller warns.
 */
export function renderDecision(element: HTMLElement, decision: Decision, attrs: Attributes): boolean {
  const print = fingerprint(decision, attrs);
  if (renderedFingerprint.get(element) === print) {
    reveal(element);
    return false;
  }
  // A try of its own: the default is put back before the error goes on to the caller, and `finally` reveals.
  try {
    mount(element, decision.content, attrs);
    setMarker(element, 'data-p13n-rule', decision.content === null ? null : decision.rule);
    setMarker(element, 'data-p13n-variant', decision.content === null ? null : decision.variant);
    renderedFingerprint.set(element, print);
  } catch (error) {
    restoreDefault(element);
    renderedFingerprint.delete(element);
    throw error;
  } finally {
    reveal(element);
  }
  return true;
}

function setMarker(element: Element, name: string, value: string | null): void {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

function mount(element: HTMLElement, content: Content | null, attrs: Attributes): void {
  if (content === null) return restoreDefault(element);
  if (!stashedDefaults.has(element)) {
    const defaults = asideFragment(element.ownerDocument);
    defaults.append(...Array.from(element.childNodes));
    stashedDefaults.set(element, defaults);
  }
  element.replaceChildren();
  element.style.removeProperty('display');
  switch (content.type) {
    case 'hide':
      element.style.setProperty('display', 'none', 'important');
      return;
    case 'html': {
      const wrapper = element.ownerDocument.createElement('div');
      wrapper.className = 'p13n-html';
      wrapper.append(ownerHtmlFragment(element.ownerDocument, content.html, attrs));
      element.replaceChildren(wrapper);
      return;
    }
    case 'hero':
      return element.replaceChildren(hero(element.ownerDocument, content, attrs));
    case 'products':
      return element.replaceChildren(products(element.ownerDocument, content, attrs));
  }
}

export function restoreDefault(element: HTMLElement): void {
  const defaults = stashedDefaults.get(element);
  element.style.removeProperty('display');
  if (!defaults) return;
  element.replaceChildren(defaults);
  stashedDefaults.delete(element);
}
