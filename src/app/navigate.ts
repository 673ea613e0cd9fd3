/**
 * A new page view without a new document: an SPA route change, `refresh()`, a page back from the
 * back/forward cache. The page is read and classified again, a new URL (or a restore) counts one page
 * view, and every slot is decided again for it.
 */
import { classifyWith } from '../core/classify/facts.js';
import { recordPageView } from '../core/profile/update.js';
import { pageOf, watchNavigation, type Navigation } from '../edge/page/navigation.js';
import { redecide } from './decide.js';
import { pageContextOf, type Run } from './run.js';
import type { RuntimeState } from './runtime.js';

export interface Navigator {
  /** Starts following route changes (after the first decision). */
  watch(): void;
  /** Notices a route change the router has not announced yet (its DOM arrived first). */
  check(): void;
  /** Reads the page again and re-decides; a new URL, or `restored`, counts one page view. */
  refresh(state: RuntimeState, restored?: boolean): void;
}

export function createNavigator(run: Run): Navigator {
  let viewed = pageOf(run.win);
  let navigation: Navigation | null = null;

  const refresh = (state: RuntimeState, restored = false) => {
    const t = run.now();
    const url = pageOf(run.win);
    // Whether the history watcher or the app's own `refresh()` call sees a new URL first, it counts once.
    const newPage = url !== viewed || restored;
    viewed = url;
    run.context = null; // a new route: its URL and title
    state.facts = classifyWith(
      pageContextOf(run),
      { now: t, internalHosts: state.compiled.config.internalHosts, loggedIn: state.facts.loggedIn },
      run.parts.parts,
      run.parts.missing,
    );
    // A prerendered page counts its one page view when it is shown (app/lifecycle.ts).
    if (newPage && run.shown()) {
      run.deduper.newPage();
      run.measurement.newPage();
      state.session.change((p) =>
        recordPageView(p, { source: state.facts.source, loggedIn: state.facts.loggedIn, customer: null }, t),
      );
    }
    redecide(run, state);
    void state.session.flush();
  };

  return {
    watch() {
      navigation ??= watchNavigation(run.win, () => run.whenBooted((state) => refresh(state)));
    },
    check: () => navigation?.check(),
    refresh,
  };
}
