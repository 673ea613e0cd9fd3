/**
 * Everything the classifiers conclude about one page view, with the heavy classifiers passed in: the
 * shopper's script loads them on demand (app/chunks), so a fact whose classifier is not there yet
 * reads as null and calls `missing(part)`, and is computed again on the next read (not memoized). The
 * caller loads the part and decides again: a decision is only kept from a run that missed nothing
 * (app/needs.ts). With every part given, this is exactly `classify()` of ./index.ts. Pure.
 */
import type { PageContext } from './context.js';
import type { uaFacts } from './device.js';
import type { countryForZone } from './location.js';
import type { hemisphereOf } from './season.js';
import type { classifySource } from './source.js';
import { isBot } from './bot.js';
import { loginState } from './login.js';
import { pageType } from './page.js';
import { quickSource } from './referrer.js';
import { localTime } from './time.js';
import type { DeviceFacts, Facts, LocationFacts } from './types.js';
import { defineLazy } from '../lazy.js';

export interface ClassifyOptions {
  readonly now: number;
  /** Config.internalHosts: hosts besides the page's own (and its www twin) that are the store itself. */
  readonly internalHosts: readonly string[];
  /** From `loginState(readLoginSignals(…))`; when null, the server context alone is asked. */
  readonly loggedIn: boolean | null;
}

/** The classifiers that carry tables, by the chunk that holds them. */
export interface ClassifierParts {
  readonly ua?: typeof uaFacts | undefined;
  /** The zone tables: the zone's country, and its hemisphere (`season`, `hemisphere`). */
  readonly tz?:
    | { readonly countryForZone: typeof countryForZone; readonly hemisphereOf: typeof hemisphereOf }
    | undefined;
  readonly sources?: typeof classifySource | undefined;
}

export type ClassifierPart = keyof ClassifierParts;

export type Missing = (part: ClassifierPart) => void;

/** A getter memoized once computed without a miss; after a miss it asks again next time. */
function defineRetrying<T extends object, K extends keyof T>(
  target: T,
  key: K,
  compute: (miss: () => void) => T[K],
): T {
  let done = false;
  let value: T[K];
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (done) return value;
      let missed = false;
      const result = compute(() => (missed = true));
      if (!missed) [done, value] = [true, result];
      return result;
    },
  });
  return target;
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

/** Whether this page's source needs the `sources` part (a landing from elsewhere, or campaign tags). */
export const needsSourceTables = (ctx: PageContext, internalHosts: readonly string[]): boolean =>
  quickSource({ url: ctx.url, referrer: ctx.referrer, internalHosts }) === undefined;

const COUNTRY = /^[A-Za-z]{2}$/;
/** Primary language subtag of a BCP 47 tag: `nb-NO` → nb, `zh_Hant_TW` → zh. */
const LANGUAGE = /^([A-Za-z]{2,3})(?:[-_]|$)/;

/** The country the store's server printed, if it is a real one. */
export function serverCountry(ctx: PageContext | null): string | null {
  const given = ctx?.server?.country;
  // GeoIP services send 'XX' / 'T1' (Tor) for unknown; only two letters count.
  return typeof given === 'string' && COUNTRY.test(given.trim()) && !/^xx$/i.test(given.trim())
    ? given.trim().toUpperCase()
    : null;
}

export function locationWith(ctx: PageContext, parts: ClassifierParts, missing: Missing): LocationFacts {
  const language = typeof ctx?.language === 'string' ? (LANGUAGE.exec(ctx.language)?.[1]?.toLowerCase() ?? null) : null;
  const facts = { language, ownZone: ctx?.ownZone === true } as {
    -readonly [K in keyof LocationFacts]: LocationFacts[K];
  };
  // The zone (and the country when it comes from the zone) is read only when asked for: see ../lazy.ts.
  defineLazy(facts, 'timezone', () =>
    typeof ctx?.timezone === 'string' && ctx.timezone ? ctx.timezone.slice(0, 64) : null,
  );
  const server = serverCountry(ctx);
  defineRetrying(facts, 'hemisphere', (miss) => {
    if (!facts.timezone) return null;
    // Read at each try, not captured: `parts` may be live, filled as chunks arrive.
    const tables = parts.tz;
    if (tables) return tables.hemisphereOf(facts.timezone);
    miss();
    missing('tz');
    return null;
  });
  return defineRetrying(facts, 'country', (miss) => {
    if (server) return server;
    if (!facts.timezone) return null;
    const tables = parts.tz;
    if (tables) return tables.countryForZone(facts.timezone);
    miss();
    missing('tz');
    return null;
  });
}

function deviceWith(ctx: PageContext, parts: ClassifierParts, missing: Missing): DeviceFacts {
  const facts = { bot: isBot(ctx.userAgent, ctx.clientHints) } as {
    -readonly [K in keyof DeviceFacts]: DeviceFacts[K];
  };
  let parsed: Omit<DeviceFacts, 'bot'> | undefined;
  for (const key of ['device', 'os', 'browser'] as const) {
    defineRetrying(facts, key, (miss) => {
      const parse = parts.ua;
      if (parse)
        return (parsed ??= parse(ctx.userAgent, ctx.clientHints, ctx.maxTouchPoints, ctx.screenShortSide))[
          key
        ] as never;
      miss();
      missing('ua');
      return null as never;
    });
  }
  return facts;
}

export function classifyWith(
  ctx: PageContext,
  options: ClassifyOptions,
  parts: ClassifierParts,
  missing: Missing,
): Facts {
  const location = locationWith(ctx, parts, missing);
  const path = pathOf(ctx.url);
  const input = { url: ctx.url, referrer: ctx.referrer, internalHosts: options.internalHosts };
  let source = quickSource(input)?.source;
  if (source === undefined) {
    if (parts.sources) source = parts.sources(input);
    else {
      missing('sources');
      source = null;
    }
  }
  const facts = {
    source,
    device: deviceWith(ctx, parts, missing),
    location,
    path,
    pageType: pageType(path, ctx.server),
    loggedIn:
      options.loggedIn ?? loginState({ server: ctx.server, global: undefined, cookie: null, selectorMatched: null }),
  } as { -readonly [K in keyof Facts]: Facts[K] };
  // In the browser's own zone, Date's local time is the zone's: no Intl needed (see ../lazy.ts).
  return defineLazy(facts, 'time', () => localTime(options.now, ctx.ownZone ? null : location.timezone));
}
