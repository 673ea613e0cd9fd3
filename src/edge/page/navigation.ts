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
import { attempt } from '../guard.js';

export interface Navigation {
  /** Runs `onChange` now if the URL changed since it last ran. */
  check(): void;
  stop(): void;
}

/** The page a URL stands for: path and query, not the hash. */
export const pageOf = (win: Window): string => attempt(() => win.location.href.split('#')[0]!, '');

export function watchNavigation(win: Window, onChange: () => void): Navigation {
  let page = pageOf(win);
  const check = () => {
    const now = pageOf(win);
    if (now === page) return;
    page = now;
    // Never into the router's call: the caller reports its own failures.
    attempt(onChange);
  };
  const undo: Array<() => void> = [];
  // A locked-down history object: route changes are then picked up by check() alone.
  attempt(() => {
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
  });
  return {
    check,
    stop: () => undo.splice(0).forEach((run) => run()),
  };
}

/**
 * A page prerendered by speculation rules (Shopify storefronts use them) runs its scripts before anyone
 * sees it, and may never be shown: nothing may be counted until `prerenderingchange`.
 * https://wicg.github.io/nav-speculation/prerendering.html#document-prerendering
 */
export const prerendering = (doc: Document): boolean =>
  attempt(() => (doc as Document & { prerendering?: unknown }).prerendering === true, false);

/** Runs `shown` once the page is shown to the shopper: now, or when its prerendering ends. */
export function whenActivated(doc: Document, shown: () => void): void {
  if (!prerendering(doc)) return shown();
  doc.addEventListener('prerenderingchange', () => shown(), { once: true });
}

export interface CacheHooks {
  /** The page is hidden, going into the back/forward cache (`pagehide` with `persisted`). */
  leaving(): void;
  /** The page is shown again from that cache (`pageshow` with `persisted`), before its first frame. */
  restored(): void;
}

/** Follows the page into the back/forward cache and back. https://web.dev/articles/bfcache */
export function watchCache(win: Window, hooks: CacheHooks): void {
  // No page events: a restored page keeps what it showed, as before.
  attempt(() => {
    win.addEventListener('pagehide', (event) => (event as PageTransitionEvent).persisted && hooks.leaving());
    win.addEventListener('pageshow', (event) => (event as PageTransitionEvent).persisted && hooks.restored());
  });
}

/**
 * Hides `elements` until `show()`: a page leaving for the cache hides its slots, so that it comes back
 * showing them hidden rather than stale, until the restore has decided them again. Inline and
 * `!important`, so no sheet of the theme's (or a removed one of ours) can reveal them meanwhile; each
 * element's own inline visibility, if it had one, is put back.
 */
export function hideUntilShown(elements: readonly Element[]): { show(): void } {
  const hidden: Array<[HTMLElement, string, string]> = [];
  for (const element of elements) {
    const style = (element as HTMLElement).style;
    if (!style) continue;
    hidden.push([
      element as HTMLElement,
      style.getPropertyValue('visibility'),
      style.getPropertyPriority('visibility'),
    ]);
    style.setProperty('visibility', 'hidden', 'important');
  }
  return {
    show() {
      for (const [element, value, priority] of hidden.splice(0)) {
        if (value) element.style.setProperty('visibility', value, priority);
        else element.style.removeProperty('visibility');
      }
    },
  };
}
