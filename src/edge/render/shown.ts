import { attempt } from '../guard.js';

/**
 * Which slot elements already in the page may have been painted with their default content, so they
 * must keep it for this page view (never a late swap). Asked once, when the script starts, before it
 * adds its own hiding sheet:
 *
 * - synchronous install in <head>: no slot is in the page yet, nothing to ask;
 * - async/defer install after the hiding style (`<style id="p13n-hide">`, docs/performance.md): slots the
 *   parser added meanwhile are `visibility: hidden` (never painted) until that style's animation
 *   reveals them 1.5 s after they appeared; a slot still hidden is personalized, a revealed one keeps
 *   its default. The computed style is the animation's state at this instant, so a reveal due in the
 *   very frame being prepared already counts as shown: the error can only keep a default, never swap;
 * - async install without the hiding style: every slot in the page is visible, and keeps its default.
 *
 * Once the script's own sheet is in (`visibility: hidden !important`, which an animation cannot
 * override), the owner's reveal no longer shows undecided slots: the script's own timeout does.
 */
export function shownNow(doc: Document, selectors: readonly string[]): Set<Element> {
  const shown = new Set<Element>();
  if (selectors.length === 0) return shown;
  const view = doc.defaultView;
  const elements = attempt(() => doc.querySelectorAll(selectors.join(',')));
  if (!elements) return shown; // an invalid selector: the caller warns and leaves those slots alone
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i]!;
    // Cannot tell: count it as shown.
    const hidden = attempt(() => view?.getComputedStyle(element).visibility === 'hidden', false);
    if (!hidden) shown.add(element);
  }
  return shown;
}
