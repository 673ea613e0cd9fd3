// @vitest-environment node
/**
 * The studio's saves over HTTP, as the page makes them: a save either succeeds or says why. Concurrent
 * saves never fail on a shared temporary file, and a save over a file that changed on disk since the
 * page read it writes nothing and answers with what is on disk (the page lets the owner choose).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ABSENT } from '../../../../src/tools/studio/save.js';
import { BASE_HEADER, startStudio, TOKEN_HEADER, type Studio } from '../../../../src/tools/studio/server.js';

const ROOT = join(import.meta.dirname, '../../../..');
const folder = mkdtempSync(join(tmpdir(), 'p13n-studio-server-'));
const file = join(folder, 'p13n.json');
const agent = new Agent({ keepAlive: true, maxSockets: 8 });
let studio: Studio;

beforeAll(async () => {
  studio = await startStudio({ file, port: 0, packageRoot: ROOT, name: 'p13n.json' });
});
afterAll(async () => {
  agent.destroy();
  await studio.close();
  rmSync(folder, { recursive: true, force: true });
});
afterEach(() => rmSync(file, { force: true }));

interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the answer's JSON, read by each test
  readonly body: any;
}

function call(method: 'GET' | 'POST', body?: string, base?: string): Promise<Answer> {
  const url = new URL(studio.url);
  const headers: Record<string, string> = { [TOKEN_HEADER]: url.searchParams.get('token')! };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (base !== undefined) headers[BASE_HEADER] = base;
  return new Promise((done, fail) => {
    const req = request({ host: url.hostname, port: url.port, path: '/api/config', method, headers, agent }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () =>
        done({
          status: res.statusCode!,
          body: /json/.test(String(res.headers['content-type'])) ? JSON.parse(text) : text,
        }),
      );
    });
    req.on('error', fail);
    req.end(body);
  });
}

const config = (segment: string) =>
  JSON.stringify({
    segments: { [segment]: 'visits >= 2' },
    slots: { hero: { rules: [{ id: 'r', when: segment, content: { type: 'hide' } }] } },
  });
const segmentsOnDisk = () => Object.keys(JSON.parse(readFileSync(file, 'utf8')).segments);

describe('studio saves, 4 at a time, 300 rounds', () => {
  it('without a base: every save succeeds, one after the other, and the file is always whole', async () => {
    const statuses = new Map<number, number>();
    for (let round = 0; round < 300; round++) {
      const answers = await Promise.all([0, 1, 2, 3].map((i) => call('POST', config(`s${round}_${i}`))));
      for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect(segmentsOnDisk()).toHaveLength(1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 1200 });
    expect(readdirSync(folder)).toEqual(['p13n.json']); // no temporary file left behind
  });

  it('from one base: the first save wins, the three others are told the file changed', async () => {
    writeFileSync(file, config('start'));
    for (let round = 0; round < 300; round++) {
      const { version } = (await call('GET')).body;
      const answers = await Promise.all([0, 1, 2, 3].map((i) => call('POST', config(`s${round}_${i}`), version)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
      const winner = answers.find((a) => a.status === 200)!.body;
      for (const loser of answers.filter((a) => a.status === 409))
        expect(loser.body.conflict).toEqual({ text: winner.text, version: winner.version });
    }
  });
});

describe('a save over a file changed on disk', () => {
  it('writes nothing, and answers with the disk’s text and version', async () => {
    writeFileSync(file, config('loaded'));
    const loaded = (await call('GET')).body;
    writeFileSync(file, config('from_the_editor')); // the owner's editor, after the page loaded
    const answer = await call('POST', config('from_the_studio'), loaded.version);
    expect(answer.status).toBe(409);
    expect(answer.body.ok).toBe(false);
    expect(JSON.parse(answer.body.conflict.text).segments).toEqual({ from_the_editor: 'visits >= 2' });
    expect(segmentsOnDisk()).toEqual(['from_the_editor']);

    // "Keep mine": the page saves again from the disk's version, over it.
    const kept = await call('POST', config('from_the_studio'), answer.body.conflict.version);
    expect(kept.status).toBe(200);
    expect(segmentsOnDisk()).toEqual(['from_the_studio']);
    expect((await call('GET')).body.version).toBe(kept.body.version);
  });

  it('a file created since the page found none is a change too', async () => {
    const loaded = (await call('GET')).body;
    expect(loaded).toMatchObject({ text: null, version: ABSENT });
    writeFileSync(file, config('elsewhere'));
    expect((await call('POST', config('mine'), loaded.version)).status).toBe(409);
    rmSync(file);
    expect((await call('POST', config('mine'), loaded.version)).status).toBe(200);
  });

  it('a save whose content is unchanged on disk (touched, not edited) goes through', async () => {
    writeFileSync(file, config('same'));
    const loaded = (await call('GET')).body;
    writeFileSync(file, config('same'));
    expect((await call('POST', config('mine'), loaded.version)).status).toBe(200);
  });
});
