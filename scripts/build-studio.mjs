// The studio's browser page (`npx p13n studio`): dist/studio/studio.js and studio.css, served by the
// studio's local server (src/tools/studio/server.ts, bundled into dist/cli.mjs). Never in the
// shoppers' bundle.
export const studioPage = (target) => ({
  entryPoints: { studio: 'src/tools/studio/page/main.tsx', 'studio-style': 'src/tools/studio/page/studio.css' },
  entryNames: '[name]',
  outdir: 'dist/studio',
  bundle: true,
  minify: true,
  format: 'iife',
  target,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});
