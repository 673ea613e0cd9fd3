/**
 * The chunk loader (edge/chunks.ts): finds each file next to the main script, carries its nonce,
 * loads a chunk once, and turns every failure into null plus one warning, within a bounded wait.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChunkLoader } from '../../../../src/edge/chunks.js';
import { CHUNK_NAMES, CHUNKS, REGISTRY, VERSION } from '../../../../src/edge/chunks/contract.js';
import { createShopify } from '../../../../src/edge/shopify/start.js';
import { startDebug } from '../../../../src/edge/debug-loader.js';
import { PREVIEW_KEY } from '../../../../src/edge/preview/preview.js';
import { PREVIEW_TAB_KEY } from '../../../../src/edge/preview/wanted.js';
import { deferredMeasurement } from '../../../../src/app/deferred-track.js';
import type { Measurement } from '../../../../src/edge/track/measure.js';
import type { Decision } from '../../../../src/core/decide/rules.js';

type Inserted = {
  src: string;
  type?: string;
  nonce?: string;
  async?: boolean;
  onload?: () => void;
  onerror?: () => void;
};
/** A page whose inserted scripts are recorded, not fetched: the test fires their load or error. */
function fakePage(origin = 'https://shop.example') {
  const inserted: Inserted[] = [];
  const win = {
    location: { origin, search: '' },
    document: {
      head: { appendChild: (element: Inserted) => inserted.push(element) },
      createElement: () => ({}),
      addEventListener: () => undefined,
    },
  } as unknown as Window;
  return { win, inserted };
}
const registry = (win: Window) => ((win as unknown as Record<string, Record<string, unknown>>)[REGISTRY] ??= {});
const tz = { countryForZone: () => 'NO', hemisphereOf: () => 'north' };

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
    registry(win).tz = { ...tz, version: VERSION };
    inserted[0]!.onload!();
    expect(await first).toMatchObject(tz);
    expect(await second).toBe(await first);
    expect(loader.loaded('tz')).toBe(await first);
    expect(warn).not.toHaveBeenCalled();
  });

  it('hands out a chunk of another release, or of another shape, to nobody: one warning names the file', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...tz, version: '0.0.9' }, /personalize-tz\.js is from another release \(0\.0\.9; personalize\.js is dev\)/],
      [{ countryForZone: tz.countryForZone }, /personalize-tz\.js is from another release \(an unknown version/],
      [{ countryForZone: tz.countryForZone, version: VERSION }, /personalize-tz\.js does not provide hemisphereOf/],
      [{ ...tz, hemisphereOf: 'north', version: VERSION }, /personalize-tz\.js does not provide hemisphereOf/],
      [42, /personalize-tz\.js did not register itself/],
    ];
    for (const [registered, message] of cases) {
      const { win, inserted } = fakePage();
      const warn = vi.fn();
      const loader = createChunkLoader(win, script('https://shop.example/personalize.js'), warn, null);
      const loading = loader.load('tz', 1000);
      registry(win).tz = registered;
      inserted[0]!.onload!();
      expect(await loading).toBeNull();
      expect(loader.loaded('tz')).toBeUndefined();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![1]).toMatch(message);
      expect(warn.mock.calls[0]![1]).toContain(`meanwhile ${CHUNKS.tz.without}`);
    }
  });

  it('survives a registry that throws when read', async () => {
    const { win, inserted } = fakePage();
    Object.defineProperty(win, REGISTRY, {
      get() {
        throw new Error('hostile page');
      },
    });
    const warn = vi.fn();
    const loading = createChunkLoader(win, script('https://shop.example/personalize.js'), warn, null).load('ua', 1000);
    inserted[0]!.onload!();
    expect(await loading).toBeNull();
    expect(warn.mock.calls[0]![1]).toMatch(/personalize-ua\.js did not register itself/);
  });

  it('loads a file of the page’s origin as a module script (never runs an HTML answer), another origin’s as a classic one', () => {
    const { win, inserted } = fakePage('https://shop.example');
    createChunkLoader(win, script('https://shop.example/cdn/shop/t/1/assets/personalize.js?v=1'), vi.fn(), null).load(
      'ua',
      1000,
    );
    createChunkLoader(
      win,
      script('https://cdn.shopify.com/s/files/1/t/1/assets/personalize.js?v=1'),
      vi.fn(),
      null,
    ).load('ua', 1000);
    expect(inserted.map((element) => element.type)).toEqual(['module', undefined]);
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

describe('the chunk contract', () => {
  it('has an entry file per chunk, and a chunk per entry file (build.mjs builds one file per name)', () => {
    const entries = readdirSync(join(process.cwd(), 'src/app/chunks/entries')).map((file) => file.replace(/\.ts$/, ''));
    expect([...entries].sort()).toEqual([...CHUNK_NAMES].sort());
  });
});

describe('the Shopify file and the debug panel', () => {
  const src = 'https://shop.example/assets/personalize.js?v=123';
  it('load through the one loader: beside personalize.js, with its query and nonce, checked before use', async () => {
    const { win, inserted } = fakePage();
    (win as unknown as { localStorage: Storage }).localStorage = localStorage;
    const warn = vi.fn();
    const chunks = createChunkLoader(win, script(src, 'n0nce'), warn, null);
    const shopify = createShopify(
      {
        win,
        server: () => ({ cart: { total_price: 0, item_count: 0, currency: 'NOK' } }),
        consent: () => true,
        now: Date.now,
      },
      chunks,
      warn,
    );
    shopify.start({ track: vi.fn(), cart: vi.fn() });
    expect(inserted[0]).toMatchObject({
      src: 'https://shop.example/assets/personalize-shopify.js?v=123',
      nonce: 'n0nce',
      type: 'module',
    });
    const start = vi.fn();
    registry(win).shopify = { start, version: '0.0.1' };
    inserted[0]!.onload!();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(warn.mock.calls[0]![1]).toMatch(/personalize-shopify\.js is from another release/);
    expect(start).not.toHaveBeenCalled();
  });

  it('mounts the debug panel only with ?p13n_debug=1, from the file of the same build', async () => {
    const { win, inserted } = fakePage();
    const page = win as unknown as { location: { search: string }; sessionStorage: Storage };
    page.sessionStorage = sessionStorage;
    const chunks = createChunkLoader(win, script(src), vi.fn(), null);
    expect(startDebug(win, chunks, vi.fn())).toBeNull();
    expect(inserted).toEqual([]);
    page.location.search = '?p13n_debug=1';
    startDebug(win, chunks, vi.fn());
    expect(inserted[0]!.src).toBe('https://shop.example/assets/personalize-debug.js?v=123');
    const mountPanel = vi.fn();
    registry(win).debug = { mountPanel, version: VERSION };
    inserted[0]!.onload!();
    await vi.waitFor(() => expect(mountPanel).toHaveBeenCalledTimes(1));
    sessionStorage.clear();
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
