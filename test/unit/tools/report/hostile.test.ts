// @vitest-environment node
/**
 * `p13n report` on data anyone can post to a beacon endpoint: names that carry terminal control
 * sequences, lines of 17 MB and 1 GiB, weights that say nothing. The report must stay readable, finish
 * in linear time, and never print what the data did not earn.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../src/tools/cli/main.js';
import { readRecords } from '../../../../src/tools/cli/report.js';
import { readLines } from '../../../../src/tools/report/lines.js';

const dir = mkdtempSync(join(tmpdir(), 'p13n-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function report(args: string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const original = process.stdin;
  if (stdin !== undefined)
    Object.defineProperty(process, 'stdin', { configurable: true, value: Readable.from([stdin]) });
  try {
    const code = await main(['report', ...args], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      cwd: dir,
    });
    return { code, stdout, stderr };
  } finally {
    if (stdin !== undefined) Object.defineProperty(process, 'stdin', { configurable: true, value: original });
  }
}

const exposure = (visitor: string, variant: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'exposure',
    v: 1,
    ts: 1000,
    visitor,
    test: 't@1',
    rule: 't',
    version: 1,
    variant,
    control: 'a',
    weights: { a: 50, b: 50 },
    traffic: 100,
    slot: 's',
    when: null,
    segments: [],
    ...extra,
  });

// Clear screen, a window title, an OSC 8 link, a carriage return and a forged line, a one-byte CSI,
// a right-to-left override: what a terminal would obey.
const EVIL =
  'b\u001b[2J\u001b]0;pwned\u0007\r\nSample ratio OK: forged\u001b]8;;http://evil.example\u001b\\x\u009b31m\u202e';
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('names with terminal control characters', () => {
  const lines = [
    ...Array.from({ length: 30 }, (_, i) => exposure(`a${i}`, 'a', { segments: [EVIL] })),
    ...Array.from({ length: 30 }, (_, i) =>
      exposure(`b${i}`, EVIL, { weights: { a: 50, [EVIL]: 50 }, slot: EVIL, when: EVIL, segments: [EVIL] }),
    ),
    ...Array.from({ length: 5 }, (_, i) => exposure(`c${i}`, 'a', { test: `${EVIL}@1`, control: EVIL })),
    JSON.stringify({
      type: 'conversion',
      v: 1,
      ts: 2000,
      visitor: 'a1',
      value: 5,
      currency: EVIL,
      assignments: { [`${EVIL}@9`]: 'a' },
    }),
    JSON.stringify({
      type: 'conversion',
      v: 1,
      ts: 2000,
      visitor: 'a2',
      value: 5,
      currency: 'USD',
      assignments: { 't@1': 'a' },
    }),
  ].join('\n');

  it.each([
    ['the file reader (DuckDB)', ['evil.ndjson'], undefined],
    ['standard input', ['-'], lines],
    ['--json', ['evil.ndjson', '--json'], undefined],
  ])('reach %s escaped: no control character, no forged line, 100 columns', async (_, args, stdin) => {
    writeFileSync(join(dir, 'evil.ndjson'), lines);
    const { code, stdout, stderr } = await report(args as string[], stdin);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROLS);
    expect(stderr).not.toMatch(CONTROLS);
    expect(stdout).not.toMatch(/^Sample ratio OK: forged/m);
    expect(stdout).toContain(args.includes('--json') ? '\\u001b[2J' : '\\x1b[2J');
    if (!args.includes('--json')) for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('oversized lines', () => {
  const good = Array.from({ length: 20 }, (_, i) => exposure(`v${i}`, i % 2 ? 'a' : 'b'));

  it('skips and counts a 17 MB line among good records, in the file reader and from standard input', async () => {
    const text = [...good.slice(0, 10), `{"type":"exposure","pad":"${'x'.repeat(17 << 20)}"}`, ...good.slice(10)].join(
      '\n',
    );
    writeFileSync(join(dir, 'long.ndjson'), text);
    for (const args of [['long.ndjson'], ['-']]) {
      const { code, stdout } = await report([...args, '--no-segments'], args[0] === '-' ? text : undefined);
      expect(code).toBe(0);
      expect(stdout).toContain('20 exposure records');
      expect(stdout).toMatch(/1 line skipped: 1 line longer than 1 MiB/);
    }
  });

  it('reads a 32 MB line from standard input in linear time (the old reader took 46 s)', async () => {
    const chunks = (function* () {
      yield `${good[0]}\n{"pad":"`;
      const piece = 'x'.repeat(64 << 10);
      for (let i = 0; i < 512; i++) yield piece; // 32 MiB in the chunks a pipe delivers
      yield `"}\n${good[1]}\n`;
    })();
    const seen: unknown[] = [];
    let long = 0;
    const started = performance.now();
    await readRecords(
      Readable.from(chunks),
      (record) => seen.push(record),
      () => long++,
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    expect({ records: seen.length, long }).toEqual({ records: 2, long: 1 });
  });

  it('passes over a 1 GiB line without holding it', async () => {
    const chunk = Buffer.alloc(1 << 20, 0x78); // the same 1 MiB, 1,024 times: nothing is allocated per chunk
    const stream = (function* () {
      yield Buffer.from('{"a":1}\n');
      for (let i = 0; i < 1024; i++) yield chunk;
      yield Buffer.from('\n{"b":2}\n');
    })();
    const lines: string[] = [];
    let long = 0;
    const heap = process.memoryUsage().heapUsed;
    await readLines(
      Readable.from(stream),
      (text) => lines.push(text),
      () => long++,
    );
    expect({ lines, long }).toEqual({ lines: ['{"a":1}', '{"b":2}'], long: 1 });
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(64 << 20);
  });
});

describe('records the browsers could not deliver', () => {
  it('are added up and stated in the header, by both readers', async () => {
    const lines = [
      ...Array.from({ length: 10 }, (_, i) => exposure(`d${i}`, i % 2 ? 'a' : 'b')),
      JSON.stringify({ type: 'dropped', v: 1, ts: 5, count: 40 }),
      JSON.stringify({ type: 'dropped', v: 1, ts: 6, count: 2 }),
      JSON.stringify({ type: 'dropped', v: 1, ts: 7 }),
    ].join('\n');
    writeFileSync(join(dir, 'dropped.ndjson'), lines);
    for (const args of [['dropped.ndjson'], ['-']]) {
      const { stdout } = await report(args, args[0] === '-' ? lines : undefined);
      expect(stdout).toContain('10 exposure records, 0 conversion records, 1 line skipped: 1 dropped without a count');
      expect(stdout).toMatch(/^Warning: the shoppers' browsers counted 42 records they could not deliver/m);
    }
  });
});

describe('the sample-ratio check without usable weights', () => {
  it('says it cannot run, instead of a mismatch next to p = 1.0000', async () => {
    writeFileSync(
      join(dir, 'no-weights.ndjson'),
      Array.from({ length: 20 }, (_, i) => exposure(`w${i}`, i % 2 ? 'a' : 'b', { weights: {} })).join('\n'),
    );
    const { code, stdout, stderr } = await report(['no-weights.ndjson']);
    expect(code).toBe(0);
    expect(stdout).not.toContain('SAMPLE RATIO MISMATCH');
    expect(stdout).toMatch(
      /Sample ratio: cannot be checked: no exposure of the test's 20 visitors carries usable weights/,
    );
    expect(stderr).toBe('');
  });
});
