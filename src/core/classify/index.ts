/**
 * Everything the classifiers conclude about one page view, from the context read at the edge.
 * Pure: the clock and the login state the page shows are passed in.
 */
import type { PageContext } from '../../edge/page/context.js';
import { classifyDevice } from './device.js';
import { classifyLocation } from './location.js';
import { loginState } from './login.js';
import { pageType } from './page.js';
import { classifySource } from './source.js';
import { localTime } from './time.js';
import type { Facts } from './types.js';
import { defineLazy } from '../lazy.js';

export interface ClassifyOptions {
  readonly now: number;
  /** Config.internalHosts: hosts besides the page's own (and its www twin) that are the store itself. */
  readonly internalHosts: readonly string[];
  /** From `loginState(readLoginSignals(…))`; when null, the server context alone is asked. */
  readonly loggedIn: boolean | null;
}

/** The path of a URL (`/collections/shoes`), or `/` when there is none to read. */
export function pathOf(url: string): string {
  if (typeof url !== 'string') return '/';
  try {
    return new URL(url.slice(0, 8192)).pathname.slice(0, 2048);
  } catch {
    const path = url.split(/[?#]/)[0]!;
    return path.startsWith('/') ? path.slice(0, 2048) : '/';
  }
}

export function classify(ctx: PageContext, options: ClassifyOptions): Facts {
  const location = classifyLocation(ctx);
  const path = pathOf(ctx.url);
  const facts = {
    source: classifySource({ url: ctx.url, referrer: ctx.referrer, internalHosts: options.internalHosts }),
    device: classifyDevice(ctx.userAgent, ctx.clientHints, ctx.maxTouchPoints),
    location,
    path,
    pageType: pageType(path, ctx.server),
    loggedIn: options.loggedIn ?? loginState({ server: ctx.server, global: undefined, cookie: null, selectorMatched: null }),
  } as { -readonly [K in keyof Facts]: Facts[K] };
  // In the browser's own zone, Date's local time is the zone's: no Intl needed (see ../lazy.ts).
  return defineLazy(facts, 'time', () => localTime(options.now, ctx.ownZone ? null : location.timezone));
}

export { classifyDevice } from './device.js';
export { classifyLocation, countryForZone } from './location.js';
export { loginState, readLoginSignals } from './login.js';
export { interestKey, pageType, readProductFromJsonLd } from './page.js';
export { classifySource } from './source.js';
export { localTime } from './time.js';
