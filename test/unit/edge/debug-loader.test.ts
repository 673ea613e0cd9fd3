// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
/** The debug panel's loader, in personalize.js. (happy-dom loads no script file: tests fire `error` themselves.) */
import { afterEach, describe, expect, it } from 'vitest';
import { debugWanted, startDebug } from '../../../src/edge/debug-loader.js';
import { createChunkLoader } from '../../../src/edge/chunks.js';
import type { Warn } from '../../../src/edge/warn.js';
import { createWarner } from '../../../src/edge/warn.js';
import { emit } from '../../../src/edge/track/events.js';

afterEach(() => {
  sessionStorage.clear();
  document.head.querySelectorAll('script').forEach((s) => s.remove());
});

describe('debugWanted()', () => {
  it.each([
    ['?p13n_debug=1', null, true],
    ['?p13n_debug=on', null, true],
    ['', '1', true],
    ['?p13n_debug=0', '1', false],
    ['?p13n_debug=off', '1', false],
    ['', null, false],
  ])('%s with %s stored: %s', (search, stored, on) => {
    expect(debugWanted(search, stored)).toBe(on);
  });
});

describe('startDebug()', () => {
  const script = () => {
    const element = document.createElement('script');
    element.src = 'https://shop.example/assets/personalize.js?v=1712';
    element.nonce = 'r4nd0m';
    return element;
  };
  /** The panel is a chunk: it loads through the script's one loader. */
  const chunks = (warn: Warn = () => undefined) => createChunkLoader(window, script(), warn, null);

  it('does nothing without ?p13n_debug', () => {
    expect(startDebug(window, chunks(), () => undefined)).toBeNull();
    expect(document.querySelector('script[src*="personalize-debug.js"]')).toBeNull();
  });

  it('loads the panel beside personalize.js with its query and nonce, keeps the setting for the tab and records the script’s events', () => {
    history.replaceState(null, '', '/?p13n_debug=1');
    const recorder = startDebug(window, chunks(), () => undefined)!;
    const loaded = document.querySelector<HTMLScriptElement>('script[src*="personalize-debug.js"]')!;
    expect(loaded.src).toBe('https://shop.example/assets/personalize-debug.js?v=1712');
    expect(loaded.nonce).toBe('r4nd0m');
    expect(sessionStorage.getItem('p13n_debug')).toBe('1');
    emit(document, 'ready', { decisions: [] });
    emit(document, 'exposure', { rule: 'a' });
    expect(recorder.events().map((e) => [e.name, e.detail])).toEqual([
      ['p13n:ready', { decisions: [] }],
      ['p13n:exposure', { rule: 'a' }],
    ]);
    history.replaceState(null, '', '/?p13n_debug=0');
    expect(startDebug(window, chunks(), () => undefined)).toBeNull();
    expect(sessionStorage.getItem('p13n_debug')).toBeNull();
    history.replaceState(null, '', '/');
  });

  it('warns once when the panel cannot be loaded, and nothing else', () => {
    history.replaceState(null, '', '/?p13n_debug=1');
    const warnings: string[] = [];
    const warn = createWarner({ warn: (message: string) => warnings.push(message) });
    startDebug(window, chunks(warn), warn);
    const element = document.querySelector<HTMLScriptElement>('script[src*="personalize-debug.js"]')!;
    element.dispatchEvent(new Event('error'));
    element.dispatchEvent(new Event('error'));
    // happy-dom reports the file it does not fetch as loaded first: it then finds no panel registered.
    expect(warnings).toEqual([
      expect.stringMatching(/^\[p13n\] personalize-debug\.js .*; meanwhile the debug panel is off$/),
    ]);
    history.replaceState(null, '', '/');
  });
});
