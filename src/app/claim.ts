/**
 * Before anything runs: can this page host the script at all? A page (or another script) may have
 * taken `window.p13n` read-only, or removed `window.Promise`, which our code and idb-keyval call by
 * name. Either way the honest answer is to stay out entirely — nothing read, stored or swapped — say
 * so once, and let the slots show their default at once rather than after the hiding style's 1.5 s.
 */
import { READY_ATTRIBUTE } from '../edge/render/style.js';

/** Why the script cannot run on this page, in words for the console; null when it can. */
export function cannotRun(win: Window): string | null {
  if (typeof (win as { Promise?: unknown }).Promise !== 'function') {
    return 'window.Promise is missing (removed by a script on the page, or a very old browser): personalization is off for this page view';
  }
  const own = Object.getOwnPropertyDescriptor(win, 'p13n');
  if (own && !own.configurable && !own.writable) {
    return 'window.p13n is already taken by another script and cannot be replaced: personalization is off for this page view (rename that global, or remove the other script)';
  }
  return null;
}

/** Defines `window.p13n`, also over a configurable property the page put there. */
export function publish<T>(win: Window, api: T): void {
  const own = Object.getOwnPropertyDescriptor(win, 'p13n');
  // A non-configurable property cannot be redefined, only written (cannotRun() refused the rest).
  if (own && !own.configurable) (win as unknown as { p13n: T }).p13n = api;
  else Object.defineProperty(win, 'p13n', { value: api, writable: true, configurable: true, enumerable: true });
}

/** Marks every slot ready now and once the document is parsed, so the owner's hiding style lets go. */
export function releaseSlots(doc: Document): void {
  const release = () =>
    doc.querySelectorAll('[data-p13n-slot]').forEach((slot) => slot.setAttribute(READY_ATTRIBUTE, ''));
  release();
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', release, { once: true });
}
