/**
 * Honest measurement of A/B tests: an exposure is counted when the visitor actually saw a variant (the
 * renderer put it into a slot element that exists; a slot missing from the page is no exposure), once
 * per test per page view; a purchase is a conversion of the tests the visitor is in. Each goes to
 * `window.dataLayer` (for GA4 through GTM), to a `p13n:exposure` / `p13n:conversion` CustomEvent, and,
 * when the config names an `endpoint`, to the beacon queue.
 *
 * A plain personalization rule is measured when the config has a `holdout`: its exposure is one of the
 * holdout's "test" (personalized vs held out). Nothing is reported for bots, without storage consent,
 * or for a variant forced by preview.
 *
 * Each page view with consent also sets the visitor's segments for ad audiences (./audiences.ts):
 * now (this chunk loads after the first decision), after each route change's re-decision, and when
 * consent is given later on the page.
 */
import type { CompiledConfig, CompiledRule } from '../../core/config/compile.js';
import type { Decision } from '../../core/decide/rules.js';
import type { Facts } from '../../core/classify/types.js';
import type { Attributes } from '../../core/types.js';
import type { Evaluation } from '../../core/segments/index.js';
import type { ProfileSession } from '../storage/session.js';
import { createAudiences } from './audiences.js';
import { createBeaconQueue, type BeaconQueue } from './beacon.js';
import { emit } from './events.js';
import {
  activeAssignments,
  conversionDataLayer,
  conversionRecord,
  exposureDataLayer,
  exposureRecord,
  holdoutExposureRecord,
  pageviewRecord,
  type BeaconRecord,
  type DataLayerEvent,
} from '../../core/track/records.js';
import { holdoutGroup } from '../../core/decide/holdout.js';
import { attempt } from '../guard.js';

/** What measurement reads of the page's decided state (the app's state has more). */
export interface MeasuredState {
  readonly compiled: CompiledConfig;
  readonly consent: boolean;
  readonly facts: { readonly device: Pick<Facts['device'], 'bot'> };
  readonly evaluation: Evaluation;
  /** The visitor's attributes: page-view records carry them; `predicted_purchase` is computed on read. */
  readonly attrs: Attributes;
  readonly session: Pick<ProfileSession, 'current' | 'storeKind'>;
  readonly forcedSegments: ReadonlySet<string>;
  readonly forcedVariants: ReadonlyMap<string, string>;
}

/**
 * Tests count only visitors we can keep in one variant: consent to store, a store that persists, no
 * bot. The same rule as core/page.ts's, on the state the script keeps.
 */
export const canExperiment = (state: Pick<MeasuredState, 'consent' | 'facts' | 'session'>): boolean =>
  state.consent && !state.facts.device.bot && state.session.storeKind() === 'indexeddb';

export interface Purchase {
  readonly value?: number | undefined;
  readonly currency?: string | undefined;
  readonly transactionId?: string | undefined;
}

export interface Measurement {
  /** The renderer has shown `decision` in a slot element on the page. */
  exposed(decision: Decision): void;
  /** A purchase counted for the first time (a repeated transaction id is not a new conversion). */
  purchased(purchase: Purchase): void;
  /** A new page view (single-page-app navigation): exposures are counted again. */
  newPage(): void;
  /** Consent withdrawn: records still queued are dropped, never sent. */
  consentWithdrawn(): void;
}

function pushToDataLayer(win: Window, events: readonly DataLayerEvent[]): void {
  if (events.length === 0) return;
  const w = win as Window & { dataLayer?: unknown };
  // A frozen or hostile dataLayer: GA4 misses the event, the page goes on.
  attempt(() => {
    if (!Array.isArray(w.dataLayer)) w.dataLayer = [];
    for (const event of events) (w.dataLayer as unknown[]).push(event);
  });
}

/** The visitor's score now, when the config has a model; read only then (it is computed on read). */
const predicted = (state: MeasuredState) =>
  state.compiled.config.models?.purchase ? (state.attrs.predicted_purchase as number | null) : null;

function findRule(state: MeasuredState, decision: Decision): CompiledRule | undefined {
  return state.compiled.slots
    .find((slot) => slot.name === decision.slot)
    ?.rules.find((rule) => rule.id === decision.rule);
}

