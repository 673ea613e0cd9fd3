// @vitest-environment node
/**
 * src/core is pure (docs/architecture.md, "The layers"): plain data in, plain data out. No file under it imports from the
 * browser edge, the app or the tools, nor touches a browser global or a timer, so all of it runs
 * (and is tested) in Node as it runs in the shopper's browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const CORE = join(SRC, 'core');

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
  /(?<![.\w$])(window|document|navigator|indexedDB|localStorage|sessionStorage|setTimeout|setInterval|requestAnimationFrame)(?![\w$])/;

const sources = files(CORE).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));

describe('src/core', () => {
  it('has files to check', () => {
    expect(sources.length).toBeGreaterThan(30);
  });

  it.each(sources.map((s) => [s.path, s.text]))('%s imports nothing from edge/, app/ or tools/', (path, text) => {
    const specifiers = [
      ...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1] ?? m[2]!);
    const outside = specifiers
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => relative(SRC, resolve(SRC, dirname(path), spec)))
      .filter((target) => !target.startsWith('core/'));
    expect(outside).toEqual([]);
  });

  it.each(sources.map((s) => [s.path, s.text]))('%s touches no browser global or timer', (path, text) => {
    const hit = BROWSER_GLOBALS.exec(codeOf(text));
    expect(hit?.[0] ?? null, path).toBeNull();
  });

  it('would notice an impure file', () => {
    expect(BROWSER_GLOBALS.test(codeOf('const x = document.title; // window'))).toBe(true);
    expect(BROWSER_GLOBALS.test(codeOf("const x = win.document; // document\nconst y = 'window';"))).toBe(false);
  });
});
