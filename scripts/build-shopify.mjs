// The Shopify files of `npm run build`, after dist/personalize.js and its chunks (personalize-shopify.js
// among them: build.mjs) exist:
//   dist/shopify/extension/   a theme app extension (app embed block, target head) for `shopify app deploy`
//   dist/shopify/custom-pixel.js   pasted as is under Settings → Customer events → Add custom pixel
// The extension's Liquid comes from the same module as `npx p13n shopify` (src/tools/shopify/files.ts),
// bundled in memory like the validator in bake-config.mjs: build.mjs runs before any TypeScript is compiled.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

/**
 * @param {string | null} configText a config baked into this build (P13N_CONFIG), inlined in the embed too
 */
export async function buildShopify(configText) {
  const bundled = await build({
    entryPoints: ['src/tools/shopify/files.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const files = await import(
    `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`
  );
  rmSync('dist/shopify/extension', { recursive: true, force: true });
  files.writeExtension('dist/shopify/extension', 'dist', configText);
  await build({
    entryPoints: ['src/tools/shopify/custom-pixel.ts'],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    outfile: 'dist/shopify/custom-pixel.js',
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: '// p13n custom pixel: paste this whole file under Settings > Customer events > Add custom pixel.' },
  });
}