export function createMeasurement(
  win: Window,
  current: () => MeasuredState | null,
  now: () => number = Date.now,
): Measurement {
  let exposedThisPage = new Set<string>();
  let queue: BeaconQueue | null = null;
  const audiences = createAudiences(win);
  const pageViewed = () => {
    const state = current();
    // Consent as for every other signal (it is refused under Global Privacy Control); never for a bot,
    // nor for a tab previewing forced segments: that is the store owner.
    if (!state?.consent || state.facts.device.bot || state.forcedSegments.size > 0) return;
    audiences.pageView(state.compiled.segments.match(state.evaluation));
  };
  pageViewed();
  // No document events: the next page view sends them.
  attempt(() =>
    win.document.addEventListener('p13n:consent', (event) => {
      if ((event as CustomEvent<{ state?: unknown } | null>).detail?.state === 'granted') pageViewed();
    }),
  );

  const beacon = (state: MeasuredState, record: BeaconRecord) => {
    const endpoint = state.compiled.config.endpoint;
    if (!endpoint) return;
    queue ??= createBeaconQueue(win, { endpoint, now });
    queue.add(record);
  };

  /** `collect: ["pageviews"]`: this page view's features, for `p13n learn`; consent as for tests. */
  const pageview = () => {
    const state = current();
    if (!state?.compiled.config.collect?.includes('pageviews') || !canExperiment(state)) return;
    const facts = { visitor: state.session.current().id, ts: now(), predicted: predicted(state) };
    beacon(state, pageviewRecord(state.attrs, facts));
  };
  // Created after the page's first decision, with the facts it reads loaded (app/after.ts).
  pageview();

  return {
    exposed(decision) {
      const state = current();
      if (state && decision.holdout && canExperiment(state)) {
        // A personalized rule (or its held-out default) seen: one exposure of the holdout per page view.
        const visitor = state.session.current().id;
        const once = `${visitor}\u0000${decision.holdout.key}`;
        if (!exposedThisPage.has(once)) {
          exposedThisPage.add(once);
          const record = holdoutExposureRecord(decision, decision.holdout, {
            visitor,
            segments: state.compiled.segments.match(state.evaluation),
            ts: now(),
            predicted: predicted(state),
          });
          pushToDataLayer(win, [exposureDataLayer(record)]);
          emit(win.document, 'exposure', record);
          beacon(state, record);
        }
      }
      const experiment = decision.experiment;
      if (!state || !experiment?.counted || decision.variant === null || !canExperiment(state)) return;
      const visitor = state.session.current().id;
      // Keyed by visitor too: after `forget()` the new visitor's first sight counts.
      const once = `${visitor}\u0000${experiment.key}`;
      const rule = findRule(state, decision);
      if (exposedThisPage.has(once) || !rule?.variants) return;
      exposedThisPage.add(once);
      const segments = state.compiled.segments.match(state.evaluation);
      const record = exposureRecord(decision, rule, { visitor, segments, ts: now(), predicted: predicted(state) });
      pushToDataLayer(win, [exposureDataLayer(record)]);
      emit(win.document, 'exposure', record);
      beacon(state, record);
    },
    purchased(purchase) {
      const state = current();
      if (!state || !canExperiment(state)) return;
      const profile = state.session.current();
      const assignments = activeAssignments(state.compiled, profile.assignments, new Set(state.forcedVariants.keys()));
      const holdout = state.compiled.config.holdout;
      if (holdout) assignments[holdout.id] = holdoutGroup(holdout, profile.id);
      const record = conversionRecord(purchase, { visitor: profile.id, ts: now(), assignments });
      // A shopper in no running test has nothing to attribute; p13n learn still needs the purchase.
      if (Object.keys(assignments).length === 0) {
        if (state.compiled.config.collect?.includes('pageviews')) beacon(state, record);
        return;
      }
      pushToDataLayer(win, conversionDataLayer(record));
      emit(win.document, 'conversion', record);
      beacon(state, record);
    },
    newPage() {
      queue?.flush();
      exposedThisPage = new Set();
      audiences.newPage();
      // Called before the route is re-decided and its page view counted (boot.ts refreshPage): its
      // segments and its record are read after that.
      void Promise.resolve().then(() => {
        pageViewed();
        pageview();
      });
    },
    consentWithdrawn() {
      queue?.clear();
      audiences.withdrawn();
    },
  };
}
