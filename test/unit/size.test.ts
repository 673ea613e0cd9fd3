// @vitest-environment node
/**
 * The bundle a shopper downloads stays within its budget, contains no tool-only code, and the README
 * states its real size. Builds in memory with the exact options of build.mjs.
 */
import { build, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { shared } from '../../build.mjs';
import { GZIP_BUDGET, readmeSizeLine, sizeLine, sizes } from '../../scripts/size.mjs';

let bundle: Uint8Array;
let inputs: string[];

beforeAll(async () => {
  const result = await build({ ...(shared as BuildOptions), format: 'iife', outfile: 'dist/personalize.js', write: false });
  bundle = result.outputFiles!.find((file) => file.path.endsWith('personalize.js'))!.contents;
  inputs = Object.keys(result.metafile!.outputs['dist/personalize.js']!.inputs);
}, 30_000);

describe('dist/personalize.js', () => {
  it(`is at most ${GZIP_BUDGET} bytes gzip, with preact, idb-keyval, ua-parser-js 1.x and every classifier table`, () => {
    for (const needed of ['preact', 'idb-keyval', 'ua-parser-js', 'isbot', 'ga4-categories', 'tz-countries', 'sites']) {
      expect(inputs.some((input) => input.includes(needed)), needed).toBe(true);
    }
    expect(sizes(bundle).gzip).toBeLessThanOrEqual(GZIP_BUDGET);
  });

  it('carries nothing only tools and docs need', () => {
    const toolsOnly = inputs.filter((input) => /src\/tools\/|attributes\/descriptions/.test(input));
    expect(toolsOnly).toEqual([]);
  });

  it('is the size the README states', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readmeSizeLine(readme), 'run `node build.mjs` to update README.md').toBe(sizeLine(sizes(bundle)));
  });
});
