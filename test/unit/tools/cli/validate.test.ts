// @vitest-environment node
/**
 * `p13n validate`, run as the store owner runs it: each broken config in fixtures/ prints exactly the
 * report next to it (NAME.expected.txt) and exits 1 on errors, 0 with warnings only.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../src/tools/cli/main.js';

const fixtures = join(import.meta.dirname, 'fixtures');

async function p13n(args: string[], cwd = fixtures) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Exit code per fixture: what a CI step or the build would do with it. */
const EXIT: Record<string, number> = {
  'broken-page.html': 1,
  'expressions.json': 1,
  'links-and-weights.json': 1,
  'missing-comma.json': 1,
  'ok.json': 0,
  'page.html': 1,
  'readme-example.json': 1,
  'segments.json': 1,
  'shadowed.json': 1,
  'single-quotes.json': 1,
  'slots.json': 1,
  'structure.json': 1,
  'unreachable.json': 1,
  'warnings-only.json': 0,
  'sources.json': 1,
};

describe('p13n validate', () => {
  it('has an expected report for every fixture, and a fixture for every expected report', () => {
    const files = readdirSync(fixtures);
    const inputs = files.filter((file) => /\.(json|html)$/.test(file));
    expect(inputs.sort()).toEqual(Object.keys(EXIT).sort());
    expect(
      files
        .filter((file) => file.endsWith('.expected.txt'))
        .map((file) => file.replace('.expected.txt', ''))
        .sort(),
    ).toEqual(inputs.map((file) => file.replace(/\.\w+$/, '')).sort());
  });

  it.each(Object.entries(EXIT))('prints the exact report for %s and exits %i', async (file, exit) => {
    const expected = readFileSync(join(fixtures, file.replace(/\.\w+$/, '.expected.txt')), 'utf8');
    const { code, stdout, stderr } = await p13n(['validate', file]);
    expect(stdout).toBe(expected);
    expect(stderr).toBe('');
    expect(code).toBe(exit);
  });

  it('prints what docs/tools.md shows', () => {
    const readme = readFileSync(join(fixtures, '../../../../../docs/tools.md'), 'utf8');
    const expected = readFileSync(join(fixtures, 'readme-example.expected.txt'), 'utf8').replace(
      'readme-example.json',
      'p13n.json',
    );
    expect(readme).toContain(expected);
  });

  it('checks several files in one run and sums them up; one error anywhere fails the run', async () => {
    const { code, stdout } = await p13n(['validate', 'ok.json', 'warnings-only.json', 'slots.json']);
    expect(
      stdout
        .split('\n\n')
        .filter((block) => /^\S+\.json: /.test(block))
        .map((block) => block.split('\n')[0]),
    ).toEqual(['ok.json: no problems', 'warnings-only.json: 2 warnings', 'slots.json: 1 error, 3 warnings']);
    expect(stdout.endsWith('\n3 files: 1 error, 5 warnings\n')).toBe(true);
    expect(code).toBe(1);
  });

  it('passes a page whose inline config is clean, and names a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'p13n-validate-'));
    writeFileSync(
      join(dir, 'theme.html'),
      `<head><script type="application/json" id="p13n-config">${readFileSync(join(fixtures, 'ok.json'), 'utf8')}</script></head>`,
    );
    expect(await p13n(['validate', 'theme.html'], dir)).toEqual({
      code: 0,
      stdout: 'theme.html: no problems\n',
      stderr: '',
    });
    const missing = await p13n(['validate', 'nope.json'], dir);
    expect(missing.stdout).toBe(
      'nope.json: 1 error\n\n  error    (top level)\n           cannot be read: no such file\n',
    );
    expect(missing.code).toBe(1);
  });

  it('tells a page that fetches its config where to look instead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'p13n-validate-'));
    writeFileSync(
      join(dir, 'page.html'),
      '<head><script src="/personalize.js" data-config="/p13n.json"></script></head>',
    );
    const { code, stdout } = await p13n(['validate', 'page.html'], dir);
    expect(stdout).toContain('hint: this page loads its config from data-config="/p13n.json": validate that file');
    expect(code).toBe(1);
  });

  it('prints no control character from the config: a name with ESC or CSI cannot drive the terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'p13n-validate-'));
    const config = {
      segments: { 'a\u001b[2Jb': 'visits >= 1', ok: "campaign = '\u001b]0;owned\u0007' AND vists > 1" },
      slots: { hero: { rules: [{ id: 'r\u009b31m', when: 'ok', content: { type: 'hide' } }] } },
    };
    writeFileSync(join(dir, 'ctrl.json'), JSON.stringify(config));
    writeFileSync(join(dir, 'raw.json'), '{"segments": {"a": "x\u001b[2J\r"}}'); // broken JSON, shown with a caret
    for (const file of ['ctrl.json', 'raw.json']) {
      const { stdout } = await p13n(['validate', file], dir);
      expect(stdout).toContain('error');
      expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    expect((await p13n(['validate', 'ctrl.json'], dir)).stdout).toContain('segment "a\ufffd[2Jb"');
  });

  it('explains its usage, with exit code 2, when given no file or an unknown option', async () => {
    expect(await p13n(['validate'])).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(
        /^usage: p13n validate CONFIG\.json\|PAGE\.html \[more files\] \[--traffic REPORT\.json\]\n/,
      ),
    });
    expect((await p13n(['validate', '--fix', 'ok.json'])).code).toBe(2);
    expect((await p13n(['--help'])).stdout).toContain('p13n validate   check config files or pages for mistakes');
  });
});
