// @vitest-environment node
/**
 * The package as a store owner gets it: `npm pack`, installed into an empty folder, and the commands
 * run there with `npx` (validate, studio, report), nothing from this repository on the path. Runs on
 * the dist/ that `npm test` built just before; the install is offline from npm's cache when it can
 * be, and falls back to the registry for a cold cache.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'p13n-pack-'));
const app = join(folder, 'store');
const SCHEMA_REF = './node_modules/p13n/schema/p13n.schema.json';
const MINUTE = 60_000;
let files: string[] = [];

/** `npx p13n …` in the store folder: exit code and output, never a throw. */
async function npx(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['--no', 'p13n', ...args], { cwd: app, timeout: MINUTE });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  // --ignore-scripts: dist/ is already built (npm test builds first); rebuilding here would rewrite it under the browser tests.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], {
    cwd: ROOT,
    timeout: MINUTE,
  });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed!.files.map((file) => file.path);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'my-store', private: true }));
  const install = (mode: string) =>
    run('npm', ['install', mode, '--no-audit', '--no-fund', '--ignore-scripts', join(folder, packed!.filename)], {
      cwd: app,
      timeout: 2 * MINUTE,
    });
  await install('--offline').catch((error: { stderr?: string }) => {
    if (!/ENOTCACHED/.test(error.stderr ?? '')) throw error;
    return install('--prefer-offline');
  });
}, 4 * MINUTE);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships the built files, the schema, the CLI and the changelog, and no sources or tests', () => {
    for (const path of [
      'dist/personalize.js',
      'dist/personalize.mjs',
      'dist/personalize-debug.js',
      'dist/cli.mjs',
      'dist/studio/studio.js',
      'dist/studio/studio-style.css',
      'schema/p13n.schema.json',
      'bin/p13n.mjs',
      'CHANGELOG.md',
      'README.md',
      'package.json',
    ]) {
      expect(files).toContain(path);
    }
    expect(files.filter((path) => /^(src|test|demo|bench|scripts)\//.test(path))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.private).toBeUndefined();
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')).toContain(`## ${pkg.version}`);
    for (const target of Object.values(pkg.exports as Record<string, string>))
      expect(files).toContain(target.replace(/^\.\//, ''));
  });

  it(
    'validates a config with npx p13n validate, and the README’s $schema path resolves',
    async () => {
      expect(existsSync(join(app, SCHEMA_REF))).toBe(true);
      writeFileSync(
        join(app, 'p13n.json'),
        JSON.stringify({
          $schema: SCHEMA_REF,
          segments: { returning: 'visits >= 2' },
          slots: { hero: { rules: [{ id: 'welcome-back', when: 'returning', content: { type: 'hide' } }] } },
        }),
      );
      expect(await npx(['validate', 'p13n.json'])).toMatchObject({ code: 0, stdout: 'p13n.json: no problems\n' });
      writeFileSync(join(app, 'broken.json'), JSON.stringify({ segments: { returning: 'vists >= 2' }, slots: {} }));
      const broken = await npx(['validate', 'broken.json']);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(/Did you mean 'visits'\?/);
    },
    2 * MINUTE,
  );

  it(
    'starts the studio, which prints its URL, serves its page and saves with the installed schema path',
    async () => {
      const child = spawn('npx', ['--no', 'p13n', 'studio', 'new.json', '--port', '0'], {
        cwd: app,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const url = await new Promise<string>((done, fail) => {
          let out = '';
          const timer = setTimeout(() => fail(new Error(`no URL printed: ${out}`)), MINUTE);
          child.stdout!.on('data', (chunk: Buffer) => {
            out += chunk;
            const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out)?.[0];
            if (found) {
              clearTimeout(timer);
              done(found);
            }
          });
          child.once('exit', (code) => fail(new Error(`studio exited (${code}): ${out}`)));
        });
        const token = new URL(url).searchParams.get('token')!;
        expect(await (await fetch(url)).text()).toContain('<script src="/studio.js">');
        expect((await fetch(new URL('/studio.js', url))).status).toBe(200);
        const payload = await (await fetch(new URL('/api/config', url), { headers: { 'x-p13n-token': token } })).json();
        expect(payload).toMatchObject({ name: 'new.json', text: null, schema: SCHEMA_REF });
        const saved = await fetch(new URL('/api/config', url), {
          method: 'POST',
          headers: { 'x-p13n-token': token, 'content-type': 'application/json' },
          body: JSON.stringify({
            segments: { vip: "tags CONTAINS 'vip'" },
            slots: { hero: { rules: [{ id: 'vip', when: 'vip', content: { type: 'hide' } }] } },
          }),
        });
        expect(saved.status).toBe(200);
        const written = JSON.parse(readFileSync(join(app, 'new.json'), 'utf8'));
        expect(written.$schema).toBe(SCHEMA_REF);
        expect(await npx(['validate', 'new.json'])).toMatchObject({ code: 0 });
      } finally {
        process.kill(-child.pid!, 'SIGTERM'); // npx and the node it started: the group this test spawned
      }
    },
    2 * MINUTE,
  );

  it(
    'prints an A/B report with npx p13n report',
    async () => {
      const exposure = (visitor: string, variant: string) => ({
        type: 'exposure',
        v: 1,
        ts: 1000,
        visitor,
        test: 'hero-test@1',
        rule: 'hero-test',
        version: 1,
        variant,
        control: 'control',
        weights: { control: 50, treat: 50 },
        traffic: 100,
        slot: 'hero',
        when: 'returning',
        segments: [],
      });
      const lines = ['a', 'b', 'c', 'd'].map((visitor, i) =>
        JSON.stringify(exposure(visitor, i % 2 ? 'treat' : 'control')),
      );
      writeFileSync(join(app, 'events.ndjson'), `${lines.join('\n')}\n`);
      const report = await npx(['report', 'events.ndjson', '--no-segments']);
      expect(report.stderr).toBe('');
      expect(report.code).toBe(0);
      expect(report.stdout).toMatch(/hero-test/);
    },
    2 * MINUTE,
  );
});
