// @vitest-environment node
/**
 * The studio page's own budget (dist/studio/studio.js, built by `npm test` before vitest): it carries
 * the validator, the expression language and Preact, loaded once from localhost, so the figure is
 * generous; it only catches a dependency pulled in by mistake. Figures: `gzip -c dist/studio/studio.js | wc -c`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sizes } from '../../../../scripts/size.mjs';

/**
 * 40.2 KB today (the rule-order proof, the save-conflict panel and the Shopify warnings took it from
 * 37.0 KB); 48 KB leaves room for the studio to grow without a new library.
 */
const STUDIO_GZIP_BUDGET = 48 * 1024;

describe('dist/studio/studio.js', () => {
  it(`is at most ${STUDIO_GZIP_BUDGET} bytes gzip`, () => {
    expect(sizes(readFileSync(new URL('../../../../dist/studio/studio.js', import.meta.url))).gzip).toBeLessThanOrEqual(
      STUDIO_GZIP_BUDGET,
    );
  });
});
