/**
 * The page facts the inline decider can know before the first paint, and the attributes it cannot:
 * what its readers (chosen and pruned ahead of time for this config) answer exactly, and `unknown` for
 * the rest. Rules that read an unknown attribute wait for the full script (core/page.ts).
 */
import type { ClientHints, PageContext } from '../../core/classify/context.js';
import { pathOf, serverCountry } from '../../core/classify/facts.js';
import { loginState } from '../../core/classify/login.js';
import { pageType } from '../../core/classify/page.js';
import { quickSource, type SourceInput } from '../../core/classify/referrer.js';
import { localTime } from '../../core/classify/time.js';
import type { DeviceClass, Facts, TrafficSource } from '../../core/classify/types.js';
import type { LoginDetectors } from '../../core/config/types.js';
import { SOURCE_ATTRIBUTES } from '../../core/program/early.js';
import { defineLazy } from '../../core/lazy.js';
import { readGlobalPath, readLoginSignals } from '../page/login-signals.js';
import { attempt } from '../guard.js';

/** What a quick device matcher answers: null (os/browser: undefined) where only the full parser knows. */
export interface QuickDevice {
  readonly bot: boolean | null;
  readonly device: DeviceClass | null;
  readonly os?: string | null | undefined;
  readonly browser?: string | null | undefined;
}

export interface EarlyReaders {
  /** A landing from elsewhere, with pruned tables: throws UNSURE where only the full tables know. */
  readonly source?: (input: SourceInput) => TrafficSource | null;
  readonly device: (ua: string, hints: ClientHints | null, touch: number, screen?: number) => QuickDevice;
  /** The zone's country, from a pruned table. */
  readonly country?: (zone: string) => string | null;
  readonly hemisphere?: (zone: string | null) => 'north' | 'south' | null;
}

export interface EarlyFactsInput {
  readonly context: PageContext;
  readonly now: number;
  readonly internalHosts: readonly string[];
  readonly login: LoginDetectors | undefined;
  readonly win: Window;
}

export interface EarlyFacts {
  readonly facts: Facts;
  /** Attributes this page's facts leave unknown (before the profile's own are added). */
  readonly unknown: Set<string>;
  /** This page view's own source was unknown (the visit's source is, if it starts a visit here). */
  readonly sourceUnknown: boolean;
}

export function earlyFacts(input: EarlyFactsInput, readers: EarlyReaders): EarlyFacts {
  const { context, now } = input;
  const unknown = new Set<string>();
  const unknowable = (...names: string[]) => {
    for (const name of names) unknown.add(name);
  };
  const quick = readers.device(context.userAgent, context.clientHints, context.maxTouchPoints, context.screenShortSide);
  if (quick.bot === null) unknowable('bot');
  if (quick.device === null) unknowable('device');
  if (quick.os === undefined) unknowable('os');
  if (quick.browser === undefined) unknowable('browser');

  const server = context.server;
  const zone = () => (typeof context.timezone === 'string' && context.timezone ? context.timezone.slice(0, 64) : null);
  const given = serverCountry(context);
  const location = {
    language: /^([A-Za-z]{2,3})(?:[-_]|$)/.exec(context.language ?? '')?.[1]?.toLowerCase() ?? null,
    ownZone: context.ownZone === true,
  } as Record<string, unknown>;
  defineLazy(location, 'timezone', zone);
  if (given || readers.country)
    defineLazy(location, 'country', () => given ?? (zone() ? readers.country!(zone()!) : null));
  else unknowable('country');
  if (readers.hemisphere) defineLazy(location, 'hemisphere', () => readers.hemisphere!(zone()));
  else unknowable('hemisphere', 'season');

  const sourceInput = { url: context.url, referrer: context.referrer, internalHosts: input.internalHosts };
  let source = quickSource(sourceInput)?.source;
  let sourceUnknown = false;
  if (source === undefined) {
    // A throw (UNSURE): only the full tables know.
    source = attempt(() => (readers.source ? readers.source(sourceInput) : undefined));
    if (source === undefined) {
      sourceUnknown = true;
      source = null;
    }
  }

  const loggedIn = loginNow(input, server);
  if (loggedIn === undefined) unknowable('logged_in', 'tags');
  const path = pathOf(context.url);
  const facts = {
    source,
    device: {
      bot: quick.bot === true,
      device: quick.device ?? 'desktop',
      os: quick.os ?? null,
      browser: quick.browser ?? null,
    },
    location,
    path,
    pageType: pageType(path, server),
    loggedIn: loggedIn ?? null,
  } as unknown as Facts;
  // The visitor's own clock: Date, no Intl (see core/lazy.ts).
  defineLazy(facts as { time: Facts['time'] }, 'time', () => localTime(now, null));
  return { facts, unknown, sourceUnknown };
}

/**
 * The login state the page shows now: the server's word, a cookie; undefined where it cannot be told
 * yet (a selector in a body not parsed, a global a later script may set).
 */
function loginNow(input: EarlyFactsInput, server: PageContext['server']): boolean | null | undefined {
  const d = input.login && typeof input.login === 'object' ? input.login : {};
  const known = loginState({ server, global: undefined, cookie: null, selectorMatched: null });
  if (server && typeof server === 'object' && 'customer' in server) return known;
  if (typeof d.global === 'string' && d.global.trim()) {
    const value = readGlobalPath(input.win, d.global.trim());
    if (value === undefined) return undefined;
    return loginState({ server: null, global: value, cookie: null, selectorMatched: null });
  }
  // A cookie answers now as it will later; a selector needs the body.
  if (typeof d.cookie === 'string' && d.cookie.trim())
    return loginState(readLoginSignals(input.win, { cookie: d.cookie }, null));
  if (typeof d.selector === 'string' && d.selector.trim()) return undefined;
  return null;
}

export { SOURCE_ATTRIBUTES };
