/**
 * The chunk loader (edge/chunks.ts): finds each file next to the main script, carries its nonce,
 * loads a chunk once, and turns every failure into null plus one warning, within a bounded wait.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChunkLoader } from '../../../src/edge/chunks.js';
import { REGISTRY } from '../../../src/app/chunks/types.js';
import { PREVIEW_KEY } from '../../../src/edge/preview/preview.js';
import { PREVIEW_TAB_KEY } from '../../../src/edge/preview/wanted.js';
import { deferredMeasurement } from '../../../src/app/deferred-track.js';
import type { Measurement } from '../../../src/edge/track/measure.js';
import type { Decision } from '../../../src/core/decide/rules.js';

/** A page whose inserted scripts are recorded, not fetched: the test fires their load or error. */
function fakePage() {
  const inserted: Array<{ src: string; nonce?: string; async?: boolean; onload?: () => void; onerror?: () => void }> =
    [];
  const win = {
    document: {
      head: { appendChild: (element: (typeof inserted)[number]) => inserted.push(element) },
      createElement: () => ({}),
    },
  } as unknown as Window;
  return { win, inserted };
}

const script = (src: string, nonce = '') => ({ src, nonce }) as HTMLScriptElement;

afterEach(() => {
  vi.useRealTimers();
});

describe('createChunkLoader()', () => {
  it('loads personalize-NAME.js from beside the main script, with its query and nonce, once', async () => {
    const { win, inserted } = fakePage();
    const warn = vi.fn();
    const loader = createChunkLoader(
      win,
      script('https://cdn.shopify.com/s/files/1/t/3/assets/personalize.js?v=17', 'abc'),
      warn,
      null,
    );
    const first = loader.load('tz', 1000);
    const second = loader.load('tz', 1000);
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toMatchObject({
      src: 'https://cdn.shopify.com/s/files/1/t/3/assets/personalize-tz.js?v=17',
      nonce: 'abc',
      async: true,
    });
    const exports = { countryForZone: () => 'NO' };
    (win as unknown as Record<string, unknown>)[REGISTRY] = { tz: exports };
    inserted[0]!.onload!();
    expect(await first).toBe(exports);
    expect(await second).toBe(exports);
    expect(loader.loaded('tz')).toBe(exports);
    expect(warn).not.toHaveBeenCalled();
  });

  it('resolves null with one warning when the file is missing', async () => {
    const { win, inserted } = fakePage();
    const warn = vi.fn();
    const loader = createChunkLoader(win, script('https://shop.example/personalize.js'), warn, null);
    const loading = loader.load('ua', 1000);
    inserted[0]!.onerror!();
    expect(await loading).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toMatch(
      /personalize-ua\.js could not be loaded from https:\/\/shop\.example\/personalize-ua\.js/,
    );
  });

  it('gives up after the timeout', async () => {
    vi.useFakeTimers();
    const { win } = fakePage();
    const warn = vi.fn();
    const loading = createChunkLoader(win, script('https://shop.example/personalize.js'), warn, null).load(
      'sources',
      300,
    );
    vi.advanceTimersByTime(300);
    expect(await loading).toBeNull();
    expect(warn.mock.calls[0]![1]).toMatch(/did not load within 300 ms/);
  });

  it('cannot find the files of an inline script, and says so', async () => {
    const { win, inserted } = fakePage();
    const warn = vi.fn();
    expect(await createChunkLoader(win, null, warn, null).load('track', 1000)).toBeNull();
    expect(inserted).toEqual([]);
    expect(warn.mock.calls[0]![1]).toMatch(/not loaded with <script src>/);
  });

  it('uses the bundled chunks of the ESM build without inserting anything', async () => {
    const { win, inserted } = fakePage();
    const exports = { countryForZone: () => null, hemisphereOf: () => null };
    expect(await createChunkLoader(win, null, vi.fn(), { tz: exports }).load('tz', 1000)).toBe(exports);
    expect(inserted).toEqual([]);
  });
});

describe('previewWanted()', () => {
  it('uses the key the preview itself keeps in the tab', () => {
    expect(PREVIEW_TAB_KEY).toBe(PREVIEW_KEY);
  });
});

describe('deferredMeasurement()', () => {
  const decision = { slot: 'hero' } as Decision;

  it('hands the calls made while the track chunk loads to it, in order', () => {
    const calls: string[] = [];
    const real: Measurement = {
      exposed: () => calls.push('exposed'),
      purchased: () => calls.push('purchased'),
      newPage: () => calls.push('newPage'),
      consentWithdrawn: () => calls.push('consentWithdrawn'),
    };
    const deferred = deferredMeasurement(() => true);
    deferred.exposed(decision);
    deferred.consentWithdrawn();
    expect(calls).toEqual([]);
    deferred.attach(real);
    deferred.newPage();
    expect(calls).toEqual(['exposed', 'consentWithdrawn', 'newPage']);
  });

  it('drops an exposure made before the page has its state, as the measurement itself does', () => {
    const exposed = vi.fn();
    const deferred = deferredMeasurement(() => false);
    deferred.exposed(decision);
    deferred.attach({ exposed, purchased: vi.fn(), newPage: vi.fn(), consentWithdrawn: vi.fn() });
    expect(exposed).not.toHaveBeenCalled();
  });
});
