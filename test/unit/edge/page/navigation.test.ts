import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchNavigation, type Navigation } from '../../../../src/edge/page/navigation.js';

let watcher: Navigation | undefined;
afterEach(() => {
  watcher?.stop();
  history.replaceState(null, '', '/');
});

describe('watchNavigation()', () => {
  it('calls back once per new URL from pushState and replaceState, after the URL changed', () => {
    const seen: string[] = [];
    watcher = watchNavigation(window, () => seen.push(location.pathname + location.search));
    history.pushState(null, '', '/collections/running');
    history.replaceState(null, '', '/collections/running?sort=price');
    history.replaceState(null, '', '/collections/running?sort=price');
    expect(seen).toEqual(['/collections/running', '/collections/running?sort=price']);
  });

  it('ignores a change of the hash alone: not a new page', () => {
    const onChange = vi.fn();
    watcher = watchNavigation(window, onChange);
    history.pushState(null, '', '#reviews');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('follows back and forward (popstate), and lets the observer check the URL itself', () => {
    const onChange = vi.fn();
    history.replaceState(null, '', '/a');
    watcher = watchNavigation(window, onChange);
    const pushState = History.prototype.pushState;
    pushState.call(history, null, '', '/b'); // a router holding the original method: unseen so far
    expect(onChange).not.toHaveBeenCalled();
    watcher.check();
    expect(onChange).toHaveBeenCalledTimes(1);
    pushState.call(history, null, '', '/c');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('never throws into the router, and returns what the original returned', () => {
    watcher = watchNavigation(window, () => {
      throw new Error('boom');
    });
    expect(() => history.pushState(null, '', '/x')).not.toThrow();
    expect(location.pathname).toBe('/x');
  });

  it('restores the original methods on stop, unless someone wrapped them since', () => {
    const original = history.pushState;
    watcher = watchNavigation(window, () => {});
    expect(history.pushState).not.toBe(original);
    watcher.stop();
    expect(history.pushState).toBe(original);

    watcher = watchNavigation(window, () => {});
    const theirs = function (this: History, ...args: Parameters<History['pushState']>) {
      return original.apply(this, args);
    };
    history.pushState = theirs;
    watcher.stop();
    expect(history.pushState).toBe(theirs);
    history.pushState = original;
  });
});
