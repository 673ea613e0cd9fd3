/**
 * `?p13n_debug=1` (kept for the tab in sessionStorage; `?p13n_debug=0` turns it off) loads the debug
 * panel, a separate file so shoppers never download it: `personalize-debug.js` from the directory
 * personalize.js came from, by a script element carrying the same CSP nonce. From boot on it records the
 * script's events, so the panel can list those sent before it loaded. A panel that cannot load is one
 * console warning; the page is not touched.
 */
import type { RecordedEvent } from '../app/inspect.js';
import { readTab, writeTab } from './storage/tab.js';
import type { Warn } from './warn.js';
import { DEBUG_EVENTS, DEBUG_KEY, PANEL_FILE } from './debug-shared.js';
import { trustedScriptUrl } from './trusted-types.js';

/** Enough for a long session of clicking around one page. */
const MAX_EVENTS = 200;

export interface DebugRecorder {
  events(): readonly RecordedEvent[];
}

/** Pure: is the panel on after this query string, given what the tab had? */
export function debugWanted(search: string, stored: string | null): boolean {
  const value = new URLSearchParams(search).get('p13n_debug');
  if (value === null) return stored === '1';
  return !['0', 'off', 'false', 'no'].includes(value.trim().toLowerCase());
}

export function panelUrl(scriptSrc: string | undefined): string | null {
  if (!scriptSrc) return null;
  try {
    return new URL(PANEL_FILE, scriptSrc).href;
  } catch {
    return null;
  }
}

export function startDebug(win: Window, script: HTMLScriptElement | null, warn: Warn): DebugRecorder | null {
  try {
    return start(win, script, warn);
  } catch (error) {
    warn('debug', `the debug panel is off: ${String(error)}`);
    return null;
  }
}

function start(win: Window, script: HTMLScriptElement | null, warn: Warn): DebugRecorder | null {
  const on = debugWanted(win.location.search, readTab(win, DEBUG_KEY));
  writeTab(win, DEBUG_KEY, on ? '1' : null);
  if (!on) return null;
  const doc = win.document;
  const events: RecordedEvent[] = [];
  for (const name of DEBUG_EVENTS) {
    doc.addEventListener(`p13n:${name}`, (event) => {
      if (events.length < MAX_EVENTS)
        events.push({
          name: `p13n:${name}`,
          detail: (event as CustomEvent).detail,
          at: Math.round(win.performance?.now() ?? 0),
        });
    });
  }
  const src = panelUrl(script?.src);
  if (!src) {
    warn('debug', 'the debug panel loads next to personalize.js, which this page did not load with <script src>');
    return { events: () => events };
  }
  const element = doc.createElement('script');
  (element as { src: unknown }).src = trustedScriptUrl(win, src);
  element.async = true;
  // The nonce property, not the attribute: browsers hide the attribute's value once the page has loaded.
  if (script?.nonce) element.nonce = script.nonce;
  element.onerror = () =>
    warn('debug', `the debug panel could not be loaded from ${src}: upload ${PANEL_FILE} next to personalize.js`);
  (doc.head ?? doc.documentElement).appendChild(element);
  return { events: () => events };
}
