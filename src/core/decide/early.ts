/**
 * Decisions that can be made before the stored profile is read: the one IndexedDB read takes from a
 * few to tens of milliseconds, and a slot whose rules only look at the page (device, country, path,
 * time, a login the server printed…) need not stay hidden that long. Pure.
 *
 * Which attributes a rule reads is found by running the real decision code (`decide()`) on
 * attributes whose stored parts record being read: a slot is decided early only if nothing stored
 * was read on the way to its decision, including the `{{tokens}}` of its content and the visitor id
 * and assignments an A/B test needs. Short-circuits count in our favour (`device = 'mobile' AND
 * visits > 3` is false on a desktop without reading `visits`), and an attribute added later is
 * stored until listed here, so a mistake can only make a slot wait, never decide it wrongly.
 */
import type { Facts } from '../classify/types.js';
import type { CompiledConfig } from '../config/compile.js';
import { newProfile } from '../profile/model.js';
import { toAttributes } from '../attributes/from-profile.js';
import { fillTokens } from '../content/tokens.js';
import type { Attributes } from '../types.js';
import type { CustomerAttributes } from '../attributes/customer.js';
import { decide, type Decision } from './rules.js';
import { toJson } from '../json.js';

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
const LOGIN_ATTRIBUTES = ['logged_in', 'tags'];

export interface EarlyInput {
  readonly compiled: CompiledConfig;
  readonly facts: Facts;
  readonly tags: readonly string[] | null;
  readonly customer?: CustomerAttributes | null;
  readonly consent: boolean;
  readonly now: number;
  readonly forcedSegments: ReadonlySet<string>;
  readonly forcedVariants: ReadonlyMap<string, string>;
  /** Decisions for a bot, which never depend on anything stored. */
  readonly botDecisions: (compiled: CompiledConfig) => readonly Decision[];
}

export interface EarlyDecisions {
  /** Decisions of the slots that could be decided; the others wait for the profile. */
  readonly decisions: readonly Decision[];
  /** The page-only attributes (stored ones at their empty values, never read by these decisions). */
  readonly attrs: Attributes;
}

export function earlyDecisions(input: EarlyInput): EarlyDecisions {
  const { compiled, facts } = input;
  const attrs = toAttributes({
    profile: newProfile('', input.now),
    facts,
    tags: input.tags,
    consent: input.consent,
    now: input.now,
    timezone: compiled.config.timezone,
    customer: input.customer,
  });
  if (facts.device.bot) return { decisions: input.botDecisions(compiled), attrs };
  const pageOnly = new Set(facts.loggedIn === null ? PAGE_ATTRIBUTES : [...PAGE_ATTRIBUTES, ...LOGIN_ATTRIBUTES]);

  const decisions: Decision[] = [];
  for (const slot of compiled.slots) {
    let readStored = false;
    const record = () => {
      readStored = true;
    };
    // Getters throughout: some page facts are themselves computed on first read (../lazy.ts).
    const watched: Record<string, unknown> = {};
    for (const name of Object.keys(attrs)) {
      const read = () => attrs[name];
      Object.defineProperty(watched, name, {
        enumerable: true,
        get: pageOnly.has(name) ? read : () => (record(), read()),
      });
    }
    const assignments = new Proxy({}, { get: record, has: () => (record(), false), ownKeys: () => (record(), []) });
    const visitor = {
      assignments,
      canExperiment: input.consent,
      forcedVariants: input.forcedVariants,
      now: input.now,
      get visitorId() {
        return (record(), '');
      },
    };
    // A fresh evaluation per slot: segments are memoized within one, and a memoized segment would not read again.
    const evaluation = compiled.segments.evaluation(watched as Attributes, { forced: input.forcedSegments });
    const [decision] = decide({ ...compiled, slots: [slot] }, evaluation, visitor).decisions;
    if (decision?.content) fillTokens(toJson(decision.content) ?? '', watched as Attributes);
    if (decision && !readStored) decisions.push(decision);
  }
  return { decisions, attrs };
}
