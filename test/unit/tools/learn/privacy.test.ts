// @vitest-environment node
/**
 * What the model keeps of the data it learned from: weights for attributes a model may read, and
 * levels seen in many rows. No identifier, no rare value, nothing from a column that is not a feature.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureKind } from '../../../../src/core/model/features.js';
import type { Model } from '../../../../src/core/model/types.js';
import { runCli, scratch } from './cli.js';

const dir = scratch();

describe('a trained model', () => {
  it('holds no identifier, no rare value, no markup and nothing from other columns', async () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
    const rows = ['ts,visitor,email,transaction_id,campaign,country,os,cart_value,logged_in,converted'];
    const secrets: string[] = [];
    const t0 = Date.parse('2026-10-01T00:00:00Z');
    for (let i = 0; i < 6000; i++) {
      const visitor = `vis-${(i * 7919).toString(36)}-${Math.floor(rand() * 1e9)}`;
      const email = `shopper${i}@example.com`;
      const txn = `T-${i}-${Math.floor(rand() * 1e9)}`;
      // Three shoppers from a country nobody else comes from: their value must not reach the model.
      const country = i % 2000 === 7 ? 'ZZ' : ['NO', 'SE', 'DK'][i % 3]!;
      const cart = rand() < 0.3 ? Math.round(rand() * 150) : 0;
      const converted = rand() < 0.03 + cart / 1000 ? 1 : 0;
      secrets.push(visitor, email, txn);
      rows.push(
        `${new Date(t0 + i * 600_000).toISOString()},${visitor},${email},${txn},winter-${visitor},${country},${i % 10 === 3 ? '</script><b>' : i % 5 ? 'ios' : 'android'},${cart},${rand() < 0.3},${converted}`,
      );
    }
    writeFileSync(join(dir, 'table.csv'), `${rows.join('\n')}\n`);
    const run = await runCli([
      'learn',
      '--table',
      join(dir, 'table.csv'),
      '--out',
      join(dir, 'model.json'),
      '--no-trees',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'ignored columns (not attributes a model may read): visitor, email, transaction_id, campaign',
    );

    const text = readFileSync(join(dir, 'model.json'), 'utf8');
    const model = JSON.parse(text) as Model;
    for (const secret of [...secrets, 'zz', 'ZZ', 'example.com', 'winter']) expect(text).not.toContain(secret);
    // A frequent value with markup in it never becomes a level (the config is pasted into pages).
    expect(text).not.toContain('<');
    for (const term of model.f!) {
      expect(featureKind(term.a), term.a).not.toBeNull();
      if ('c' in term)
        for (const level of Object.keys(term.c)) expect(level).toMatch(/^(no|se|dk|ios|android|true|false)$/);
    }
    // The card: dates, counts and figures only.
    expect(JSON.stringify(model.card)).not.toMatch(/vis-|@|T-\d/);
  });
});
