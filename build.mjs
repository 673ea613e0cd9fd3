// Builds the file a store owner hosts (dist/personalize.js: IIFE, minified) and an ESM build of the
// same entry (dist/personalize.mjs) for tests and bundlers, then prints their sizes and brings the
// README's size line up to date (`--check`, or CI: fail instead when it is stale). `--quiet` skips
// both (tests build silently).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { slimUaParserPlugin } from './scripts/slim-ua-parser.mjs';
import { bakeConfig } from './scripts/bake-config.mjs';
import { studioPage } from './scripts/build-studio.mjs';
import { GZIP_BUDGET, kb as kib, sizes, syncReadme } from './scripts/size.mjs';

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
  define: { __VERSION__: JSON.stringify(pkg.version), __P13N_CONFIG__: JSON.stringify(baked.text) },
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

/** The debug panel (`?p13n_debug=1`): its own file next to personalize.js, never in the shoppers' bundle. */
const debugPanel = { ...shared, entryPoints: ['src/tools/debug-panel/panel.tsx'], format: 'iife', outfile: 'dist/personalize-debug.js' };

export async function buildAll() {
  const [iife, esm] = await Promise.all([
    build({ ...shared, format: 'iife', outfile: 'dist/personalize.js' }),
    build({ ...shared, format: 'esm', outfile: 'dist/personalize.mjs' }),
    build(cli),
    build(debugPanel),
    build(studioPage(TARGET)),
  ]);
  return { iife, esm };
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
const { iife } = invokedDirectly ? await buildAll() : { iife: null };
if (invokedDirectly && !quiet) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
  for (const file of ['dist/personalize.js', 'dist/personalize.mjs', 'dist/personalize-debug.js']) {
    const s = sizes(readFileSync(file));
    console.log(`${file.padEnd(22)} raw ${kb(s.raw)}   gzip ${kb(s.gzip)}   brotli ${kb(s.brotli)}`);
  }
  const inputs = Object.entries(iife.metafile.outputs['dist/personalize.js'].inputs)
    .map(([path, info]) => [path.replace(/^node_modules\//, ''), info.bytesInOutput])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  console.log('largest inputs (minified bytes):', inputs.map(([p, b]) => `${p} ${b}`).join(', '));
  const s = sizes(readFileSync('dist/personalize.js'));
  console.log(`gzip budget (npm test): ${kib(s.gzip)} of ${kib(GZIP_BUDGET)}; per-input gzip: node scripts/size-attribution.mjs`);
  const readme = syncReadme(new URL('./README.md', import.meta.url), s, { check: process.argv.includes('--check') || !!process.env.CI });
  if (readme === 'updated') console.log('README.md: size line updated');
  if (readme === 'stale') {
    console.error('README.md states an outdated size: run `node build.mjs` and commit README.md');
    process.exitCode = 1;
  }
}
