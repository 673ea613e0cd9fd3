// @vitest-environment node
/**
 * The layers point one way (docs/architecture.md): core ← edge ← app ← tools. A file imports only from
 * its own layer or one below it, so the pure core runs (and is tested) in Node exactly as in the
 * shopper's browser, the browser edge can be reused without the app's wiring, and nothing a shopper
 * loads can reach the owner's tools by accident.
 *
 * src/core is also pure: no browser global, no timer, and no clock of its own (`Date.now()`, `new
 * Date()` without an argument): the time is passed in, so the same input gives the same answer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');
const LAYERS = ['core', 'edge', 'app', 'tools'] as const;
type Layer = (typeof LAYERS)[number];

/**
 * Imports that point up on purpose, each with its reason. A chunk entry assembles one file of the build
 * (build.mjs builds src/app/chunks/entries/NAME.ts): the debug panel's file is the tools' panel,
 * registered as a chunk. It is never part of personalize.js (test/unit/whole/size.test.ts).
 */
const ALLOWED_UPWARD: Record<string, readonly string[]> = {
  'app/chunks/entries/debug.ts': ['tools/debug-panel/panel.js'],
};

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
        ? [join(dir, entry.name)]
        : [],
  );

/** Source without comments and string contents, so only code is searched. */
const codeOf = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");

const BROWSER_GLOBALS =
  /(?<![.\w$])(window|document|navigator|indexedDB|localStorage|sessionStorage|performance|setTimeout|setInterval|requestAnimationFrame)(?![\w$])/;
/** Reading the clock: `Date.now()`, or `new Date()` with nothing to convert. */
const CLOCK = /(?<![\w$])Date\s*\.\s*now\s*\(|(?<![\w$])new\s+Date\s*(?:\(\s*\)|(?![\s(]))/;

/** The relative modules `text` imports or re-exports, resolved to paths under src/. */
function importsOf(path: string, text: string): string[] {
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)]
    .map((m) => m[1] ?? m[2]!)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(SRC, resolve(SRC, dirname(path), spec)));
}

const layerOf = (path: string): Layer | null => LAYERS.find((layer) => path.startsWith(`${layer}/`)) ?? null;

/** Imports of `path` that point to a layer above its own (minus the allowed ones). */
function upward(path: string, text: string): string[] {
  const own = LAYERS.indexOf(layerOf(path)!);
  return importsOf(path, text).filter((target) => {
    const layer = layerOf(target);
    return (layer === null || LAYERS.indexOf(layer) > own) && !(ALLOWED_UPWARD[path] ?? []).includes(target);
  });
}

const sources = files(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));
const core = sources.filter((s) => s.path.startsWith('core/'));

describe('the layers of src/', () => {
  it('has files to check in every layer', () => {
    for (const layer of LAYERS) expect(sources.filter((s) => layerOf(s.path) === layer).length).toBeGreaterThan(5);
    expect(sources.every((s) => layerOf(s.path) !== null)).toBe(true);
  });

  it.each(sources.map((s) => [s.path, s.text]))('%s imports nothing from a layer above its own', (path, text) => {
    expect(upward(path, text)).toEqual([]);
  });

  it('would notice an edge file importing from app/, and a core file importing from edge/', () => {
    expect(upward('edge/track/x.ts', "import type { A } from '../../app/runtime.js';")).toEqual(['app/runtime.js']);
    expect(upward('edge/x.ts', "export { b } from '../app/b.js';")).toEqual(['app/b.js']);
    expect(upward('core/x.ts', "const m = import('../edge/m.js');")).toEqual(['edge/m.js']);
    expect(upward('app/x.ts', "import { a } from '../edge/a.js';\nimport { c } from '../core/c.js';")).toEqual([]);
  });
});

describe('src/core', () => {
  it.each(core.map((s) => [s.path, s.text]))('%s touches no browser global or timer', (path, text) => {
    const hit = BROWSER_GLOBALS.exec(codeOf(text));
    expect(hit?.[0] ?? null, path).toBeNull();
  });

  it.each(core.map((s) => [s.path, s.text]))('%s reads no clock: the time is passed in', (path, text) => {
    const hit = CLOCK.exec(codeOf(text));
    expect(hit?.[0] ?? null, path).toBeNull();
  });

  it('would notice an impure file', () => {
    expect(BROWSER_GLOBALS.test(codeOf('const x = document.title; // window'))).toBe(true);
    expect(BROWSER_GLOBALS.test(codeOf("const x = win.document; // document\nconst y = 'window';"))).toBe(false);
    for (const code of ['const t = Date.now();', 'const d = new Date();', 'const d = new Date;', 'f(Date .now ())'])
      expect(CLOCK.test(codeOf(code)), code).toBe(true);
    for (const code of ['const d = new Date(now);', 'Date.UTC(2026, 1, 1)', 'Date.parse(text)', '// Date.now()'])
      expect(CLOCK.test(codeOf(code)), code).toBe(false);
  });
});

describe('src/app', () => {
  /** Where the app reads the real clock: the default of the clock boot is given, and the inline decider's own. */
  const CLOCK_OWNERS = ['app/boot.ts', 'app/early.ts'];

  it.each(
    sources.filter((s) => s.path.startsWith('app/') && !CLOCK_OWNERS.includes(s.path)).map((s) => [s.path, s.text]),
  )('%s takes the clock it is given', (path, text) => {
    expect(CLOCK.exec(codeOf(text))?.[0] ?? null, path).toBeNull();
  });
});
