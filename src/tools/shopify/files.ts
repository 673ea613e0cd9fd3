/**
 * The files a Shopify store gets: a theme's snippet + assets (`npx p13n shopify`), and the theme app
 * extension (`npm run build` → dist/shopify/extension/). Both ship personalize.js and every on-demand
 * chunk beside it (`personalize-*.js`): the script loads its chunks from where it was loaded itself.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configForPage, embedBlockLiquid, themeSnippet } from './liquid.js';
import { compileInstall } from '../snippet/install.js';

export { configForPage };

/** personalize.js, the chunks present in `distDir` at build time, and the debug panel (`?p13n_debug=1`). */
export function scriptFiles(distDir: string): string[] {
  return readdirSync(distDir)
    .filter((name) => /^personalize(?:-[\w.-]+)?\.js$/.test(name))
    .sort();
}

function copyScripts(distDir: string, assetsDir: string): string[] {
  const files = scriptFiles(distDir);
  if (!files.includes('personalize.js'))
    throw new Error(`${join(distDir, 'personalize.js')} is missing: run npm run build first`);
  mkdirSync(assetsDir, { recursive: true });
  for (const name of files) copyFileSync(join(distDir, name), join(assetsDir, name));
  return files.map((name) => `assets/${name}`);
}

/** The custom pixel, beside the theme's folders: it is pasted in the admin (Customer events), not uploaded. */
export const PIXEL_FILE = 'custom-pixel.js';

/**
 * Writes `outDir/snippets/p13n.liquid`, `outDir/assets/*` and `outDir/custom-pixel.js`; returns the paths
 * written, relative to outDir. The pixel is copied so that an installed package's owner finds it next
 * to the theme files, not deep in node_modules.
 */
export function writeThemeFiles(outDir: string, configText: string, distDir: string): string[] {
  const pixel = join(distDir, 'shopify', PIXEL_FILE);
  if (!existsSync(pixel)) throw new Error(`${pixel} is missing: run npm run build first`);
  mkdirSync(join(outDir, 'snippets'), { recursive: true });
  writeFileSync(join(outDir, 'snippets/p13n.liquid'), themeSnippet(configText, distDir));
  const scripts = copyScripts(distDir, join(outDir, 'assets'));
  copyFileSync(pixel, join(outDir, PIXEL_FILE));
  return ['snippets/p13n.liquid', ...scripts, PIXEL_FILE];
}

const EXTENSION_TOML = `# A theme app extension: deploy it with your app (shopify app deploy).
api_version = "2025-10"

[[extensions]]
name = "p13n"
handle = "p13n"
type = "theme"
`;

/** The block's name in the theme editor (schema strings live in *.schema.json); the storefront shows no text of ours. */
const SCHEMA_LOCALES = { blocks: { p13n: { name: 'p13n personalization' } } };

/** Writes the theme app extension into `dir`; `configText` (a config baked into the build) is inlined when given. */
export function writeExtension(dir: string, distDir: string, configText: string | null): string[] {
  mkdirSync(join(dir, 'blocks'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const options = {
    install: configText === null ? null : compileInstall(configText, distDir),
    generatedBy: 'Written by npm run build (scripts/build-shopify.mjs)',
  };
  writeFileSync(join(dir, 'blocks/p13n.liquid'), embedBlockLiquid(options));
  writeFileSync(join(dir, 'locales/en.default.json'), '{}\n');
  writeFileSync(join(dir, 'locales/en.default.schema.json'), `${JSON.stringify(SCHEMA_LOCALES, null, 2)}\n`);
  writeFileSync(join(dir, 'shopify.extension.toml'), EXTENSION_TOML);
  return [
    'blocks/p13n.liquid',
    'locales/en.default.json',
    'locales/en.default.schema.json',
    'shopify.extension.toml',
    ...copyScripts(distDir, join(dir, 'assets')),
  ];
}
