/**
 * Whether the browser may already have painted the page, for a script that runs after slots are in
 * the DOM (loaded `async`, `defer`, by a tag manager, or placed in `<body>`). Paint Timing
 * (https://w3c.github.io/paint-timing/; Chrome 60, Safari 14.1, Firefox 84) records the first paint;
 * where the browser cannot say, the answer is yes: a slot it may have painted keeps its default.
 */
export function mayHavePainted(win: Window): boolean {
  try {
    const types = (win as Window & typeof globalThis).PerformanceObserver?.supportedEntryTypes;
    if (types && types.includes('paint')) return win.performance.getEntriesByType('paint').length > 0;
  } catch {
    // Fall through: cannot tell.
  }
  return true;
}
