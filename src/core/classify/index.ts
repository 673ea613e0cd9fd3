/**
 * Everything the classifiers conclude about one page view, from the context read at the edge.
 * Pure: the clock and the login state the page shows are passed in.
 */
import type { PageContext } from './context.js';
import { uaFacts } from './device.js';
import { countryForZone } from './location.js';
import { classifySource } from './source.js';
import { hemisphereOf } from './season.js';
import { classifyWith, type ClassifyOptions } from './facts.js';
import type { Facts } from './types.js';

export { classifyWith, pathOf, type ClassifierParts, type ClassifyOptions } from './facts.js';

/** Every classifier, bundled: what tools, benchmarks and tests use. */
export function classify(ctx: PageContext, options: ClassifyOptions): Facts {
  return classifyWith(
    ctx,
    options,
    { ua: uaFacts, tz: { countryForZone, hemisphereOf }, sources: classifySource },
    () => undefined,
  );
}

export { classifyDevice } from './device.js';
export { classifyLocation, countryForZone } from './location.js';
export { loginState } from './login.js';
export { interestKey, pageType, productFromJsonLd } from './page.js';
export { classifySource } from './source.js';
export { localTime } from './time.js';
