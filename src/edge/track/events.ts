import { attempt } from '../guard.js';

/**
 * Events the script announces to the theme as `CustomEvent`s on `document` (`p13n:ready`, …).
 * A theme listener that throws is the theme's bug: dispatchEvent reports it, and it never interrupts
 * the script (listener exceptions do not propagate to the dispatcher).
 */
export function emit(doc: Document, name: string, detail: unknown): void {
  // A page without CustomEvent support (or with a broken polyfill) just misses the event.
  attempt(() => doc.dispatchEvent(new CustomEvent(`p13n:${name}`, { detail })));
}
