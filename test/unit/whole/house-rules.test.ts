// @vitest-environment node
/**
 * Two rules of the house (docs/development.md) that drift unless something checks them: a module in
 * src/ stays small enough to read in one sitting (300 lines), and no comment sends the reader to an
 * issue tracker they will not have (a numbered issue): a comment says the reason itself, or names
 * the page of docs/ that does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const MAX_LINES = 300;

const filesUnder = (dir: string, pattern: RegExp): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path, pattern);
    return pattern.test(entry.name) ? [path] : [];
  });

const lineCount = (path: string) => readFileSync(join(ROOT, path), 'utf8').replace(/\n$/, '').split('\n').length;

describe('house rules', () => {
  it(`keeps every module in src/ at ${MAX_LINES} lines or fewer`, () => {
    const files = filesUnder('src', /\.tsx?$/);
    expect(files.length).toBeGreaterThan(100);
    const over = files.filter((path) => lineCount(path) > MAX_LINES).map((path) => `${path}: ${lineCount(path)}`);
    expect(over).toEqual([]);
  });

  it('has no comment that points at an issue number', () => {
    const files = [
      ...filesUnder('src', /\.tsx?$/),
      ...filesUnder('test', /\.(ts|tsx|mjs)$/),
      ...filesUnder('bench', /\.(mjs|ts)$/),
      ...filesUnder('scripts', /\.mjs$/),
      'build.mjs',
      'vitest.config.ts',
    ];
    const citing = files.flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .flatMap((line, index) => (/\bissues? #?\d+\b/i.test(line) ? [`${path}:${index + 1}`] : [])),
    );
    expect(citing).toEqual([]);
  });
});
