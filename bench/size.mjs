// Bundle bytes: our dist/personalize.js as built, and @growthbook/growthbook's browser SDK built the
// same way (esbuild, IIFE, minified, the same browser targets): its whole public entry, and the
// GrowthBook class alone (what a page that only evaluates features would tree-shake to). Its own
// published minified bundle is listed too.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { TARGET } from '../build.mjs';
import { kb, sizes } from '../scripts/size.mjs';

const root = new URL('..', import.meta.url).pathname;

async function bundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: TARGET,
    legalComments: 'none',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].contents;
}

export async function run() {
  const gbDir = dirname(createRequire(import.meta.url).resolve('@growthbook/growthbook/package.json'));
  const gbVersion = JSON.parse(readFileSync(join(gbDir, 'package.json'), 'utf8')).version;
  const rows = [
    [
      'p13n dist/personalize.js (everything: UA parser, bot list, GA4 and time-zone tables, renderer)',
      readFileSync(join(root, 'dist/personalize.js')),
    ],
    [
      `GrowthBook ${gbVersion}, whole entry (esbuild, same options)`,
      await bundle("export * from '@growthbook/growthbook';"),
    ],
    [
      `GrowthBook ${gbVersion}, GrowthBook class only (esbuild, same options)`,
      await bundle("import { GrowthBook } from '@growthbook/growthbook'; window.GB = GrowthBook;"),
    ],
    [
      `GrowthBook ${gbVersion}, its published dist/bundles/index.min.js`,
      readFileSync(join(gbDir, 'dist/bundles/index.min.js')),
    ],
  ];
  const [ours, whole] = [sizes(rows[0][1]), sizes(rows[1][1])];
  return {
    summary: [
      [
        'bundle gzip / brotli',
        `${kb(ours.gzip)} / ${kb(ours.brotli)}`,
        `GrowthBook ${gbVersion}: ${kb(whole.gzip)} / ${kb(whole.brotli)}`,
        `+${kb(ours.gzip - whole.gzip)} gzip`,
      ],
    ],
    title: 'Bundle bytes (gzip level 9, brotli quality 11)',
    head: ['bundle', 'raw', 'gzip', 'brotli'],
    rows: rows.map(([name, bytes]) => {
      const s = sizes(bytes);
      return [name, kb(s.raw), kb(s.gzip), kb(s.brotli)];
    }),
    notes: [
      'GrowthBook evaluates features and experiments; it has no UA parsing, traffic-source classification, profile storage or rendering, which p13n ships in its figure.',
    ],
  };
}
