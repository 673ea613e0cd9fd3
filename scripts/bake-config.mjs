// A config baked into the bundle: `P13N_CONFIG=p13n.json npm run build` puts the config inside
// dist/personalize.js, for stores that would rather host one file than paste a <script id="p13n-config">
// into every page. The page's own config (inline or data-config) still wins when there is one.
//
// The file is checked first with the same code and output as `npx p13n validate`: an error stops the
// build, warnings are printed and the build goes on. What is baked is the JSON minified, without "$schema".
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The validator, bundled in memory: build.mjs runs before any TypeScript is compiled. */
async function loadValidator() {
  const result = await build({
    entryPoints: ['src/tools/cli/validate.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/**
 * @param {string | undefined} path the config file, relative to `cwd`
 * @param {{ cwd?: string, stdout?: { write(text: string): unknown }, stderr?: { write(text: string): unknown } }} [io]
 * @returns {Promise<{ ok: true, text: string | null } | { ok: false }>} text is null when nothing is baked
 */
export async function bakeConfig(path, { cwd = process.cwd(), stdout = process.stdout, stderr = process.stderr } = {}) {
  if (!path) return { ok: true, text: null };
  if (!/\.json$/i.test(path)) {
    stderr.write(`P13N_CONFIG=${path}: a baked-in config is a .json file\n`);
    return { ok: false };
  }
  const { run } = await loadValidator();
  const code = await run([path], { stdout, stderr, cwd });
  if (code !== 0) {
    stderr.write(`\nbuild stopped: P13N_CONFIG=${path} has errors (fix them, or build without P13N_CONFIG)\n`);
    return { ok: false };
  }
  const { $schema: _editorsOnly, ...config } = JSON.parse(
    readFileSync(resolve(cwd, path), 'utf8').replace(/^\uFEFF/, ''),
  );
  return { ok: true, text: JSON.stringify(config) };
}
