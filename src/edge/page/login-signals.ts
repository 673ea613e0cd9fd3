/**
 * Reads what the page shows about a login (the store's configured detectors: a global path, a cookie,
 * a CSS selector), for `loginState()` in core/classify/login.ts to weigh. Never throws.
 */
import type { LoginDetectors } from '../../core/config/types.js';
import type { LoginSignals } from '../../core/classify/login.js';
import type { ServerContext } from '../../core/classify/context.js';
import { attempt } from '../guard.js';

/** Segments that would read the prototype chain rather than the store's data. */
const UNSAFE = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Reads `A.b.c` from the window without letting a throwing getter or proxy escape. A missing last
 * key under an existing object is `null` (the theme says "no customer"); a missing parent is `undefined`.
 */
export function readGlobalPath(win: unknown, path: string): unknown {
  const keys = path.split('.').slice(0, 10);
  let node: unknown = win;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!key || UNSAFE.has(key) || node === null || (typeof node !== 'object' && typeof node !== 'function'))
      return undefined;
    // A try of its own: the loop returns from inside it, a step at a time.
    try {
      if (!(key in (node as object))) return i === keys.length - 1 ? null : undefined;
      node = (node as Record<string, unknown>)[key];
    } catch {
      return undefined;
    }
  }
  return node;
}

function readCookie(doc: Document, name: string): string {
  const all = attempt(() => doc.cookie, ''); // throws SecurityError in sandboxed frames
  for (const pair of all.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const value = pair.slice(eq + 1).trim();
    return attempt(() => decodeURIComponent(value), value);
  }
  return '';
}

export function readLoginSignals(
  win: Window,
  detectors: LoginDetectors | undefined,
  server: ServerContext | null,
): LoginSignals {
  const d = detectors && typeof detectors === 'object' ? detectors : {};
  let selectorMatched: boolean | null = null;
  if (typeof d.selector === 'string' && d.selector.trim()) {
    const selector = d.selector;
    selectorMatched = attempt(() => win.document.querySelector(selector) !== null, null); // null: an invalid selector
  }
  let cookie: string | null = null;
  if (typeof d.cookie === 'string' && d.cookie.trim()) {
    const name = d.cookie.trim();
    cookie = attempt(() => readCookie(win.document, name), null);
  }
  return {
    server,
    global: typeof d.global === 'string' && d.global.trim() ? readGlobalPath(win, d.global.trim()) : undefined,
    cookie,
    selectorMatched,
  };
}
