/**
 * The boot pipeline of one page and the `window.p13n` API on top of it:
 *
 *   config ─► hide slots ─► start the profile read ─► read context ─► classify ─► (read done)
 *   ─► record page view ─► evaluate ─► decide ─► render + reveal ─► ready ─► write profile
 *
 * Every step that can fail is contained: the worst case is the theme's default content, shown, plus
 * one console warning naming the cause. `ready` always resolves.
 */
import { classifyWith, locationWith, needsSourceTables } from '../core/classify/facts.js';
import { loginState } from '../core/classify/login.js';
import { serverCustomerFacts, serverTags } from '../core/classify/server.js';
import { readLoginSignals } from '../edge/page/login-signals.js';
import type { Facts } from '../core/classify/types.js';
import { compileParsed, type CompiledConfig } from '../core/config/compile.js';
import { readHandoff } from '../edge/early/handoff.js';
import { adoptRendered } from '../edge/render/slots.js';
import { adoptEarly, withEarly } from './adopt.js';
import { findConfig, fetchConfig } from '../edge/page/config-source.js';
import type { ConsentState } from '../core/consent/resolve.js';
import { createConsentSignals } from '../edge/consent/signals.js';
import { openProfile, storeFor } from '../edge/storage/consent-place.js';
import type { ConfigProblem } from '../core/config/parse.js';
import { DEFAULT_TIMEOUT_MS, type Config } from '../core/config/types.js';
import { readPageContext, readServerContext, type PageContext, type ServerContext } from '../edge/page/context.js';
import type { Decision } from '../core/decide/rules.js';
import { randomId } from '../edge/id.js';
import { newProfile, type Profile } from '../core/profile/model.js';
import { createProfileSession } from '../edge/storage/session.js';
import { eraseSnapshot, readSnapshot, writeSnapshot } from '../edge/storage/snapshot.js';
import {
  eraseAll,
  indexedDbStore,
  memoryStore,
  StorageError,
  type ProfileStore,
  type ReadResult,
} from '../edge/storage/store.js';
import { retentionMs } from '../core/privacy/retention.js';
import { applyEvent, recordPageView, withAssignments, type PageView } from '../core/profile/update.js';
import { allSelectors, createRenderer, decideAll, decideEarly, evaluate, type RuntimeState } from './runtime.js';
import { pageOf, watchNavigation, type Navigation } from '../edge/page/navigation.js';
import { installStyles, isValidSelector, type StyleHandle } from '../edge/render/style.js';
import { shownNow } from '../edge/render/shown.js';
import { emit } from '../edge/track/events.js';
import type { Preview } from '../edge/preview/preview.js';
import { forcedBy, previewWanted } from '../edge/preview/wanted.js';
import { startDebug } from '../edge/debug-loader.js';
import { inspect } from './inspect.js';
import { createDeduper } from '../core/track/dedupe.js';
import { toTrackEvent } from '../core/track/params.js';
import { createChunkLoader } from '../edge/chunks.js';
import { BUNDLED } from './chunks/all.js';
import type { ChunkExports } from '../edge/chunks/contract.js';
import { createParts } from './needs.js';
import { deferredMeasurement } from './deferred-track.js';
import { describeError, type Warn } from '../edge/warn.js';
import type { P13nApi } from './api.js';
import { customerAttributes } from '../core/attributes/customer.js';
import { serverCart, withCart, type CartTotals } from '../core/profile/cart.js';
import { createShopify } from '../edge/shopify/start.js';
import { copyData } from '../core/copy.js';
import { toJson } from '../core/json.js';
import { MAX_REPORTED_PROBLEMS } from '../core/limits.js';

export type { P13nApi } from './api.js';

const copy = copyData; // never a JSON round trip: see core/copy.ts

/** How long `ready` waits for the chunks loaded after the first decision (tracking, device, country). */
const LATE_CHUNK_MS = 5000;

const EMPTY_CONFIG: Config = { segments: {}, slots: {}, timeout: DEFAULT_TIMEOUT_MS, internalHosts: [] };

