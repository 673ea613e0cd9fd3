/**
 * A/B measurement lives in the `track` chunk, loaded after the first decision: this stand-in takes
 * the renderer's and the API's calls meanwhile and hands them over, in order, once the chunk is in.
 * An exposure before the page's state exists is dropped here, as the real measurement drops it.
 */
import type { Measurement, Purchase } from '../edge/track/measure.js';
import type { Decision } from '../core/decide/rules.js';

export interface DeferredMeasurement extends Measurement {
  /** The real measurement: queued calls run now, later ones go straight to it. */
  attach(real: Measurement): void;
}

/** Calls kept while the chunk loads; a page that never gets it keeps no more than this. */
const MAX_QUEUED = 200;

export function deferredMeasurement(hasState: () => boolean): DeferredMeasurement {
  let real: Measurement | null = null;
  const queue: Array<(m: Measurement) => void> = [];
  const call = (run: (m: Measurement) => void) => {
    if (real) run(real);
    else if (queue.length < MAX_QUEUED) queue.push(run);
  };
  return {
    exposed(decision: Decision) {
      if (hasState()) call((m) => m.exposed(decision));
    },
    purchased(purchase: Purchase) {
      if (hasState()) call((m) => m.purchased(purchase));
    },
    newPage: () => call((m) => m.newPage()),
    consentWithdrawn: () => call((m) => m.consentWithdrawn()),
    attach(measurement) {
      real = measurement;
      queue.splice(0).forEach((run) => run(measurement));
    },
  };
}
