/**
 * What the debug loader (in personalize.js) and the panel (personalize-debug.js) agree on. Tiny on
 * purpose: it is bundled into both files.
 */

/** sessionStorage key: '1' while the panel is on in this tab. */
export const DEBUG_KEY = 'p13n_debug';

/** The script's CustomEvents on `document` that the panel lists (without the `p13n:` prefix). */
export const DEBUG_EVENTS = ['ready', 'exposure', 'conversion'] as const;

/** One of those events, as recorded from boot on for the panel. */
export interface RecordedEvent {
  /** `p13n:ready`, `p13n:exposure`, … */
  readonly name: string;
  readonly detail: unknown;
  /** Milliseconds since the page started (performance.now()). */
  readonly at: number;
}
