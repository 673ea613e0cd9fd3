// Bundles the classifiers straight from src/ (TypeScript, with ua-parser-js and isbot inlined) into a
// temporary ES module and imports it, so the figures measure the code as it is now, without a build step.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const ENTRY = `
export { classifyDevice } from './src/core/classify/device.ts';
export { classifySource } from './src/core/classify/source.ts';
export { countryForZone } from './src/core/classify/location.ts';
export { sourceCategory } from './src/core/classify/channel.ts';
`;

export async function loadClassifiers() {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'accuracy-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const dir = mkdtempSync(join(tmpdir(), 'p13n-accuracy-'));
  try {
    const file = join(dir, 'classify.mjs');
    writeFileSync(file, result.outputFiles[0].text);
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Installed version of a package (read from disk: some packages do not export package.json). */
export const versionOf = (name) =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

export const readJson = (path) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

/** One line of the results table. `pct` is weighted when `weighted` is set (cases then counts rows). */
export function row(set, measure, cases, correct, extra = {}) {
  return { set, measure, cases, correct, pct: cases ? (100 * correct) / cases : NaN, ...extra };
}

export function weightedRow(set, measure, items) {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  const good = items.reduce((sum, item) => sum + (item.ok ? item.weight : 0), 0);
  return {
    set,
    measure,
    cases: items.length,
    correct: items.filter((i) => i.ok).length,
    pct: total ? (100 * good) / total : NaN,
    weighted: true,
  };
}
