/**
 * Decisions that can be made before the stored profile is read: the one IndexedDB read takes from a
 * few to tens of milliseconds, and a slot whose rules only look at the page (device, country, path,
 * time, a login the server printed…) need not stay hidden that long. A hand-written install has no
 * inline decider to make them before the first paint; the full script makes them as it starts.
 *
 * The page step (core/page.ts) decides slot by slot and leaves waiting every slot whose decision read
 * something unknown: here everything but the attributes listed below, so an attribute added later is
 * unknown until listed, and a mistake can only make a slot wait, never decide it wrongly.
 */
import { decideStep, VISITOR, type PageResult, type StepInput } from '../core/page.js';
import { newProfile } from '../core/profile/model.js';
import type { View } from '../edge/render/renderer.js';
import { describeError } from '../edge/warn.js';
import type { PageView } from './decide.js';
import { stepInputOf } from './runtime.js';
import type { Run } from './run.js';

/** Attributes that come from the page alone: the same before and after the profile is read. */
export const PAGE_ATTRIBUTES: readonly string[] = [
  'device',
  'bot',
  'os',
  'browser',
  'country',
  'timezone',
  'language',
  'hour',
  'weekday',
  'month',
  'path',
  'page_type',
  'consent',
  'date',
  'season',
  'hemisphere',
  'email_subscription_status',
  'customer_countries',
];

/** With a login state the page shows, these stop depending on the `track('login')` kept in the profile. */
export const LOGIN_ATTRIBUTES: readonly string[] = ['logged_in', 'tags'];

/**
 * The decisions of the slots whose rules read nothing stored, for the page's facts (`input.facts`).
 * No page view is recorded: the profile is not known, and the visit's source is not read here. The
 * visitor counts as remembered: an A/B test then reads the visitor (unknown), so its slot waits.
 */
export function pageOnlyDecisions(input: Omit<StepInput, 'remembered' | 'unknown'>): PageResult {
  const known = new Set(input.facts.loggedIn === null ? PAGE_ATTRIBUTES : [...PAGE_ATTRIBUTES, ...LOGIN_ATTRIBUTES]);
  return decideStep(
    { ...input, remembered: true, unknown: (name) => name === VISITOR || !known.has(name) },
    newProfile('', input.now),
  );
}

/**
 * The slots whose rules read nothing stored, decided now (also as the parser adds them); not while
 * consent waits for a file, nor from a run that read a fact whose classifier is not loaded. None if it
 * fails: every slot then waits for the profile.
 */
export function decidePageOnly(run: Run, page: PageView): View {
  const none: View = { compiled: page.compiled, decisions: [], attrs: {} };
  if (run.place.consent === null) return none;
  const consent = run.place.consent === 'granted';
  try {
    const probe = run.parts.probe(() => {
      const step = pageOnlyDecisions(stepInputOf(page, page.classify(), consent, true, run.now()));
      return { compiled: page.compiled, decisions: step.decisions, attrs: step.attrs };
    }, page.compiled.config.timeout);
    return probe.missed ? none : probe.result;
  } catch (error) {
    run.warn(
      'early',
      `deciding before the profile was read failed, so every slot waits for it: ${describeError(error)}`,
    );
    return none;
  }
}
