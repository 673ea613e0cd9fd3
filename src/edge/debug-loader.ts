/**
 * `?p13n_debug=1` (kept for the tab in sessionStorage; `?p13n_debug=0` turns it off) loads the debug
 * panel, a separate file so shoppers never download it: the `debug` chunk, `personalize-debug.js`
 * beside personalize.js, through the one chunk loader (./chunks.ts: nonce, Trusted Types, `?v=`,
 * version check). From boot on it records the script's events, so the panel can list those sent before
 * it loaded. A panel that cannot load is one console warning; the page is not touched.
 */
import type { ChunkLoader } from './chunks.js';
import { readTab, writeTab } from './storage/tab.js';
import type { Warn } from './warn.js';
import { DEBUG_EVENTS, DEBUG_KEY, type RecordedEvent } from './debug-shared.js';
import { attemptOrWarn } from './guard.js';

export type { RecordedEvent };

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

/** A page view with a slow network still gets its panel. */
const PANEL_TIMEOUT_MS = 10_000;

const off = (error: string) => `the debug panel is off: ${error}`;

export function startDebug(win: Window, chunks: ChunkLoader, warn: Warn): DebugRecorder | null {
  return attemptOrWarn(() => start(win, chunks, warn), warn, 'debug', off, null);
}

function start(win: Window, chunks: ChunkLoader, warn: Warn): DebugRecorder | null {
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
  void chunks
    .load('debug', PANEL_TIMEOUT_MS)
    .then((panel) => attemptOrWarn(() => panel?.mountPanel(), warn, 'debug', off));
  return { events: () => events };
}
