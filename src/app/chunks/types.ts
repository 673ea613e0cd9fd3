/**
 * What each on-demand chunk of the shopper's script exports. The main file (dist/personalize.js)
 * decides and renders; these load beside it when a page needs them (README "Flicker and speed"):
 *
 *   ua       ua-parser-js: `device`, `os`, `browser` (bot detection stays in the main file)
 *   sources  referrer and GA4 tables: a visit's landing with an external referrer or campaign tags
 *   tz       time zone → country and hemisphere: a rule or the consent default reads the country
 *            (without a server country), or a rule reads `season` / `hemisphere`
 *   track    dataLayer reading, Product JSON-LD, A/B exposure and conversion records, beacons
 *   preview  `?p13n_preview=…` / `?p13n_variant=…` and its badge
 */
import type { uaFacts } from '../../core/classify/device.js';
import type { classifySource } from '../../core/classify/source.js';
import type { countryForZone } from '../../core/classify/location.js';
import type { hemisphereOf } from '../../core/classify/season.js';
import type { createMeasurement } from '../../edge/track/measure.js';
import type { watchDataLayer } from '../../edge/track/ingest.js';
import type { readProductFromJsonLd } from '../../edge/page/json-ld.js';
import type { forcedBy, startPreview } from '../../edge/preview/preview.js';
import type { showBadgeWhenReady } from '../../edge/preview/badge.js';

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
}

export type ChunkName = keyof ChunkExports;

export const CHUNK_NAMES: readonly ChunkName[] = ['ua', 'sources', 'tz', 'track', 'preview'];

/** The file of a chunk, next to personalize.js (demo/serve.mjs serves `personalize-*.js`). */
export const chunkFile = (name: ChunkName): string => `personalize-${name}.js`;

/** The page global chunk files register on: one object, keyed by chunk name. */
export const REGISTRY = '__p13nChunks';

export type Registry = { [K in ChunkName]?: ChunkExports[K] };
