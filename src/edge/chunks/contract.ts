/**
 * What personalize.js and the files it loads beside itself agree on: one table, chunk name → the
 * exports the main file expects (by name and type) and what the page loses without it. The main file
 * (dist/personalize.js) decides and renders; these load when a page needs them (docs/performance.md,
 * "What loads when"):
 *
 *   ua       ua-parser-js: `device`, `os`, `browser` (bot detection stays in the main file)
 *   sources  referrer and GA4 tables: a visit's landing with an external referrer or campaign tags
 *   tz       time zone → country and hemisphere: a rule or the consent default reads the country
 *            (without a server country), or a rule reads `season` / `hemisphere`
 *   track    dataLayer reading, Product JSON-LD, A/B exposure and conversion records, beacons
 *   preview  `?p13n_preview=…` / `?p13n_variant=…` and its badge
 *   shopify  Shopify stores only, after the first decisions: live cart, the pixel's orders, catalog
 *   debug    `?p13n_debug=1`: the debug panel (src/tools/debug-panel)
 *
 * A chunk file registers itself on `window.__p13nChunks` (./register.ts) with the version of its build;
 * the loader (../chunks.ts) uses it only when that version is its own and every export has its type.
 * build.mjs builds one file per name of this table (src/app/chunks/entries/NAME.ts).
 */
import type { uaFacts } from '../../core/classify/device.js';
import type { classifySource } from '../../core/classify/source.js';
import type { countryForZone } from '../../core/classify/location.js';
import type { hemisphereOf } from '../../core/classify/season.js';
import type { createMeasurement } from '../track/measure.js';
import type { watchDataLayer } from '../track/ingest.js';
import type { readProductFromJsonLd } from '../page/json-ld.js';
import type { forcedBy, startPreview } from '../preview/preview.js';
import type { showBadgeWhenReady } from '../preview/badge.js';
import type { ShopifyChunk } from '../shopify/chunk-contract.js';
import { attempt } from '../guard.js';

declare const __VERSION__: string;

/** The build's version (package.json, defined by build.mjs); `dev` where nothing defines it (unit tests). */
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

export interface ChunkExports {
  ua: { uaFacts: typeof uaFacts };
  sources: { classifySource: typeof classifySource };
  tz: { countryForZone: typeof countryForZone; hemisphereOf: typeof hemisphereOf };
  track: {
    createMeasurement: typeof createMeasurement;
    watchDataLayer: typeof watchDataLayer;
    readProductFromJsonLd: typeof readProductFromJsonLd;
  };
  preview: {
    startPreview: typeof startPreview;
    forcedBy: typeof forcedBy;
    showBadgeWhenReady: typeof showBadgeWhenReady;
  };
  shopify: { start: ShopifyChunk['start'] };
  /** Mounts the panel on the page; it reads `window.p13n` (the public API) only. */
  debug: { mountPanel: () => void };
}

export type ChunkName = keyof ChunkExports;

/** `typeof` of an export, as checked before use. */
type ExportType = 'function' | 'object' | 'string' | 'number' | 'boolean';

export interface ChunkSpec<K extends ChunkName> {
  /** Every export the main file uses, with its `typeof`. */
  readonly exports: { readonly [E in keyof ChunkExports[K]]-?: ExportType };
  /** What a page view does without the file, for its one warning. */
  readonly without: string;
}

export const CHUNKS: { readonly [K in ChunkName]: ChunkSpec<K> } = {
  ua: { exports: { uaFacts: 'function' }, without: '`device`, `os` and `browser` read as unknown' },
  sources: {
    exports: { classifySource: 'function' },
    without: 'the traffic source of a landing from another site reads as unknown',
  },
  tz: {
    exports: { countryForZone: 'function', hemisphereOf: 'function' },
    without: '`season`, `hemisphere` and a country from the time zone read as unknown',
  },
  track: {
    exports: { createMeasurement: 'function', watchDataLayer: 'function', readProductFromJsonLd: 'function' },
    without: 'dataLayer events, Product JSON-LD and A/B measurement are off',
  },
  preview: {
    exports: { startPreview: 'function', forcedBy: 'function', showBadgeWhenReady: 'function' },
    without: 'the preview is off',
  },
  shopify: {
    exports: { start: 'function' },
    without: "the live cart, the custom pixel's orders and product sources are off",
  },
  debug: { exports: { mountPanel: 'function' }, without: 'the debug panel is off' },
};

export const CHUNK_NAMES = /* @__PURE__ */ Object.keys(CHUNKS) as readonly ChunkName[];

/** The file of a chunk, next to personalize.js (demo/serve.mjs serves `personalize-*.js`). */
export const chunkFile = (name: ChunkName): string => `personalize-${name}.js`;

/** The page global chunk files register on: one object, keyed by chunk name. */
export const REGISTRY = '__p13nChunks';

/** Chunks bundled into the main file (the ESM build), trusted as they are: the same build. */
export type Bundled = { readonly [K in ChunkName]?: ChunkExports[K] };

/**
 * Why a registered value cannot be used as chunk `name`, or null when it can: another release, or an
 * export missing or of the wrong type. Reads a page global, so it guards every read.
 */
export function mismatch(name: ChunkName, value: unknown): string | null {
  const unregistered = 'did not register itself';
  return attempt(() => {
    if (typeof value !== 'object' || value === null) return unregistered;
    const entry = value as Record<string, unknown>;
    if (entry.version !== VERSION) {
      const theirs = typeof entry.version === 'string' ? entry.version.slice(0, 32) : 'an unknown version';
      return `is from another release (${theirs}; personalize.js is ${VERSION})`;
    }
    for (const [key, type] of Object.entries(CHUNKS[name].exports))
      if (typeof entry[key] !== type) return `does not provide ${key}`;
    return null;
  }, unregistered);
}
