// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
/** The debug panel's loader, in personalize.js. (happy-dom loads no script file: tests fire `error` themselves.) */
import { afterEach, describe, expect, it } from 'vitest';
import { debugWanted, panelUrl, startDebug } from '../../../src/edge/debug-loader.js';
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

describe('panelUrl()', () => {
  it('is personalize-debug.js next to personalize.js, wherever that is hosted', () => {
    expect(panelUrl('https://cdn.shopify.com/s/files/1/0001/t/3/assets/personalize.js?v=1712')).toBe(
      'https://cdn.shopify.com/s/files/1/0001/t/3/assets/personalize-debug.js',
    );
    expect(panelUrl('http://localhost:8080/personalize.js')).toBe('http://localhost:8080/personalize-debug.js');
    expect(panelUrl(undefined)).toBeNull();
  });
});

describe('startDebug()', () => {
  const script = () => {
    const element = document.createElement('script');
    element.src = 'https://shop.example/assets/personalize.js';
    element.nonce = 'r4nd0m';
    return element;
  };

  it('does nothing without ?p13n_debug', () => {
    expect(startDebug(window, script(), () => undefined)).toBeNull();
    expect(document.querySelector('script[src$="personalize-debug.js"]')).toBeNull();
  });

  it('loads the panel with the script’s nonce, keeps the setting for the tab and records the script’s events', () => {
    history.replaceState(null, '', '/?p13n_debug=1');
    const recorder = startDebug(window, script(), () => undefined)!;
    const loaded = document.querySelector<HTMLScriptElement>('script[src$="personalize-debug.js"]')!;
    expect(loaded.src).toBe('https://shop.example/assets/personalize-debug.js');
    expect(loaded.nonce).toBe('r4nd0m');
    expect(sessionStorage.getItem('p13n_debug')).toBe('1');
    emit(document, 'ready', { decisions: [] });
    emit(document, 'exposure', { rule: 'a' });
    expect(recorder.events().map((e) => [e.name, e.detail])).toEqual([
      ['p13n:ready', { decisions: [] }],
      ['p13n:exposure', { rule: 'a' }],
    ]);
    history.replaceState(null, '', '/?p13n_debug=0');
    expect(startDebug(window, script(), () => undefined)).toBeNull();
    expect(sessionStorage.getItem('p13n_debug')).toBeNull();
    history.replaceState(null, '', '/');
  });

  it('warns once when the panel cannot be loaded, and nothing else', () => {
    history.replaceState(null, '', '/?p13n_debug=1');
    const warnings: string[] = [];
    const warn = createWarner({ warn: (message: string) => warnings.push(message) });
    startDebug(window, script(), warn);
    const element = document.querySelector<HTMLScriptElement>('script[src$="personalize-debug.js"]')!;
    element.dispatchEvent(new Event('error'));
    element.dispatchEvent(new Event('error'));
    expect(warnings).toEqual([
      '[p13n] the debug panel could not be loaded from https://shop.example/assets/personalize-debug.js: upload personalize-debug.js next to personalize.js',
    ]);
    history.replaceState(null, '', '/');
  });
});
