// @vitest-environment node
/**
 * `--model M --score T` prints T with predicted_purchase computed by the shopper's own evaluator, on
 * values read as the browser holds them; `--into CONFIG` puts a model under models.purchase and keeps
 * the rest of the config.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readerOf } from '../../../../src/core/attributes/predicted.js';
import { validateConfig } from '../../../../src/core/config/validate.js';
import { score } from '../../../../src/core/model/score.js';
import type { Model } from '../../../../src/core/model/types.js';
import type { Attributes } from '../../../../src/core/types.js';
import cases from '../../core/model/cases.json';
import { runCli, scratch } from './cli.js';

const dir = scratch();
const model = cases.cases[8]!.model as unknown as Model; // terms and trees
const modelFile = join(dir, 'model.json');
writeFileSync(modelFile, JSON.stringify(model));

/** Visitors as the browser's attributes hold them, and as a CSV table writes them. */
const visitors: Attributes[] = [
  {
    visit_pageviews: 3,
    cart_value: 40,
    channel: 'Email',
    new_visitor: true,
    hour: 20,
    device: 'desktop',
    interest: { running: 1 },
    days_since_last_visit: null,
  },
  {
    visit_pageviews: 1,
    cart_value: 0,
    channel: 'Paid Social',
    new_visitor: false,
    hour: 9,
    device: 'mobile',
    interest: {},
    days_since_last_visit: 12,
  },
  {
    visit_pageviews: 12,
    cart_value: 250.5,
    channel: 'Organic Search',
    new_visitor: false,
    hour: 21,
    device: null,
    interest: { running: 4 },
    days_since_last_visit: 0,
  },
];
const columns = [
  'visit_pageviews',
  'cart_value',
  'channel',
  'new_visitor',
  'hour',
  'device',
  'interest.running',
  'days_since_last_visit',
  'note',
];
const csv = [
  columns.join(','),
  ...visitors.map((v, i) =>
    columns
      .map((c) =>
        c === 'note'
          ? `"row ${i}, as written"`
          : c === 'interest.running'
            ? String((v.interest as Record<string, number>).running ?? 0)
            : v[c] === null
              ? ''
              : String(v[c]),
      )
      .join(','),
  ),
].join('\n');

describe('p13n learn --model MODEL.json --score TABLE.csv', () => {
  it('prints the table as it was, with predicted_purchase from the same evaluator as the browser', async () => {
    const table = join(dir, 'visitors.csv');
    writeFileSync(table, `${csv}\n`);
    const run = await runCli(['learn', '--model', modelFile, '--score', table]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${columns.join(',')},predicted_purchase`);
    lines.slice(1).forEach((line, i) => {
      expect(line.startsWith(csv.split('\n')[i + 1]!)).toBe(true);
      const printed = Number(line.slice(line.lastIndexOf(',') + 1));
      expect(printed).toBe(score(model, readerOf(visitors[i]!)));
    });
    expect(run.stderr).toContain('scored 3 rows');
  });

  it('reads the model out of a config too, and refuses a broken one naming the problem', async () => {
    const config = join(dir, 'with-model.json');
    writeFileSync(config, JSON.stringify({ models: { purchase: model } }));
    writeFileSync(join(dir, 't.csv'), 'visits\n1\n');
    expect((await runCli(['learn', '--model', config, '--score', join(dir, 't.csv')])).code).toBe(0);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...model, v: 3 }));
    const run = await runCli(['learn', '--model', broken, '--score', join(dir, 't.csv')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("model 'purchase': version 3 is not 1: run p13n learn again");
  });
});

describe('--into CONFIG', () => {
  it('puts the model under models.purchase and keeps the rest as it was', async () => {
    const config = join(dir, 'p13n.json');
    const before = { segments: { likely: 'predicted_purchase >= 0.3' }, slots: {}, timeout: 800 };
    writeFileSync(config, JSON.stringify(before));
    const run = await runCli(['learn', '--model', modelFile, '--into', config]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('models.purchase added');
    const after = JSON.parse(readFileSync(config, 'utf8'));
    expect(after).toEqual({ ...before, models: { purchase: model } });
    expect(validateConfig(after).filter((p) => p.severity !== 'info')).toEqual([
      expect.objectContaining({ code: 'unused-segment' }),
    ]);
    expect((await runCli(['learn', '--model', modelFile, '--into', config])).stdout).toContain(
      'models.purchase replaced',
    );
  });

  it('refuses a config that is not JSON, and writes nothing', async () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, '{ "segments": ');
    const run = await runCli(['learn', '--model', modelFile, '--into', config]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot put the model into');
    expect(readFileSync(config, 'utf8')).toBe('{ "segments": ');
  });
});
