// @vitest-environment node
/**
 * The README and docs/ link to each other by file and heading, and docs/architecture.md and
 * docs/development.md name the repository's files: a link to a page or heading that is not there, or a
 * path that was moved, sends the next reader nowhere. Anchors follow GitHub's rule for heading ids.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** Markdown without fenced code blocks (a `# comment` in a shell block is no heading). */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's heading id: lower case, code marks and punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

function anchorsOf(path: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of prose(readFileSync(join(root, path), 'utf8')).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  }
  return anchors;
}

const links = pages.flatMap((page) =>
  [...prose(readFileSync(join(root, page), 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target))
    .map((target) => [page, target] as const),
);

describe('links in the README and docs/', () => {
  it('finds links to check', () => {
    expect(links.length).toBeGreaterThan(100);
  });

  it.each(links)('%s → %s', (page, target) => {
    const [file, anchor] = target.split('#') as [string, string | undefined];
    const path = file ? relative(root, join(root, dirname(page), file)) : page;
    expect(existsSync(join(root, path)), `${path} exists`).toBe(true);
    if (anchor !== undefined && path.endsWith('.md')) expect([...anchorsOf(path)]).toContain(anchor);
  });
});

/** Repository paths named in code marks: `src/app/boot.ts`, `edge/early/read.ts` (under src/), `test/vectors/`. */
function namedPaths(page: string): string[] {
  const names = [...prose(readFileSync(join(root, page), 'utf8')).matchAll(/`([\w.-]+(?:\/[\w.-]+)+\/?)`/g)].map(
    (match) => match[1]!,
  );
  // Build output and placeholders (dist/early/early-N.js, entries/NAME.ts) are not files of the repository.
  return [...new Set(names)].filter((name) => !/^dist\/|NAME|-N\./.test(name) && /\.\w+$|\/$/.test(name));
}

describe.each(['docs/architecture.md', 'docs/development.md'])('the paths %s names', (page) => {
  const names = namedPaths(page);

  it('finds paths to check', () => {
    expect(names.length).toBeGreaterThan(5);
  });

  it.each(names)('%s exists', (name) => {
    const candidates = [name, `src/${name}`, `src/app/${name}`, `test/${name}`];
    expect(
      candidates.some((candidate) => existsSync(join(root, candidate))),
      `none of ${candidates.join(', ')}`,
    ).toBe(true);
  });
});
