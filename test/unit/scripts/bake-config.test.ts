// @vitest-environment node
/**
 * `P13N_CONFIG=p13n.json npm run build`: the build checks the config exactly as `p13n validate` does,
 * stops on errors, and bakes a clean config (minified, without "$schema") into the bundle.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bakeConfig } from '../../../scripts/bake-config.mjs';

// The validator's own fixtures: the build must report on them exactly as `p13n validate` does.
const fixtures = join(import.meta.dirname, '../tools/cli/fixtures');

function streams() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
  };
}

describe('a baked-in config', () => {
  it('stops `node build.mjs` with the validator’s report, before anything is written', () => {
    const result = spawnSync(process.execPath, ['build.mjs', '--quiet'], {
      env: { ...process.env, P13N_CONFIG: 'test/unit/tools/cli/fixtures/unreachable.json' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      readFileSync(join(fixtures, 'unreachable.expected.txt'), 'utf8').replace(
        'unreachable.json:',
        'test/unit/tools/cli/fixtures/unreachable.json:',
      ),
    );
    expect(result.stderr).toContain(
      'build stopped: P13N_CONFIG=test/unit/tools/cli/fixtures/unreachable.json has errors',
    );
  });

  it('is baked minified and without "$schema" when it has no errors', async () => {
    const io = streams();
    const baked = await bakeConfig('ok.json', { cwd: fixtures, ...io });
    expect(io.out.stdout).toBe('ok.json: no problems\n');
    const { $schema, ...config } = JSON.parse(readFileSync(join(fixtures, 'ok.json'), 'utf8'));
    expect($schema).toBeDefined();
    expect(baked).toEqual({ ok: true, text: JSON.stringify(config) });
  });

  it('goes ahead with warnings, printing them', async () => {
    const io = streams();
    const baked = await bakeConfig('warnings-only.json', { cwd: fixtures, ...io });
    expect(baked.ok).toBe(true);
    expect(io.out.stdout).toBe(readFileSync(join(fixtures, 'warnings-only.expected.txt'), 'utf8'));
  });

  it('bakes nothing without P13N_CONFIG, and only JSON files', async () => {
    expect(await bakeConfig(undefined)).toEqual({ ok: true, text: null });
    const io = streams();
    expect(await bakeConfig('page.html', { cwd: fixtures, ...io })).toEqual({ ok: false });
    expect(io.out.stderr).toContain('a baked-in config is a .json file');
  });

  it('is what the bundle falls back to when the page has no config of its own', () => {
    // Checked on the real bundle: esbuild replaces __P13N_CONFIG__ with the baked text.
    const source = execFileSync(
      process.execPath,
      [
        '-e',
        `
      const { build } = require('esbuild');
      build({ stdin: { contents: "import { findConfig } from './src/edge/page/config-source.ts'; globalThis.found = findConfig(document, null);", resolveDir: '.', loader: 'ts' },
        bundle: true, write: false, format: 'iife', define: { __P13N_CONFIG__: JSON.stringify('{"segments":{"a":"visits > 1"},"slots":{}}') } })
        .then((r) => process.stdout.write(r.outputFiles[0].text));
    `,
      ],
      { encoding: 'utf8' },
    );
    const document = { getElementById: () => null };
    const found = new Function('document', `${source}; return globalThis.found;`)(document);
    expect(found).toMatchObject({
      kind: 'inline',
      parsed: { problems: [], config: { segments: { a: 'visits > 1' } } },
    });
  });
});
