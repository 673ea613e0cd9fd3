/**
 * The page's life around its load:
 *   - prerendered (speculation rules): it decides and renders as usual, but counts nothing (no page
 *     view or visit, no write, no exposure, beacon, dataLayer event or audience) until it is shown;
 *     then it counts once, keeping what it shows;
 *   - back from the back/forward cache: one page view, decided again from the profile as it is now
 *     (another page may have changed it: a purchase, an erase). The slots are hidden as the page
 *     leaves, and decided again synchronously from the snapshot in the `pageshow` handler, before the
 *     restored page renders a frame; without a snapshot, after the IndexedDB read, hidden until then.
 *     (The one frame Chromium may present first, kept from before the page left, is no frame of ours:
 *     docs/architecture.md, "When a page view counts".)
 */
import type { ReadResult } from '../edge/storage/store.js';
import { describeError } from '../edge/warn.js';
import { hideUntilShown, watchCache, whenActivated } from '../edge/page/navigation.js';
import { countFirstView, type FirstDecision } from './decide.js';
import { storeOptions } from './consent.js';
import type { Navigator } from './navigate.js';
import { snapshotOf, storedOf } from './profile.js';
import { slotSelectors, type Run } from './run.js';
import type { RuntimeState } from './runtime.js';

/** Counts the first page view now, or once a prerendered page is shown; then writes it. */
export function countWhenShown(run: Run, first: FirstDecision): void {
  const { state, step } = first;
  if (run.shown()) countFirstView(run, state, step, false);
  else
    whenActivated(run.doc, () => {
      countFirstView(run, state, step, true);
      void state.session.flush();
    });
}

/** Follows the page into the back/forward cache and back. */
export function followCache(run: Run, navigator: Navigator): void {
  let hidden: { show(): void } | null = null;
  const show = () => {
    hidden?.show();
    hidden = null;
  };
  watchCache(run.win, {
    leaving() {
      void run.state?.session.flush();
      // A message must not evict the page from the cache: it compares the erase marker on its return.
      run.erase.listen(false);
      const selectors = slotSelectors(run);
      if (selectors.length) hidden = hideUntilShown(Array.from(run.doc.querySelectorAll(selectors.join(','))));
    },
    restored() {
      run.erase.listen(true);
      // An erase made while the page was away is taken in before anything is decided.
      run.erase.check();
      const state = run.state;
      if (!state) return show();
      const failed = (error: unknown) => {
        show();
        run.warn('restore', `the page back from the cache keeps what it showed: ${describeError(error)}`);
      };
      try {
        const waiting = restore(run, state, navigator);
        if (waiting) void waiting.then(show, failed);
        else show();
      } catch (error) {
        failed(error);
      }
    },
  });
}

/** Decides the restored page again; a promise when it must wait for IndexedDB (the slots stay hidden meanwhile). */
function restore(run: Run, state: RuntimeState, navigator: Navigator): Promise<void> | null {
  const snapshot = snapshotOf(run, state.compiled);
  if (snapshot) {
    // The snapshot holds no purchase ids: this page's stay, until the write brings in the stored ones.
    state.session.reread({ ...snapshot, transactions: state.session.current().transactions });
    navigator.refresh(state, true); // its write reads what IndexedDB holds, and attributes follow it
    return null;
  }
  const reading = readAgain(run, state);
  if (!reading) {
    navigator.refresh(state, true);
    return null;
  }
  const timeoutMs = state.compiled.config.timeout;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  return Promise.race([reading, late]).then((result) => {
    clearTimeout(timer);
    const stored = result ? storedOf(run, result) : null;
    if (stored) state.session.reread(stored);
    navigator.refresh(state, true);
  });
}

/** What the store holds now, as consent allows reading it; null when nothing may be read. */
function readAgain(run: Run, state: RuntimeState): Promise<ReadResult> | null {
  const { consent, store } = run.place;
  if (consent === 'granted' && store?.kind === 'indexeddb') return state.session.flush().then(() => store.read());
  if (consent === 'pending') return run.stores.existing(storeOptions(run, state.compiled.config));
  return null;
}
