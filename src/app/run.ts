/**
 * One page's run of the script: the services every step uses (clock, stores, chunks, renderer,
 * measurement), made once, and the little state the steps share. Each step lives in its own module
 * and takes the run; boot.ts orders them.
 */
import type { ConsentState } from '../core/consent/resolve.js';
import { createChunkLoader, type ChunkLoader } from '../edge/chunks.js';
import { createConsentSignals, type ConsentSignals } from '../edge/consent/signals.js';
import { startDebug, type DebugRecorder } from '../edge/debug-loader.js';
import { readPageContext, type PageContext, type ServerContext } from '../edge/page/context.js';
import { allSelectors, createRenderer, type Renderer } from '../edge/render/renderer.js';
import { isValidSelector } from '../edge/render/style.js';
import { createShopify } from '../edge/shopify/start.js';
import { watchErase, type EraseKind, type EraseSignal } from '../edge/storage/erase-signal.js';
import { browserStores, type ProfileStores } from '../edge/storage/consent-place.js';
import type { ProfileStore } from '../edge/storage/store.js';
import { createDeduper, type Deduper } from '../core/track/dedupe.js';
import { describeError, type Warn } from '../edge/warn.js';
import { BUNDLED } from './chunks/all.js';
import { deferredMeasurement, type DeferredMeasurement } from './deferred-track.js';
import { createParts, type Parts } from './needs.js';
import type { RuntimeState } from './runtime.js';

export interface ControllerOptions {
  /** The clock (milliseconds since the epoch); `Date.now` unless a test gives its own. */
  readonly now?: () => number;
  /** Where profiles are kept and erased; IndexedDB unless a test gives its own. */
  readonly stores?: ProfileStores;
}

/** Where the profile lives now, as consent allows (app/consent.ts). */
export interface Place {
  /** Null until resolved (it may wait for the time-zone file: the consent default can need the country). */
  consent: ConsentState | null;
  store: ProfileStore | null;
  /** False once IndexedDB failed or holds a newer version's record: consent then keeps the page in memory. */
  usable: boolean;
}

export interface Run {
  readonly win: Window;
  readonly doc: Document;
  readonly script: HTMLScriptElement | null;
  readonly warn: Warn;
  readonly now: () => number;
  readonly stores: ProfileStores;
  readonly chunks: ChunkLoader;
  readonly parts: Parts;
  readonly measurement: DeferredMeasurement;
  readonly renderer: Renderer;
  readonly shopify: ReturnType<typeof createShopify>;
  readonly signals: ConsentSignals;
  readonly erase: EraseSignal;
  readonly deduper: Deduper;
  readonly debug: DebugRecorder | null;
  readonly place: Place;
  /** The decided state: null until the first decision (and for good when boot failed). */
  state: RuntimeState | null;
  /** `#p13n-context`, read once at boot. */
  server: ServerContext | null;
  /** What the page shows (URL, referrer, user agent…), read once per page view. */
  context: PageContext | null;
  /** False while the page is prerendered: nothing is counted, sent or stored until it is shown. */
  shown(): boolean;
  /**
   * Runs `action` with the state once the first decision is made (at once if it is). A theme may call
   * track() or consent() that early; after a failed boot, `otherwise` runs (or nothing), and it settles.
   */
  whenBooted(action: (state: RuntimeState) => void | Promise<void>, otherwise?: () => Promise<void>): Promise<void>;
  /** The first decision is made, or boot failed: calls made meanwhile run now. */
  booted(): void;
}

export interface RunHooks {
  /** A consent signal changed (a banner, Shopify's event, a Consent Mode update). */
  readonly consentChanged: (run: Run) => void;
  /** Another page of the origin erased the profile. */
  readonly erased: (run: Run, kind: EraseKind) => void;
  readonly shown: () => boolean;
  /** The clock when the options give none. */
  readonly clock: () => number;
}

export function createRun(
  win: Window,
  script: HTMLScriptElement | null,
  warn: Warn,
  options: ControllerOptions,
  hooks: RunHooks,
): Run {
  const doc = win.document;
  const now = options.now ?? hooks.clock;
  const chunks = createChunkLoader(win, script, warn, BUNDLED);
  const place: Place = { consent: null, store: null, usable: true };
  const queued: Array<() => void> = [];
  let settled = false;
  const measurement = deferredMeasurement(() => run.state !== null);
  const shopify = createShopify(
    { win, server: () => run.server, consent: () => place.consent === 'granted', now },
    chunks,
    warn,
  );
  const renderer = shopify.wrap(
    createRenderer(
      doc,
      warn,
      (selector) => isValidSelector(doc, selector),
      (decision) => measurement.exposed(decision),
    ),
  );

  const run: Run = {
    win,
    doc,
    script,
    warn,
    now,
    stores: options.stores ?? browserStores,
    chunks,
    parts: createParts(chunks),
    measurement,
    renderer,
    shopify,
    signals: createConsentSignals(win, () => hooks.consentChanged(run)),
    erase: watchErase(win, (kind) => hooks.erased(run, kind)),
    deduper: createDeduper(),
    debug: startDebug(win, chunks, warn),
    place,
    state: null,
    server: null,
    context: null,
    shown: hooks.shown,
    // A theme may call track() or consent() before the profile is read: such calls wait for boot. After
    // a failed boot they settle at once (personalization is off, but no caller waits forever).
    whenBooted: (action, otherwise) =>
      new Promise<void>((resolve) => {
        const failed = (error: unknown) =>
          warn(`api:${describeError(error)}`, `p13n call failed: ${describeError(error)}`);
        const go = () => {
          try {
            Promise.resolve(run.state ? action(run.state) : otherwise?.())
              .catch(failed)
              .then(() => resolve());
          } catch (error) {
            failed(error);
            resolve();
          }
        };
        if (run.state || settled) go();
        else queued.push(go);
      }),
    booted() {
      settled = true;
      for (const go of queued.splice(0)) go();
    },
  };
  return run;
}

/** What the page shows, read once per page view (after the server context): consent and the classifiers share it. */
export const pageContextOf = (run: Run): PageContext => (run.context ??= readPageContext(run.win, run.server));

/**
 * False once another page of the origin erased the profile and this page has not taken that in yet
 * (its message may not have arrived): no write may go ahead. The erase is taken in right after (the
 * page then starts a new profile: app/erase.ts), outside the write that asked.
 */
export const mayWrite = (run: Run) => (): boolean => {
  if (!run.erase.stale()) return true;
  void Promise.resolve().then(() => run.erase.check());
  return false;
};

/** Every element the config's slots may render into (for hiding and showing them all at once). */
export const slotSelectors = (run: Run): readonly string[] =>
  run.state ? allSelectors(run.state.compiled).filter((selector) => isValidSelector(run.doc, selector)) : [];
