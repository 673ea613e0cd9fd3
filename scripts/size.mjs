// The shopper's bundle size: how it is measured, the budget `npm test` holds it to, and the README
// line that states it (between `<!-- size:start -->` and `<!-- size:end -->`), kept in sync by the build.
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Budget for dist/personalize.js, gzip level 9, in bytes: checked by test/unit/size.test.ts.
 * Lower it whenever the bundle shrinks; raise it only with a reason in the commit message.
 *
 * The issue asked for 20 KB; what the required contents cost is far above it (2026-11, 53,472 B,
 * measured per input by `node scripts/size-attribution.mjs`): ua-parser-js 1.x ≈ 8.0 KB (its browser,
 * OS and device regex tables, cpu and engine tables already cut), Preact ≈ 4.3 KB, the GA4 source list
 * ≈ 3.1 KB, the referrer table ≈ 2.2 KB, the time-zone table ≈ 1.9 KB, isbot ≈ 1.4 KB, idb-keyval
 * 0.2 KB: ≈ 21 KB before a line of ours. Our code (expression language, config parser with JSON-path
 * problems, classifiers, consent, A/B measurement, preview, early decisions) is the other ≈ 31 KB.
 * The budget is today's size plus 2 KB of headroom. Raised by 2 KB (issue 12): surviving hostile pages
 * (our own JSON, copies, one start check) and bounded config work (limits, iterative checks) cost 2.8 KB.
 */
export const GZIP_BUDGET = 57_344;

export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The README's statement of the size. */
export const sizeLine = (s) => `\`dist/personalize.js\`: **${kb(s.gzip)} gzip** (${kb(s.raw)} raw, ${kb(s.brotli)} brotli), everything included.`;

const START = '<!-- size:start -->\n';
const END = '\n<!-- size:end -->';

/** The size line the README states now, or null without markers. */
export function readmeSizeLine(readme) {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END, from);
  return from < 0 || to < 0 ? null : readme.slice(from + START.length, to);
}

/**
 * Brings the README's size line in line with `s`. With `check`, only reports. Returns 'same',
 * 'updated' or 'stale' (check mode, differs).
 */
export function syncReadme(readmeUrl, s, { check = false } = {}) {
  const readme = readFileSync(readmeUrl, 'utf8');
  const current = readmeSizeLine(readme);
  if (current === null) throw new Error('README.md has no <!-- size:start --> … <!-- size:end --> markers');
  const line = sizeLine(s);
  if (current === line) return 'same';
  if (check) return 'stale';
  writeFileSync(readmeUrl, readme.replace(`${START}${current}${END}`, `${START}${line}${END}`));
  return 'updated';
}
