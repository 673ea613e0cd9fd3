// The shopper's script sizes, per entry point: how they are measured, the budgets `npm test` holds
// them to (test/unit/whole/size.test.ts), and the line of SIZE_DOC that states them (between
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
 * The history of each budget is in `git log -p scripts/size.mjs`.
 */
export const BUDGETS = {
  'personalize.js': 45_500, // 44,996 B: the purchase model, the program loader, and the page's life cycle (prerender, back/forward, erase on every page)
  'personalize-ua.js': 11_700,
  'personalize-sources.js': 8_700,
  'personalize-track.js': 7_200, // 6,631 B: a beacon queue that delivers under the keepalive quota, the audience property, page-view records for training
  'personalize-tz.js': 2_850, // 2,596 B: the zone → hemisphere table joined it (season, hemisphere)
  'personalize-preview.js': 1_900,
  'personalize-shopify.js': 5_200, // 4,523 B: the bounds it checks on the orders queue and the catalog it writes, and core/json.ts's writer
  'personalize-debug.js': 13_600,
  // The early decider with every reader, for stores whose CSP allows no inline script (p13n snippet
  // --external): 18,363 B. The inline one a config gets carries only its readers (test/unit/tools/snippet).
  'personalize-early.js': 20_500,
};

/** When each file is fetched, for the size line. */
export const WHEN = {
  'personalize.js': 'critical path',
  'personalize-ua.js': 'device, os, browser',
  'personalize-sources.js': 'landing from elsewhere',
  'personalize-track.js': 'after the first decision',
  'personalize-tz.js': 'country from the time zone, season, hemisphere',
  'personalize-preview.js': 'preview only',
  'personalize-shopify.js': 'Shopify stores, after the first decision',
  'personalize-debug.js': 'debug panel only',
  'personalize-early.js': 'the early decider as a file, for a CSP without inline scripts',
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
 * The docs' statement of the sizes: `entries` maps a file name (a key of BUDGETS) to its sizes.
 */
export function sizeLine(entries) {
  const main = entries['personalize.js'];
  const rest = Object.keys(BUDGETS).filter((name) => name !== 'personalize.js' && entries[name]);
  return (
    `\`dist/personalize.js\`: **${kb(main.gzip)} gzip** (${kb(main.raw)} raw, ${kb(main.brotli)} brotli), all a visits-only config fetches before deciding;` +
    ` beside it, loaded only when needed: ${rest.map((name) => `\`${name}\` ${kb(entries[name].gzip)} (${WHEN[name]})`).join(', ')}.`
  );
}

/** The page that states the sizes, where a store owner reads what loads when. */
export const SIZE_DOC = 'docs/performance.md';

const START = '<!-- size:start -->\n';
const END = '\n<!-- size:end -->';

/** The size line a page states now, or null without markers. */
export function statedSizeLine(text) {
  const from = text.indexOf(START);
  const to = text.indexOf(END, from);
  return from < 0 || to < 0 ? null : text.slice(from + START.length, to);
}

/**
 * Brings the size line of the page at `url` in line with `entries`. With `check`, only reports.
 * Returns 'same', 'updated' or 'stale' (check mode, differs).
 */
export function syncSizeLine(url, entries, { check = false } = {}) {
  const text = readFileSync(url, 'utf8');
  const current = statedSizeLine(text);
  if (current === null) throw new Error(`${url.pathname} has no <!-- size:start --> … <!-- size:end --> markers`);
  const line = sizeLine(entries);
  if (current === line) return 'same';
  if (check) return 'stale';
  writeFileSync(url, text.replace(`${START}${current}${END}`, `${START}${line}${END}`));
  return 'updated';
}