function reportProblems(problems: readonly ConfigProblem[], warn: Warn): void {
  for (const problem of problems.slice(0, MAX_REPORTED_PROBLEMS)) {
    const where = problem.path ? ` at ${problem.path}` : '';
    warn(
      `config:${problem.path}:${problem.message}`,
      `config problem${where}: ${problem.message}${problem.hint ? ` (${problem.hint})` : ''}`,
    );
  }
  if (problems.length > MAX_REPORTED_PROBLEMS)
    warn(
      'config:more',
      `${problems.length - MAX_REPORTED_PROBLEMS} more config problems: \`npx p13n validate\` lists them all`,
    );
}

export function createController(win: Window, script: HTMLScriptElement | null, warn: Warn, version: string): P13nApi {
  const doc = win.document;
  const now = () => Date.now();
  let state: RuntimeState | null = null;
  // What this page does not need before its first decision loads beside personalize.js (app/chunks).
  const chunks = createChunkLoader(win, script, warn, BUNDLED);
  const parts = createParts(chunks);
  const measurement = deferredMeasurement(() => state !== null);
  const shopify = createShopify(
    { win, server: () => server, consent: () => consentState === 'granted', now },
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
  let store: ProfileStore | null = null;
  let styles: StyleHandle | null = null;
  let timedOut = false;
  let server: ServerContext | null = null;
  let navigation: Navigation | null = null;
  let viewedPage = pageOf(win);
  const early: Array<() => void> = [];
  const deduper = createDeduper();
  const debug = startDebug(win, chunks, warn);

  const hide = (selectors: readonly string[], config: Config) => {
    const handle = installStyles(
      doc,
      selectors.filter((s) => isValidSelector(doc, s)),
      config.styleNonce ?? script?.nonce,
    );
    for (const selector of selectors.filter((s) => !isValidSelector(doc, s)))
      warn(`selector:${selector}`, `invalid CSS selector '${selector}' in the config: that slot is left alone`);
    return handle;
  };

  const sessionOptions = {
    now,
    warn: (error: unknown) =>
      warn(
        'storage-write',
        `the profile could not be saved (${describeError(error)}): this page keeps working from memory`,
      ),
    // A write brought in what the store holds: attributes() and segments() follow it (no re-render: no
    // swap), and the snapshot the next page decides from is what IndexedDB now holds.
    written: (profile: Profile, kind: ProfileStore['kind']) => {
      if (!state || profile.id !== state.session.current().id) return; // a write of the session forget() replaced
      if (kind === 'indexeddb' && consentState === 'granted') writeSnapshot(win, profile);
      Object.assign(state, evaluate(state, now()));
    },
  };

  // Consent decides where the profile lives (consent/resolve.ts): granted → IndexedDB; pending → what
  // an earlier consent stored is read, nothing written; refused → nothing read or written, all erased.
  const consentSignals = createConsentSignals(win, () => whenBooted((current) => void applyConsent(current)));
  let consentState: ConsentState | null = null;
  /** False once IndexedDB failed or holds a newer version's record: consent then keeps the page in memory. */
  let storageUsable = true;
  const storeOptions = (config: Config) => ({ retentionMs: retentionMs(config.retentionDays), now });
  /** What the page shows, read once per page (after the server context): consent and the classifiers share it. */
  let pageContext: PageContext | null = null;
  const readPage = () => (pageContext ??= readPageContext(win, server));
  // A getter: the consent rules read the country only when nothing else decides (it may need the tz chunk).
  const visitor = () => {
    const context = readPage();
    const location = locationWith(context, parts.parts, parts.missing);
    return {
      get country() {
        return location.country;
      },
      gpc: context.globalPrivacyControl,
    };
  };
  const eraseFailed = (error: unknown) =>
    warn('erase', `the stored profile could not be erased (${describeError(error)})`);

  /** Starts reading the profile, as far as consent allows. */
  const openPlace = (config: Config): Promise<ReadResult> | null => {
    if (consentState === 'refused') eraseSnapshot(win);
    const place = openProfile(consentState!, storeOptions(config), eraseFailed);
    store = place.store;
    return place.reading;
  };
  /** Resolves consent, then starts the read; when consent needs the visitor's country from the time-zone table, after loading it. */
  const startReading = (config: Config): Promise<ReadResult> | null => {
    const first = parts.probe(() => consentSignals.resolve(config, visitor()).state, config.timeout);
    if (!first.missed) {
      consentState = first.result;
      return openPlace(config);
    }
    const opened = parts
      .settle(() => consentSignals.resolve(config, visitor()).state, config.timeout)
      .then((resolved) => {
        consentState = resolved;
        return { reading: openPlace(config) }; // boxed: the read itself is not awaited here
      });
    consentKnown = opened.then(() => undefined);
    return opened.then(({ reading }) => reading ?? ({ status: 'empty' } as const));
  };
  /** Settles once consent is resolved and the profile's place chosen (at once, unless consent waits for the tz chunk). */
  let consentKnown: Promise<void> = Promise.resolve();

  /** Reveals every slot element present now with its default, and lets those that arrive later show theirs. */
  const stopHiding = (selectors: readonly string[]) => {
    renderer.stopWaiting();
    renderer.showDefaults(selectors);
    styles?.stopHiding();
  };

  async function boot(): Promise<void> {
    const source = findConfig(doc, script);
    if (source.kind === 'none')
      warn(
        'no-config',
        'no config found: add <script type="application/json" id="p13n-config"> before personalize.js, or data-config="/p13n.json" on its tag',
      );
    let parsed = source.kind === 'inline' ? source.parsed : null;
    try {
      server = readServerContext(doc);
    } catch (error) {
      warn('server-context', `ignoring #p13n-context: it is not valid JSON (${describeError(error)})`);
    }
    // The one IndexedDB read starts first (as far as consent allows): everything up to the decision runs while it is under way.
    let reading = parsed ? startReading(parsed.config) : null;
    let compiled = parsed ? compileParsed(parsed) : null;
    // The inline early decider rendered what it could before the first paint: those elements are
    // adopted as they are (never rendered again for the same decision), and it stops watching the page.
    const handoff = compiled && parsed?.program ? readHandoff(win) : null;
    if (handoff) {
      handoff.stop();
      for (const [element, decision] of handoff.rendered)
        adoptRendered(element, decision, handoff.attrs, handoff.defaultsOf(element));
    }
    // Hide only what has rules; with a config still to fetch, every marked slot waits for it.
    let selectors = compiled ? allSelectors(compiled) : source.kind === 'url' ? ['[data-p13n-slot]'] : [];
    // Run late (async, deferred, from <body>): slots already shown may have been painted, so they keep
    // their default; those the owner's hiding style still hides were not (edge/render/shown.ts). Paint
    // Timing cannot tell in time: its entry is queued after the frame is presented, and an async script
    // ran between that paint and its entry in 2 of 2 measured loads. Asked before our own sheet hides them.
    const shown = shownNow(
      doc,
      selectors.filter((s) => isValidSelector(doc, s)),
    );
    if (selectors.length) styles = hide(selectors, parsed?.config ?? EMPTY_CONFIG);
    const late = shown.size > 0 && renderer.showDefaults(selectors, (element) => shown.has(element)) > 0;
    const timeoutMs = parsed?.config.timeout ?? DEFAULT_TIMEOUT_MS;
    // What the decision waits on, so the one timeout warning names it (a slow fetch names itself).
    let waitingFor: 'config' | 'profile' | 'preview' | 'chunk' | null = source.kind === 'url' ? 'config' : null;
    const timer = setTimeout(() => {
      timedOut = true;
      stopHiding(selectors);
      if (waitingFor === 'config') return;
      const cause = {
        profile: ' (IndexedDB did not answer)',
        preview: ' (the preview file did not arrive)',
        chunk: ' (a file personalize.js loads beside it did not arrive)',
      } as const;
      warn(
        'timeout',
        `no decision within ${timeoutMs} ms${waitingFor ? cause[waitingFor] : ''}: slots show their default content for this page view`,
      );
    }, timeoutMs);

    if (source.kind === 'url') parsed = await fetchConfig(source.url, DEFAULT_TIMEOUT_MS);
    waitingFor = null;
    parsed ??= { config: EMPTY_CONFIG, problems: [] };
    compiled ??= compileParsed(parsed);
    reportProblems(compiled.problems, warn);
    if (source.kind === 'url' && !timedOut) {
      styles?.stopHiding();
      selectors = allSelectors(compiled);
      styles = hide(selectors, compiled.config);
    }
    if (source.kind !== 'inline') reading = startReading(compiled.config);

    const context = readPage();
    const t = now();
    const decideWithin = compiled.config.timeout ?? DEFAULT_TIMEOUT_MS;
    // A landing from elsewhere, or with campaign tags: its source needs the tables (while IndexedDB reads).
    if (needsSourceTables(context, compiled.config.internalHosts)) parts.preload('sources', decideWithin);
    const previewChunk = previewWanted(win) ? chunks.load('preview', decideWithin) : null;
    const loggedIn = loginState(readLoginSignals(win, compiled.config.login, server));
    const classifyPage = () =>
      classifyWith(
        context,
        { now: t, internalHosts: compiled.config.internalHosts, loggedIn },
        parts.parts,
        parts.missing,
      );
    const tags = serverTags(server);
    const customer = customerAttributes(server?.customer);
    let preview: Preview | null = null;
    if (previewChunk) {
      waitingFor = 'preview';
      const previewCode = await previewChunk;
      preview = previewCode?.startPreview(win, compiled, warn) ?? null;
      if (previewCode && preview) {
        const href = win.location.href;
        showBadge = () => previewCode.showBadgeWhenReady(doc, preview!, href);
      }
    }
    const forced = forcedBy(preview);

    // Slots whose rules read nothing stored are decided now, also as the parser adds them; but not
    // while consent waits for a chunk, nor from a run that read a fact whose classifier is not loaded.
    const earlyRun =
      consentState === null
        ? null
        : parts.probe(
            () =>
              decideEarly(
                {
                  compiled,
                  facts: classifyPage(),
                  tags,
                  customer,
                  consent: consentState === 'granted',
                  now: t,
                  ...forced,
                },
                warn,
              ),
            decideWithin,
          );
    const ownEarly = earlyRun && !earlyRun.missed ? earlyRun.result : { compiled, decisions: [], attrs: {} };
    // What the inline decider decided is what the page shows: new elements of those slots get it too.
    const pageOnly = handoff ? withEarly(ownEarly, handoff) : ownEarly;
    renderer.renderAll(pageOnly);
    renderer.observe(
      () => state ?? pageOnly,
      () => navigation?.check(),
    );

    waitingFor = 'profile';
    // A repeat visit decides from the synchronous snapshot, without waiting for IndexedDB: the write
    // after rendering applies this page to the stored record (and never re-renders a slot).
    // Consent that needs the country from the tz chunk is waited for (not the IndexedDB read): the
    // snapshot follows the same consent rules as the profile, and the page's writes need their store.
    if (reading && store === null) await consentKnown;
    const snapshot =
      reading && store !== null ? readSnapshot(win, t, retentionMs(compiled.config.retentionDays)) : null;
    const result = snapshot
      ? ({ status: 'ok', profile: snapshot } as const)
      : reading
        ? await reading
        : ({ status: 'empty' } as const);
    waitingFor = null;
    let profile: Profile | undefined;
    switch (result.status) {
      case 'ok':
        profile = result.profile;
        break;
      case 'corrupt':
        warn('profile', 'the stored profile was unreadable: it is kept aside and a new one started');
        break;
      case 'future-version':
        store = memoryStore();
        storageUsable = false;
        warn(
          'profile',
          'the stored profile is from a newer version of personalize.js: it is left untouched and this page is personalized from memory',
        );
        break;
      case 'unavailable': // a read that outlived the decision timeout was already named by its warning
        store = memoryStore();
        storageUsable = false;
        if (!(timedOut && result.error instanceof StorageError && result.error.reason === 'timeout'))
          warn(
            'storage',
            `IndexedDB is unavailable (${describeError(result.error)}): personalizing from this page only`,
          );
        break;
    }
    store ??= memoryStore();
    // A first visit keeps the id the inline decider bucketed it with.
    const newId = handoff && !handoff.stored ? handoff.id : randomId();
    const session = createProfileSession(store, profile ?? newProfile(newId, t), sessionOptions);
    // Variants the page already shows stay the visitor's.
    if (handoff && Object.keys(handoff.assignments).length && store.kind === 'indexeddb')
      session.change((p) =>
        withAssignments(
          p,
          Object.fromEntries(Object.entries(handoff.assignments).filter(([key]) => !(key in p.assignments))),
        ),
      );
    // The page view's source is recorded with the visit: a landing's classifier must be in first.
    waitingFor = 'chunk';
    const facts: Facts = await parts.settle(classifyPage, decideWithin);
    const view: PageView = { source: facts.source, loggedIn: facts.loggedIn, customer: serverCustomerFacts(server) };
    session.change((p) => recordPageView(p, view, t));
    const cart = serverCart(server?.cart);
    if (cart) session.change((p) => withCart(p, cart));

    const base = { compiled, session, facts, tags, customer, consent: consentState === 'granted', ...forced };
    const decided: RuntimeState = await decideExactly(base, t, decideWithin);
    waitingFor = null;
    const next = handoff ? adoptEarly(decided, handoff, (d) => measurement.exposed(d)) : decided;
    state = next;
    if (!timedOut) clearTimeout(timer);
    renderer.renderAll(next);
    if (late)
      warn(
        'late',
        'personalize.js ran after some slots were already shown: they keep their default content on this page view (add the hiding style <style id="p13n-hide"> before the slots, and load personalize.js in <head>; see the README, Install)',
      );
    showBadge?.();
    early.splice(0).forEach((run) => run());
    navigation = watchNavigation(win, () => whenBooted(refreshPage));
    void next.session.flush(); // the page view's one write, before anything else loads
    await afterFirstDecision(context, decideWithin);
  }

  let showBadge: (() => void) | null = null;

  /**
   * Evaluates and decides, loading any classifier a rule reads that is not loaded yet (app/needs.ts).
   * A/B assignments of a run that is thrown away are not kept: only the final run's are recorded.
   */
  async function decideExactly(
    base: Omit<RuntimeState, 'attrs' | 'evaluation' | 'decisions'>,
    t: number,
    timeoutMs: number,
  ): Promise<RuntimeState> {
    let changes: Array<Parameters<RuntimeState['session']['change']>[0]> = [];
    const dry = {
      ...base.session,
      change: (change: Parameters<RuntimeState['session']['change']>[0]) => (
        changes.push(change), base.session.current()
      ),
    };
    const next = await parts.settle(() => {
      changes = [];
      const probe: RuntimeState = { ...base, session: dry, ...evaluate(base, t), decisions: [] };
      probe.decisions = decideAll(probe);
      return probe;
    }, timeoutMs);
    for (const change of changes) base.session.change(change);
    return { ...next, session: base.session };
  }

  /**
   * After the first decision: tracking (dataLayer, Product JSON-LD, A/B measurement) and the facts
   * `attributes()` reports (device, country, season, hemisphere) load now; `ready` waits for them, bounded by the timeout.
   */
  async function afterFirstDecision(context: PageContext, decisionTimeoutMs: number): Promise<void> {
    // Off the critical path: a slow network may take longer than the decision's own timeout.
    const timeoutMs = Math.max(decisionTimeoutMs, LATE_CHUNK_MS);
    const fill: Promise<unknown>[] = [chunks.load('ua', timeoutMs)];
    if (context.timezone) fill.push(chunks.load('tz', timeoutMs)); // country (without a server one), season, hemisphere
    const track = await chunks.load('track', timeoutMs);
    if (track) listenToThePage(track);
    await Promise.all(fill); // then exposures and page-view records carry every fact (predicted_purchase reads them)
    if (track) measurement.attach(track.createMeasurement(win, () => state, now));
  }

  /** Follows a change of consent: start or stop storing (erasing on refusal), then re-decide. */
  function applyConsent(current: RuntimeState): Promise<void> {
    const resolution = consentSignals.resolve(current.compiled.config, visitor());
    if (resolution.state === consentState) return Promise.resolve();
    consentState = resolution.state;
    current.consent = resolution.state === 'granted';
    store = storeFor(resolution.state, storeOptions(current.compiled.config), storageUsable);
    current.session.useStore(store, { replay: current.consent });
    if (resolution.state === 'refused') {
      current.session.storeErased();
      eraseSnapshot(win);
    }
    const erase = resolution.state === 'refused' ? eraseAll().catch(eraseFailed) : Promise.resolve();
    if (resolution.state !== 'granted') {
      measurement.consentWithdrawn();
      shopify.forget();
      redecide(current);
    }
    emit(doc, 'consent', { ...resolution });
    // Granted: decide once, on what IndexedDB holds merged with this page's changes. Deciding first on
    // the page's own copy showed a blank visitor, in the slots and in attributes() (issue 12 item 4).
    const written = current.session.flush().then(() => {
      if (current.consent) redecide(current);
    });
    return Promise.all([erase, written]).then(() => undefined);
  }

  function redecide(current: RuntimeState): void {
    Object.assign(current, evaluate(current, now()));
    current.decisions = decideAll(current);
    renderer.renderAll(current);
  }

  /**
   * Reads the page again and re-decides (an SPA route change, or `refresh()`). A new URL counts one
   * page view, whether the history watcher or the app's own `refresh()` call sees it first.
   */
  function refreshPage(current: RuntimeState): void {
    const t = now();
    const url = pageOf(win);
    const newPage = url !== viewedPage;
    viewedPage = url;
    pageContext = null; // a new route: its URL and title
    current.facts = classifyWith(
      readPage(),
      { now: t, internalHosts: current.compiled.config.internalHosts, loggedIn: current.facts.loggedIn },
      parts.parts,
      parts.missing,
    );
    if (newPage) {
      deduper.newPage();
      measurement.newPage();
      current.session.change((p) =>
        recordPageView(p, { source: current.facts.source, loggedIn: current.facts.loggedIn, customer: null }, t),
      );
    }
    redecide(current);
    void current.session.flush();
  }

  /** True once boot has ended, whether it succeeded or not. */
  let settled = false;

  /**
   * Runs `action` now if booted, else right after boot (a theme may call track() early). Resolves when
   * the action is done, and at once when boot failed: personalization is off, but no caller waits forever.
   */
  const whenBooted = (
    action: (current: RuntimeState) => void | Promise<void>,
    withoutState?: () => Promise<void>,
  ): Promise<void> =>
    new Promise<void>((resolve) => {
      const failed = (error: unknown) =>
        warn(`api:${describeError(error)}`, `p13n call failed: ${describeError(error)}`);
      const run = () => {
        try {
          Promise.resolve(state ? action(state) : withoutState?.())
            .catch(failed)
            .then(() => resolve());
        } catch (error) {
          failed(error);
          resolve();
        }
      };
      if (state || settled) run();
      else early.push(run);
    });

  function track(event: string, params?: Record<string, unknown>): void {
    const tracked = toTrackEvent(event, params);
    if (!tracked)
      return warn(
        `track:${String(event)}`,
        `track(${toJson(event) ?? String(event)}) ignored: an event name is letters, digits and _ (up to 40)`,
      );
    whenBooted((current) => {
      const t = now();
      if (deduper.seen(tracked, t)) return;
      const repeated =
        tracked.transactionId !== undefined && current.session.current().transactions.includes(tracked.transactionId);
      current.session.change((p) => applyEvent(p, tracked, t));
      if (tracked.name === 'purchase' && !repeated)
        measurement.purchased({
          ...tracked,
          currency: typeof params?.currency === 'string' ? params.currency.slice(0, 3) : undefined,
        });
      // A product view shapes the next pages; re-rendering this one for it would be a visible swap.
      if (tracked.name === 'view_item') Object.assign(current, evaluate(current, t));
      else redecide(current);
      void current.session.flush();
    });
  }

  /** The store reported its cart (Shopify events, /cart.js): it replaces what add/remove events counted. */
  function followCart(cart: CartTotals): void {
    whenBooted((current) => {
      const before = current.session.current();
      current.session.change((p) => withCart(p, cart));
      if (current.session.current() === before) return;
      redecide(current);
      void current.session.flush();
    });
  }

  /** Stores that already send GA4 ecommerce events, or print Product JSON-LD, need no tracking code. */
  function listenToThePage({ watchDataLayer, readProductFromJsonLd }: ChunkExports['track']): void {
    watchDataLayer(
      win,
      (name, params) => track(name, params as Record<string, unknown>),
      (entry) => consentSignals.dataLayerEntry(entry),
    );
    shopify.start({ track, cart: followCart });
    const readProduct = () => {
      if (server?.product) return; // counted from p13n-context by startShopify
      const product = readProductFromJsonLd(doc);
      if (product?.category)
        track('view_item', {
          item_id: product.id ?? product.name,
          item_category: product.category,
          price: product.price,
        });
    };
    if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', readProduct, { once: true });
    else readProduct();
  }

  const ready = boot()
    .catch((error: unknown) => {
      warn('boot', `personalization is off for this page view: ${describeError(error)}`);
      stopHiding(['[data-p13n-slot]']);
    })
    .then(() => {
      settled = true;
      // After a failed boot: calls made meanwhile settle without effect.
      early.splice(0).forEach((run) => run());
      emit(doc, 'ready', { decisions: state ? copy(state.decisions) : [] });
      // The one write of this page view, after rendering: not on the shopper's critical path.
      void state?.session.flush();
    })
    .catch((error: unknown) => warn('ready', `personalization ended with an error: ${describeError(error)}`)); // ready never rejects

  return {
    version,
    ready,
    profile: () => (state ? copy(state.session.current()) : null),
    attributes: () => (state ? copy(state.attrs) : null),
    segments: () => (state ? state.compiled.segments.match(state.evaluation) : []),
    decisions: () => (state ? (copy(state.decisions) as Decision[]) : []),
    matches(expression) {
      if (!state) throw new Error('p13n is not ready yet: await p13n.ready first');
      return state.compiled.segments.compile(expression)(state.evaluation);
    },
    track,
    inspect: () => inspect(state, version, debug?.events() ?? []),
    consent(granted) {
      // Recorded now, so a call made before the profile is read already decides whether it is read.
      consentSignals.choose(granted === true, 'p13n.consent()');
      return whenBooted((current) =>
        applyConsent(current).catch((error) => warn('consent', `consent change: ${describeError(error)}`)),
      );
    },
    forget() {
      const failed = (error: unknown) =>
        warn('forget', `forget(): the stored profile could not be erased (${describeError(error)})`);
      return whenBooted(
        (current) => {
          // The old session must not write its pending changes back after the erase.
          current.session.useStore(memoryStore(), { replay: false });
          eraseSnapshot(win);
          shopify.forget();
          const erase = (store ?? indexedDbStore()).clear().catch(failed);
          // Also erase IndexedDB when this page runs from memory: the record may be from an earlier visit.
          const eraseDb =
            store?.kind === 'memory'
              ? indexedDbStore()
                  .clear()
                  .catch(() => undefined)
              : Promise.resolve();
          current.session = createProfileSession(store ?? memoryStore(), newProfile(randomId(), now()), sessionOptions);
          redecide(current);
          return Promise.all([erase, eraseDb]).then(() => undefined);
        },
        () => indexedDbStore().clear().catch(failed),
      ); // boot failed: whatever an earlier visit stored still goes
    },
    refresh() {
      return whenBooted((current) => {
        refreshPage(current);
        return current.session.flush();
      });
    },
  };
}

export type { CompiledConfig };
