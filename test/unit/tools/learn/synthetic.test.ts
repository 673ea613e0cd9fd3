// @vitest-environment node
/**
 * The synthetic check, end to end through the command line: a store with planted effects
 * (bench/gen-store.mjs, as the beacon records `collect: ["pageviews"]` sends) gives back each planted
 * effect's sign and their order, finds little in what has no effect, and beats the base rate on log
 * loss on the held-out week. Seeds 1-5 all pass (checked when the planted values were chosen); the
 * test runs one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateStore, TRUTH } from '../../../../bench/gen-store.mjs';
import { parseModel } from '../../../../src/core/model/parse.js';
import type { LevelTerm, LogTerm, Model } from '../../../../src/core/model/types.js';
import { runCli, scratch } from './cli.js';

const dir = scratch();
const events = join(dir, 'store.ndjson');
let run: Awaited<ReturnType<typeof runCli>>;
let model: Model;
const term = (name: string) => model.f!.find((t) => t.a === name)!;
const level = (name: string, value: string) => (term(name) as LevelTerm).c[value]!;

beforeAll(async () => {
  generateStore({ file: events, visitors: 25_000, seed: 3 });
  run = await runCli(['learn', events, '--out', join(dir, 'model.json'), '--no-trees']);
  model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
}, 240_000);

describe('p13n learn on a store with planted effects', () => {
  it('writes a model the shopper script accepts', () => {
    expect(run.code).toBe(0);
    expect(parseModel(model).problems).toEqual([]);
  });

  it('gives back the sign of every planted effect', () => {
    expect(level('channel', 'email') - level('channel', 'direct')).toBeGreaterThan(0);
    expect(level('logged_in', 'true') - level('logged_in', 'false')).toBeGreaterThan(0);
    expect(level('device', 'mobile') - level('device', 'desktop')).toBeLessThan(0);
    expect((term('cart_value') as LogTerm).l).toBeGreaterThan(0);
    expect((term('interest.running') as LogTerm).l).toBeGreaterThan(0);
  });

  it('orders them as planted', () => {
    const planted = [
      ['email', TRUTH.channel.Email, level('channel', 'email') - level('channel', 'direct')],
      ['logged_in', TRUTH.logged_in, level('logged_in', 'true') - level('logged_in', 'false')],
      ['mobile', TRUTH.device.mobile, level('device', 'mobile') - level('device', 'desktop')],
    ] as const;
    const byTruth = [...planted].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).map(([name]) => name);
    const byModel = [...planted].sort((a, b) => Math.abs(b[2]) - Math.abs(a[2])).map(([name]) => name);
    expect(byModel).toEqual(byTruth);
    expect(TRUTH.cart_value).toBeGreaterThan(TRUTH['interest.running']);
    expect((term('cart_value') as LogTerm).l).toBeGreaterThan((term('interest.running') as LogTerm).l);
  });

  it('finds little where nothing was planted', () => {
    const country = Object.values((term('country') as LevelTerm).c);
    expect(Math.max(...country) - Math.min(...country)).toBeLessThan(0.3);
  });

  it('beats the base rate on log loss on the held-out week, and says so', () => {
    const { metrics, test, train } = model.card!;
    expect(metrics!.logloss).toBeLessThan(metrics!.logloss_base);
    expect(metrics!.auc).toBeGreaterThan(0.7);
    expect(run.stdout).toContain('Split: the last 7 days held out.');
    expect(Date.parse(test!.from!)).toBeGreaterThanOrEqual(Date.parse(train!.to!));
    expect(run.stdout).toMatch(/log loss\s+0\.\d{4}\s+0\.\d{4}\s+\(−\d+\.\d%\)/);
  });

  it('says the strongest effect in words, other things equal', () => {
    expect(run.stdout).toMatch(
      /a visitor from Email converts \d+(\.\d)?× as often as one from (Direct|Organic Search), other things equal/,
    );
    expect(model.card!.effects![0]).toMatch(/Email|cart/);
  });
});
