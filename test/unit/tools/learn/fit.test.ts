// @vitest-environment node
/**
 * The regression fits what a closed form says it must; the exported model scores as the fit does; the
 * tree alternative is offered only when it wins clearly, and is then a model the script accepts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../../src/core/model/parse.js';
import { score } from '../../../../src/core/model/score.js';
import type { Model } from '../../../../src/core/model/types.js';
import { design, fitEncoding } from '../../../../src/tools/learn/encode.js';
import { fitLogistic, toModel } from '../../../../src/tools/learn/logistic.js';
import { readerAt, tableFromColumns } from '../../../../src/tools/learn/table.js';
import { runCli, scratch } from './cli.js';

const dir = scratch();
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe('fitLogistic() and toModel()', () => {
  it('with almost no penalty, predicts each group at its observed rate on average (the score equations)', () => {
    // 400 desktop rows converting 25%, 600 mobile rows converting 5%, and visits besides.
    const device = [...Array(400).fill('desktop'), ...Array(600).fill('mobile')];
    const converted = device.map((d, i) => (d === 'desktop' ? (i % 4 === 0 ? 1 : 0) : i % 20 === 0 ? 1 : 0));
    const visits = device.map((_, i) => String(1 + (i % 7)));
    const { table } = tableFromColumns(['device', 'visits', 'converted'], [device, visits, converted]);
    const encoding = fitEncoding(table, { minRows: 30 });
    const model = toModel(fitLogistic(design(table, encoding), table.y, encoding, 1e-9), encoding);
    const mean = (from: number, to: number) => {
      let sum = 0;
      for (let i = from; i < to; i++) sum += score(model, readerAt(table, i));
      return sum / (to - from);
    };
    expect(mean(0, 400)).toBeCloseTo(0.25, 3);
    expect(mean(400, 1000)).toBeCloseTo(0.05, 3);
  });

  it('exports weights that score every row as the fit did, standardization folded in', () => {
    const rand = random(3);
    const n = 3000;
    const cart = Array.from({ length: n }, () =>
      rand() < 0.3 ? String(Math.round(rand() * 200)) : rand() < 0.5 ? '' : '0',
    );
    const converted = cart.map((c) => (rand() < (c === '' ? 0.02 : 0.02 + Number(c) / 1000) ? 1 : 0));
    const { table } = tableFromColumns(['cart_value', 'converted'], [cart, converted]);
    const encoding = fitEncoding(table, { minRows: 30 });
    const rows = design(table, encoding);
    const weights = fitLogistic(rows, table.y, encoding, 1e-3);
    const model = toModel(weights, encoding);
    expect(model.f![0]).toMatchObject({ a: 'cart_value', l: expect.any(Number), m: expect.any(Number) });
    for (let i = 0; i < n; i += 37) {
      let z = weights[0]!;
      for (let j = 0; j < encoding.dense; j++) z += weights[j + 1]! * rows.dense[i * encoding.dense + j]!;
      expect(score(model, readerAt(table, i))).toBeCloseTo(1 / (1 + Math.exp(-z)), 5);
    }
  });
});

describe('the boosted-tree alternative', () => {
  /** Buyers are signed-in desktop visitors and anonymous mobile ones: an interaction no sum of effects has. */
  function interactionTable(file: string) {
    const rand = random(9);
    const lines = ['ts,device,logged_in,visits,converted'];
    const t0 = Date.parse('2026-10-01T00:00:00Z');
    for (let i = 0; i < 12_000; i++) {
      const mobile = rand() < 0.5;
      const login = rand() < 0.5;
      const p = mobile !== login ? 0.3 : 0.02;
      lines.push(
        `${new Date(t0 + i * 300_000).toISOString()},${mobile ? 'mobile' : 'desktop'},${login},${1 + Math.floor(rand() * 4)},${rand() < p ? 1 : 0}`,
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
  }

  it('is written beside the model when it wins clearly, with its size, for the owner to choose', async () => {
    const table = join(dir, 'xor.csv');
    interactionTable(table);
    const run = await runCli(['learn', '--table', table, '--out', join(dir, 'xor.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Boosted trees \(\d+ terms against \d+ trees of depth 3 at most\) does better: .*KB in the config against .*KB/,
    );
    expect(run.stdout).toContain(
      `To use them instead: npx p13n learn --model ${join(dir, 'xor.trees.json')} --into CONFIG`,
    );
    const trees = JSON.parse(readFileSync(join(dir, 'xor.trees.json'), 'utf8')) as Model;
    expect(parseModel(trees).problems).toEqual([]);
    expect(trees.t!.length).toBeLessThanOrEqual(50);
    expect(trees.card!.metrics!.logloss).toBeLessThan(
      (JSON.parse(readFileSync(join(dir, 'xor.json'), 'utf8')) as Model).card!.metrics!.logloss,
    );
  });
});
