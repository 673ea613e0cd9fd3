/**
 * Every chunk's exports, imported statically: what unit tests and the ESM build (dist/personalize.mjs,
 * for bundlers) use. The script-tag build replaces this module by `none.ts` (build.mjs), so its
 * chunks are separate files loaded on demand.
 */
import { uaFacts } from '../../core/classify/device.js';
import { classifySource } from '../../core/classify/source.js';
import { countryForZone } from '../../core/classify/location.js';
import { hemisphereOf } from '../../core/classify/season.js';
import { createMeasurement } from '../../edge/track/measure.js';
import { watchDataLayer } from '../../edge/track/ingest.js';
import { readProductFromJsonLd } from '../../edge/page/json-ld.js';
import { forcedBy, startPreview } from '../../edge/preview/preview.js';
import { showBadgeWhenReady } from '../../edge/preview/badge.js';
import type { Bundled } from '../../edge/chunks/contract.js';

/** The Shopify chunk and the debug panel are not bundled: they load as files, as in the script-tag build. */
export const BUNDLED: Bundled | null = {
  ua: { uaFacts },
  sources: { classifySource },
  tz: { countryForZone, hemisphereOf },
  track: { createMeasurement, watchDataLayer, readProductFromJsonLd },
  preview: { startPreview, forcedBy, showBadgeWhenReady },
};
