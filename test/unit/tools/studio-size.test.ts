// @vitest-environment node
/**
 * The studio page's own budget (dist/studio/studio.js, built by `npm test` before vitest): it carries
 * the validator, the expression language and Preact, loaded once from localhost, so the figure is
 * generous; it only catches a dependency pulled in by mistake. Figures: `gzip -c dist/studio/studio.js | wc -c`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sizes } from '../../../scripts/size.mjs';

/** 28.5 KB today; 40 KB leaves room for the studio to grow without a new library. */
const STUDIO_GZIP_BUDGET = 40 * 1024;

describe('dist/studio/studio.js', () => {
  it(`is at most ${STUDIO_GZIP_BUDGET} bytes gzip`, () => {
    expect(sizes(readFileSync(new URL('../../../dist/studio/studio.js', import.meta.url))).gzip).toBeLessThanOrEqual(
      STUDIO_GZIP_BUDGET,
    );
  });
});
