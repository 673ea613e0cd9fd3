// Builds the file a store owner hosts (dist/personalize.js: IIFE, minified), the files it loads on
// demand beside it (dist/personalize-NAME.js, see src/edge/chunks/contract.ts: the debug panel and the
// Shopify chunk among them), the CLI,
// and an ESM build of the whole script (dist/personalize.mjs) for tests and bundlers; then prints each
// file's size and brings the size line of docs/performance.md up to date (`--check`, or CI: fail instead
// when it is stale). `--quiet` skips both (tests build silently).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { slimUaParserPlugin } from './scripts/slim-ua-parser.mjs';
import { bakeConfig } from './scripts/bake-config.mjs';
import { BUDGETS, kb as kib, SIZE_DOC, sizes, syncSizeLine } from './scripts/size.mjs';
import { buildShopify } from './scripts/build-shopify.mjs';
import { studioPage } from './scripts/build-studio.mjs';

export { sizes };

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const quiet = process.argv.includes('--quiet');
/** `P13N_CONFIG=p13n.json npm run build` bakes a config into the bundle, validated first. */
const baked = await bakeConfig(process.env.P13N_CONFIG);
if (!baked.ok) process.exit(1);

/** Browsers the script supports: Chrome and Edge 80, Firefox 78, Safari 14.1 (2020-21) and later. */
export const TARGET = ['es2020', 'chrome80', 'firefox78', 'safari14.1', 'edge80'];

export const shared = {
  entryPoints: ['src/app/main.ts'],
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  target: TARGET,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: {
    __VERSION__: JSON.stringify(pkg.version),
    __P13N_CONFIG__: JSON.stringify(baked.text),
    __P13N_REASONS__: 'true',
  },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [slimUaParserPlugin],
};

/** The store owner's command line (`npx p13n …`): Node, not shipped to shoppers. */
const cli = {
  entryPoints: ['src/tools/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/cli.mjs',
  packages: 'external',
  logLevel: 'warning',
};

/** The ahead-of-time compiler as a library, for the demo store and the benchmarks (Node). */
const snippetLibrary = { ...cli, entryPoints: ['src/tools/snippet/index.ts'], outfile: 'dist/snippet.mjs' };

/**
 * The script-tag build leaves its on-demand parts out (src/app/chunks/all.ts → none.ts): each is its
 * own file beside personalize.js (dist/personalize-NAME.js), loaded when a page needs it.
 */
const separateChunks = {
  name: 'separate-chunks',
  setup(b) {
    b.onResolve({ filter: /\/chunks\/all\.js$/ }, (_args) => ({
      path: new URL('./src/app/chunks/none.ts', import.meta.url).pathname,
    }));
  },
};
export const main = {
  ...shared,
  format: 'iife',
  outfile: 'dist/personalize.js',
  plugins: [...shared.plugins, separateChunks],
};
/** The chunk names, from the contract personalize.js checks them against (bundled in memory: no TypeScript yet). */
async function chunkNames() {
  const result = await build({
    entryPoints: ['src/edge/chunks/contract.ts'],
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const contract = await import(
    `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`
  );
  return contract.CHUNK_NAMES;
}
/** Every on-demand file: its entry (src/app/chunks/entries/NAME.ts) registers it on the page. */
export const CHUNKS = await chunkNames();
export const chunkBuild = (name) => ({
  ...shared,
  entryPoints: [`src/app/chunks/entries/${name}.ts`],
  format: 'iife',
  outfile: `dist/personalize-${name}.js`,
});

/** Every file a shopper's browser may fetch, by name in dist/, with its build options (budgets: scripts/size.mjs). */
export const SHOPPER_FILES = {
  'personalize.js': main,
  ...Object.fromEntries(CHUNKS.map((name) => [`personalize-${name}.js`, chunkBuild(name)])),
};

/**
 * The inline early decider (src/app/early.ts), one build per set of readers a config may need
 * (src/tools/snippet/early-data.ts): `p13n snippet` inlines the one its config needs. Variant 7 (every
 * reader) is also `personalize-early.js`, the external form for stores whose CSP allows no inline script.
 */
export const EARLY_VARIANTS = Array.from({ length: 8 }, (_, n) => ({
  source: (n & 1) !== 0,
  zones: (n & 2) !== 0,
  hemispheres: (n & 4) !== 0,
}));
export const earlyBuild = (flags, outfile) => ({
  ...shared,
  entryPoints: ['src/app/early-main.ts'],
  format: 'iife',
  outfile,
  sourcemap: false,
  define: {
    ...shared.define,
    __P13N_REASONS__: 'false',
    ...Object.fromEntries(Object.entries(flags).map(([k, v]) => [`EARLY.${k}`, String(v)])),
  },
});

/** The external form of the early decider is a file shoppers fetch too: it has its budget. */
SHOPPER_FILES['personalize-early.js'] = earlyBuild(EARLY_VARIANTS[7], 'dist/personalize-early.js');

export async function buildAll() {
  const [iife, esm] = await Promise.all([
    build(main),
    build({ ...shared, format: 'esm', outfile: 'dist/personalize.mjs' }),
    build(cli),
    build(snippetLibrary),
    ...CHUNKS.map((name) => build(chunkBuild(name))),
    build(studioPage(TARGET)),
    ...EARLY_VARIANTS.map((flags, n) => build(earlyBuild(flags, `dist/early/early-${n}.js`))),
    build(earlyBuild(EARLY_VARIANTS[7], 'dist/personalize-early.js')),
  ]);
  await buildShopify(baked.text); // after personalize.js and its chunks: the extension ships them
  return { iife, esm };
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
const { iife } = invokedDirectly ? await buildAll() : { iife: null };
if (invokedDirectly && !quiet) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
  const entries = {};
  for (const file of [...Object.keys(SHOPPER_FILES), 'personalize.mjs']) {
    const s = sizes(readFileSync(`dist/${file}`));
    if (BUDGETS[file]) entries[file] = s;
    const budget = BUDGETS[file] ? `   budget ${kib(BUDGETS[file])}` : '';
    console.log(`dist/${file.padEnd(24)} raw ${kb(s.raw)}   gzip ${kb(s.gzip)}   brotli ${kb(s.brotli)}${budget}`);
  }
  const inputs = Object.entries(iife.metafile.outputs['dist/personalize.js'].inputs)
    .map(([path, info]) => [path.replace(/^node_modules\//, ''), info.bytesInOutput])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  console.log('personalize.js, largest inputs (minified bytes):', inputs.map(([p, b]) => `${p} ${b}`).join(', '));
  console.log(
    'gzip budgets: scripts/size.mjs (checked by npm test); per-input gzip: node scripts/size-attribution.mjs',
  );
  const stated = syncSizeLine(new URL(`./${SIZE_DOC}`, import.meta.url), entries, {
    check: process.argv.includes('--check') || !!process.env.CI,
  });
  if (stated === 'updated') console.log(`${SIZE_DOC}: size line updated`);
  if (stated === 'stale') {
    console.error(`${SIZE_DOC} states an outdated size: run \`node build.mjs\` and commit ${SIZE_DOC}`);
    process.exitCode = 1;
  }
}
