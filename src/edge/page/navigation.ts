/**
 * Route changes of single-page storefronts (Hydrogen, Next.js, Vue Storefront): `history.pushState`
 * and `replaceState` fire no event, so they are wrapped (calling the original first, so routers that
 * wrap them too keep working); back and forward fire `popstate`. `onChange` runs once per new URL
 * (path and query; a hash-only change is not a new page), synchronously, so decisions are up to date
 * before the new route's slots reach the page.
 *
 * `check()` is for the MutationObserver: some routers insert the new route's DOM before they push
 * its URL, and a slot must not be rendered for the previous page.
 */
export interface Navigation {
  /** Runs `onChange` now if the URL changed since it last ran. */
  check(): void;
  stop(): void;
}

/** The page a URL stands for: path and query, not the hash. */
export const pageOf = (win: Window): string => {
  try {
    return win.location.href.split('#')[0]!;
  } catch {
    return '';
  }
};

export function watchNavigation(win: Window, onChange: () => void): Navigation {
  let page = pageOf(win);
  const check = () => {
    const now = pageOf(win);
    if (now === page) return;
    page = now;
    try {
      onChange();
    } catch {
      // Never into the router's call: the caller reports its own failures.
    }
  };
  const undo: Array<() => void> = [];
  try {
    const history = win.history;
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method];
      if (typeof original !== 'function') continue;
      const wrapped = function (this: History, ...args: Parameters<History['pushState']>) {
        const result = original.apply(this, args);
        check();
        return result;
      };
      history[method] = wrapped;
      // Put the original back only if no one wrapped ours since.
      undo.push(() => {
        if (history[method] === wrapped) history[method] = original;
      });
    }
    win.addEventListener('popstate', check);
    undo.push(() => win.removeEventListener('popstate', check));
  } catch {
    // A locked-down history object: route changes are then picked up by check() alone.
  }
  return {
    check,
    stop: () => undo.splice(0).forEach((run) => run()),
  };
}
