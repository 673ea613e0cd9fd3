// @vitest-environment node
/** `p13n learn` says what is wrong in words, and never trains on too little. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from './cli.js';

const dir = scratch();

describe('p13n learn', () => {
  it('prints its usage without arguments', async () => {
    const run = await runCli(['learn']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: p13n learn FILE…');
    expect(run.stderr).toContain('--horizon visit|Nd');
  });

  it.each([
    [
      ['--horizon', 'forever', 'x.csv'],
      '--horizon takes "visit" or a number of days such as 7d (1d to 90d), not \'forever\'',
    ],
    [['--score', 'x.csv'], '--score needs a model'],
    [['--model', 'm.json'], 'with --model, say what to do'],
    [['--ga4-sql', 'nodataset'], '--ga4-sql needs PROJECT.DATASET'],
    [['--from', '2026-01-01', 'x.csv'], '--from and --to go with --ga4-sql'],
    [['--timezone', 'Europe/Oslo; DROP TABLE x', '--ga4-sql', 'p.d'], '--timezone takes an IANA zone'],
  ])('refuses %j', async (args, message) => {
    const run = await runCli(['learn', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('names a file it cannot find', async () => {
    const run = await runCli(['learn', '--table', join(dir, 'missing.csv')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('missing.csv: no such file');
  });

  it('says how to get page views when beacon records have none', async () => {
    const file = join(dir, 'exposures.ndjson');
    writeFileSync(
      file,
      `${JSON.stringify({ type: 'conversion', v: 1, ts: 1, visitor: 'a', event: 'purchase', value: 1, currency: null, transaction_id: null, assignments: {} })}\n`,
    );
    const run = await runCli(['learn', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no rows to learn from');
    expect(run.stderr).toContain('"collect": ["pageviews"]');
  });

  it('refuses to learn from too few purchases', async () => {
    const file = join(dir, 'few.csv');
    writeFileSync(
      file,
      `visits,converted\n${Array.from({ length: 200 }, (_, i) => `${i % 4},${i < 5 ? 1 : 0}`).join('\n')}\n`,
    );
    const run = await runCli(['learn', '--table', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('too few rows to learn from: the training part has');
  });

  it('never prints control characters from the data', async () => {
    const file = join(dir, 'hostile.csv');
    const rows = Array.from({ length: 400 }, (_, i) => `${i % 3},${i % 7 === 0 ? 1 : 0},x`);
    writeFileSync(file, `visits,converted,"bad\u001b[31mname"\n${rows.join('\n')}\n`);
    const run = await runCli(['learn', '--table', file, '--no-trees']);
    expect(run.stderr + run.stdout).not.toContain('\u001b');
    expect(run.stderr).toContain('bad?[31mname');
  });
});
