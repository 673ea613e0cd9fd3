/**
 * Consent decides where the profile lives (core/consent/resolve.ts): granted → IndexedDB; pending →
 * what an earlier consent stored is read, nothing written; refused → nothing read or written, all
 * erased, and every other page of the origin told. Resolved at start, before the one profile read, and
 * again on every signal (a banner, Shopify's event, a Consent Mode update, another tab's refusal).
 */
import { locationWith } from '../core/classify/facts.js';
import type { Config } from '../core/config/types.js';
import { retentionMs } from '../core/privacy/retention.js';
import { openProfile, storeFor } from '../edge/storage/consent-place.js';
import { eraseSnapshot } from '../edge/storage/snapshot.js';
import type { ReadResult, StoreOptions } from '../edge/storage/store.js';
import { emit } from '../edge/track/events.js';
import { describeError } from '../edge/warn.js';
import { redecide } from './decide.js';
import { mayWrite, pageContextOf, type Run } from './run.js';
import type { RuntimeState } from './runtime.js';

/** The store options of this page: its clock, the retention, and the erase check inside each write. */
export const storeOptions = (run: Run, config: Config): StoreOptions => ({
  retentionMs: retentionMs(config.retentionDays),
  now: run.now,
  mayWrite: mayWrite(run),
});

// A getter: the consent rules read the country only when nothing else decides (it may need the tz chunk).
const visitor = (run: Run) => {
  const context = pageContextOf(run);
  const location = locationWith(context, run.parts.parts, run.parts.missing);
  return {
    get country() {
      return location.country;
    },
    gpc: context.globalPrivacyControl,
  };
};

const resolve = (run: Run, config: Config) => run.signals.resolve(config, visitor(run));

export const eraseFailed = (run: Run) => (error: unknown) =>
  run.warn('erase', `the stored profile could not be erased (${describeError(error)})`);

/** Starts reading the profile, as far as consent allows. */
function openPlace(run: Run, config: Config): Promise<ReadResult> | null {
  if (run.place.consent === 'refused') eraseSnapshot(run.win);
  const place = openProfile(run.place.consent!, storeOptions(run, config), eraseFailed(run), run.stores);
  run.place.store = place.store;
  return place.reading;
}

export interface Reading {
  /** The one profile read of this page; null when consent allows none. */
  readonly result: Promise<ReadResult> | null;
  /** Settles once consent is resolved and the profile's place chosen (at once, unless consent waits for the tz chunk). */
  readonly placed: Promise<void>;
}

/** Resolves consent, then starts the read; when consent needs the visitor's country from the time-zone file, after loading it. */
export function startReading(run: Run, config: Config): Reading {
  const first = run.parts.probe(() => resolve(run, config).state, config.timeout);
  if (!first.missed) {
    run.place.consent = first.result;
    return { result: openPlace(run, config), placed: Promise.resolve() };
  }
  const opened = run.parts
    .settle(() => resolve(run, config).state, config.timeout)
    .then((resolved) => {
      run.place.consent = resolved;
      return { reading: openPlace(run, config) }; // boxed: the read itself is not awaited here
    });
  return {
    result: opened.then(({ reading }) => reading ?? ({ status: 'empty' } as const)),
    placed: opened.then(() => undefined),
  };
}

/**
 * Follows a change of consent: start or stop storing (erasing on refusal), then re-decide. A refusal
 * made here is announced to every other page of the origin; one taken in from there is not again.
 */
export function applyConsent(run: Run, current: RuntimeState, announce = true): Promise<void> {
  const resolution = resolve(run, current.compiled.config);
  if (resolution.state === run.place.consent) return Promise.resolve();
  const { place } = run;
  place.consent = resolution.state;
  current.consent = resolution.state === 'granted';
  place.store = storeFor(resolution.state, storeOptions(run, current.compiled.config), place.usable, run.stores);
  current.session.useStore(place.store, { replay: current.consent });
  let erase = Promise.resolve();
  if (resolution.state === 'refused') {
    // Every other page first, so none of them writes the old profile back after the erase.
    if (announce) run.erase.announce('refused');
    current.session.storeErased();
    eraseSnapshot(run.win);
    erase = run.stores.eraseAll().catch(eraseFailed(run));
  }
  if (resolution.state !== 'granted') {
    run.measurement.consentWithdrawn();
    run.shopify.forget();
    redecide(run, current);
  }
  emit(run.doc, 'consent', { ...resolution });
  // Granted: decide once, on what IndexedDB holds merged with this page's changes. Deciding first on
  // the page's own copy showed a blank visitor, in the slots and in attributes().
  const written = current.session.flush().then(() => {
    if (current.consent) redecide(run, current);
  });
  return Promise.all([erase, written]).then(() => undefined);
}
