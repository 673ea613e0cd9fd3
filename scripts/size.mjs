// The shopper's script sizes, per entry point: how they are measured, the budgets `npm test` holds
// them to (test/unit/size.test.ts), and the README line that states them (between
// `<!-- size:start -->` and `<!-- size:end -->`), kept in sync by the build.
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Gzip budgets (level 9, bytes) per file in dist/, each today's size plus about 15 %: generous on
 * purpose (nanostores' size-limit style), so a test fails on a real regression, not on a refactor.
 * Lower one whenever its file shrinks; raise it only with a reason in the commit message.
 *
 * `personalize.js` is what a visits-only config fetches before its first decision on a store that
 * prints the country (Shopify): the main file alone. Without a server country, the consent default
 * needs the country from the time zone, and `personalize-tz.js` joins the critical path.
 * Measured 2026-12 (node build.mjs): main 29,160 B (was 53,472 with everything in it); ua 9,739;
 * sources 7,533; track 3,488; tz 2,115; preview 1,633; debug panel 10,494. Raised after issue 14 (dates,
 * schedules, season and hemisphere table, Shopify names: main 34,368 B) and the debug panel's schedule view;
 * then after issue 12 (JSON of our own for pages that replace JSON, copies, config limits: main 39,459 B,
 * track 4,900 B with the holdout's exposures).
 */
export const BUDGETS = {
  'personalize.js': 44_000, // 43,343 B: prerendered pages, pages back from the back/forward cache and erasing on every open page counted in, and boot split into one module per concern
  'personalize-ua.js': 11_700,
  'personalize-sources.js': 8_700,
  'personalize-track.js': 6_400, // 6,178 B: a beacon queue that delivers under the keepalive quota, and the audience property
  'personalize-tz.js': 2_850, // 2,596 B: the zone → hemisphere table joined it (season, hemisphere)
  'personalize-preview.js': 1_900,
  'personalize-shopify.js': 5_200, // 4,523 B: the bounds it checks on the orders queue and the catalog it writes, and core/json.ts's writer
  'personalize-debug.js': 13_600,
};

/** When each file is fetched, for the README's size line. */
export const WHEN = {
  'personalize.js': 'critical path',
  'personalize-ua.js': 'device, os, browser',
  'personalize-sources.js': 'landing from elsewhere',
  'personalize-track.js': 'after the first decision',
  'personalize-tz.js': 'country from the time zone, season, hemisphere',
  'personalize-preview.js': 'preview only',
  'personalize-shopify.js': 'Shopify stores, after the first decision',
  'personalize-debug.js': 'debug panel only',
};

export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The README's statement of the sizes: `entries` maps a file name (a key of BUDGETS) to its sizes.
 */
export function sizeLine(entries) {
  const main = entries['personalize.js'];
  const rest = Object.keys(BUDGETS).filter((name) => name !== 'personalize.js' && entries[name]);
  return (
    `\`dist/personalize.js\`: **${kb(main.gzip)} gzip** (${kb(main.raw)} raw, ${kb(main.brotli)} brotli), all a visits-only config fetches before deciding;` +
    ` beside it, loaded only when needed: ${rest.map((name) => `\`${name}\` ${kb(entries[name].gzip)} (${WHEN[name]})`).join(', ')}.`
  );
}

const START = '<!-- size:start -->\n';
const END = '\n<!-- size:end -->';

/** The size line the README states now, or null without markers. */
export function readmeSizeLine(readme) {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END, from);
  return from < 0 || to < 0 ? null : readme.slice(from + START.length, to);
}

/**
 * Brings the README's size line in line with `entries`. With `check`, only reports. Returns 'same',
 * 'updated' or 'stale' (check mode, differs).
 */
export function syncReadme(readmeUrl, entries, { check = false } = {}) {
  const readme = readFileSync(readmeUrl, 'utf8');
  const current = readmeSizeLine(readme);
  if (current === null) throw new Error('README.md has no <!-- size:start --> … <!-- size:end --> markers');
  const line = sizeLine(entries);
  if (current === line) return 'same';
  if (check) return 'stale';
  writeFileSync(readmeUrl, readme.replace(`${START}${current}${END}`, `${START}${line}${END}`));
  return 'updated';
}
