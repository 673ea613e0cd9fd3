// @vitest-environment node
/**
 * Every file a shopper's browser may fetch stays within its budget, holds what it is for and nothing
 * that belongs to another entry point, and docs/performance.md states the real sizes. Builds in memory with
 * the exact options of build.mjs (SHOPPER_FILES).
 */
import { build, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHOPPER_FILES } from '../../../build.mjs';
import { BUDGETS, SIZE_DOC, sizeLine, sizes, statedSizeLine } from '../../../scripts/size.mjs';

type Built = { bytes: Uint8Array; inputs: string[] };
const built: Record<string, Built> = {};

beforeAll(async () => {
  await Promise.all(
    Object.entries(SHOPPER_FILES as Record<string, BuildOptions>).map(async ([file, options]) => {
      const result = await build({ ...options, write: false });
      const out = result.outputFiles!.find((output) => output.path.endsWith(`/${file}`))!;
      const meta = Object.entries(result.metafile!.outputs).find(([path]) => path.endsWith(`/${file}`))![1];
      built[file] = { bytes: out.contents, inputs: Object.keys(meta.inputs) };
    }),
  );
}, 60_000);

const has = (file: string, part: string) => built[file]!.inputs.some((input) => input.includes(part));

/** What each file must carry, and what must stay out of it (inputs, by path fragment). */
const CONTENTS: Record<string, { carries: string[]; never: string[] }> = {
  'personalize.js': {
    carries: ['idb-keyval', 'isbot', 'src/core/segments/', 'src/edge/render/renderer'],
    never: [
      'preact',
      'ua-parser-js',
      'ga4-categories',
      'classify/sites',
      'tz-countries',
      'tz-hemispheres',
      'src/edge/shopify/chunk.ts',
      'src/edge/shopify/catalog',
      'src/edge/track/measure',
      'src/edge/track/ingest',
      'src/edge/track/beacon',
      'src/edge/preview/preview',
      'src/edge/preview/badge',
      'src/tools/',
      'attributes/descriptions',
    ],
  },
  'personalize-ua.js': {
    carries: ['ua-parser-js'],
    never: ['preact', 'ga4-categories', 'tz-countries', 'src/core/segments/'],
  },
  'personalize-sources.js': {
    carries: ['ga4-categories', 'classify/sites'],
    never: ['preact', 'ua-parser-js', 'tz-countries', 'src/core/segments/'],
  },
  'personalize-tz.js': {
    carries: ['tz-countries', 'tz-hemispheres'],
    never: ['preact', 'ua-parser-js', 'ga4-categories', 'src/core/segments/'],
  },
  'personalize-track.js': {
    carries: ['src/edge/track/measure', 'src/edge/track/ingest', 'src/edge/track/beacon'],
    never: ['preact', 'ua-parser-js', 'ga4-categories', 'tz-countries', 'src/core/segments/'],
  },
  'personalize-preview.js': {
    carries: ['src/edge/preview/preview', 'src/edge/preview/badge'],
    never: ['preact', 'ua-parser-js', 'ga4-categories', 'src/core/segments/'],
  },
  'personalize-debug.js': { carries: ['src/tools/debug-panel/', 'preact'], never: ['ua-parser-js', 'ga4-categories'] },
  // The early decider: no expression parser, config validator or JSON fallback parser reaches a shopper
  // with it, nor the full classifiers' libraries and tables.
  'personalize-early.js': {
    carries: ['src/app/early', 'src/core/page', 'src/core/program/expr', 'classify/quick-device'],
    never: [
      'preact',
      'ua-parser-js',
      'isbot',
      'idb-keyval',
      'src/core/segments/parser',
      'src/core/segments/lexer',
      'src/core/config/parse',
      'src/core/config/validate',
      'json-parser',
      'ga4-categories',
      'tz-countries',
      'src/tools/',
    ],
  },
  'personalize-shopify.js': {
    carries: ['src/edge/shopify/chunk.ts'],
    never: ['preact', 'ua-parser-js', 'ga4-categories', 'tz-countries', 'src/core/segments/'],
  },
};

describe.each(Object.keys(BUDGETS))('dist/%s', (file) => {
  it('is within its gzip budget', () => {
    expect(sizes(built[file]!.bytes).gzip).toBeLessThanOrEqual(BUDGETS[file as keyof typeof BUDGETS]);
  });

  it('carries what it is for, and nothing another entry point is for', () => {
    const { carries, never } = CONTENTS[file]!;
    expect(
      carries.filter((part) => !has(file, part)),
      'missing',
    ).toEqual([]);
    expect(
      never.filter((part) => has(file, part)),
      'should not be here',
    ).toEqual([]);
  });
});

describe('docs/performance.md', () => {
  it('states the size of every file the shopper may fetch', () => {
    expect(Object.keys(SHOPPER_FILES).sort()).toEqual(Object.keys(BUDGETS).sort());
    const doc = readFileSync(new URL(`../../../${SIZE_DOC}`, import.meta.url), 'utf8');
    const entries = Object.fromEntries(Object.entries(built).map(([file, { bytes }]) => [file, sizes(bytes)]));
    expect(statedSizeLine(doc), `run \`node build.mjs\` to update ${SIZE_DOC}`).toBe(sizeLine(entries));
  });
});
