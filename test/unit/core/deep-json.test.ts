// @vitest-environment node
/**
 * A config nested thousands deep (10 KB is enough) is refused by every tool with one plain error, the
 * same cap and wording as the shopper script's own JSON parser: never a stack overflow, never a 500.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig, validateConfigText } from '../../../src/core/config/validate.js';
import { MAX_JSON_DEPTH, TOO_DEEP, tooDeep, tooDeepAt } from '../../../src/core/json-depth.js';
import { parseStrictJson } from '../../../src/core/json-parser.js';
import { main } from '../../../src/tools/cli/main.js';
import { startStudio, type Studio } from '../../../src/tools/studio/server.js';

const ROOT = join(import.meta.dirname, '../../..');
const nested = (depth: number, shape: 'array' | 'object') =>
  shape === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** A config whose html content carries `depth` more levels: 6 + depth in all. */
const deepConfig = (depth: number, shape: 'array' | 'object' = 'array') =>
  `{"segments":{},"slots":{"hero":{"rules":[{"id":"a","content":{"type":"html","html":"x","extra":${nested(depth, shape)}}}]}}}`;

async function p13n(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io = { cwd, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  return { code: await main(args, io), stdout, stderr };
}

describe('the JSON nesting cap', () => {
  it('counts open objects and arrays, skipping brackets inside strings', () => {
    expect(tooDeepAt(nested(MAX_JSON_DEPTH, 'array'))).toBe(-1);
    expect(tooDeepAt(nested(MAX_JSON_DEPTH + 1, 'array'))).toBe(MAX_JSON_DEPTH);
    expect(tooDeepAt(`["${'['.repeat(1000)}\\"["]`)).toBe(-1);
    expect(tooDeep(JSON.parse(nested(MAX_JSON_DEPTH, 'object')))).toBe(false);
    expect(tooDeep(JSON.parse(nested(MAX_JSON_DEPTH + 1, 'object')))).toBe(true);
  });

  it('is the shopper parser’s cap too, with the same words', () => {
    expect(() => parseStrictJson(nested(MAX_JSON_DEPTH, 'array'))).not.toThrow();
    expect(() => parseStrictJson(nested(MAX_JSON_DEPTH + 1, 'array'))).toThrow(TOO_DEEP);
  });
});

describe.each([2_000, 5_000])('a config nested %i deep', (depth) => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'p13n-deep-'));
    writeFileSync(join(cwd, 'deep.json'), deepConfig(depth));
    writeFileSync(join(cwd, 'deep-objects.json'), deepConfig(depth, 'object'));
  });

  it.each(['deep.json', 'deep-objects.json'])('p13n validate %s: one error naming the cap, exit 1', async (file) => {
    const { code, stdout } = await p13n(['validate', file], cwd);
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}: 1 error`);
    expect(stdout).toContain(`${TOO_DEEP}: more than ${MAX_JSON_DEPTH} levels of { and [ inside each other`);
    expect(stdout).toMatch(/line 1, column \d+/);
  });

  it('p13n shopify: the same error, nothing written', async () => {
    const { code, stderr } = await p13n(['shopify', 'deep.json', '--out', 'theme'], cwd);
    expect(code).toBe(1);
    expect(stderr).toContain(`${TOO_DEEP}: more than ${MAX_JSON_DEPTH} levels`);
    expect(stderr).toContain('nothing written');
    expect(existsSync(join(cwd, 'theme'))).toBe(false);
  });

  it('the validator, given the parsed value: the same error, no throw', () => {
    const problems = validateConfig(JSON.parse(deepConfig(depth, 'object')));
    expect(problems.map((p) => p.message)).toEqual([
      `${TOO_DEEP}: more than ${MAX_JSON_DEPTH} levels of { and [ inside each other`,
    ]);
  });
});

describe('the studio, given a config nested 5,000 deep', () => {
  let studio: Studio;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'p13n-deep-studio-'));
    writeFileSync(join(folder, 'p13n.json'), '{"segments":{},"slots":{}}\n');
    studio = await startStudio({ file: join(folder, 'p13n.json'), port: 0, packageRoot: ROOT, name: 'p13n.json' });
  });
  afterAll(() => studio.close());

  it('answers the save with the problem (422), not a 500, and keeps the file', async () => {
    const url = new URL(studio.url);
    const { status, body } = await new Promise<{ status: number; body: string }>((done, fail) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/api/config',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-p13n-token': url.searchParams.get('token')! },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => done({ status: res.statusCode!, body: text }));
        },
      );
      req.on('error', fail);
      req.end(deepConfig(5_000));
    });
    expect(status).toBe(422);
    expect(JSON.parse(body).problems[0].message).toContain(TOO_DEEP);
    expect(readFileSync(join(folder, 'p13n.json'), 'utf8')).toBe('{"segments":{},"slots":{}}\n');
  });

  it('opens it as a config that could not be read (what the page runs on load)', () => {
    const problems = validateConfigText(deepConfig(5_000));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'json', severity: 'error' });
  });
});
