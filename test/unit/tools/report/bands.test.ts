// @vitest-environment node
/**
 * The report's predicted-intent section: visitors placed by the score their first scored exposure
 * carried, conversion per band, and whether the model ranks buyers (AUC), from beacon records and
 * from GA4 export rows of the same traffic; nothing when no exposure carries a score.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../src/tools/cli/main.js';
import { bandsOf } from '../../../../src/tools/report/bands.js';
import { auc } from '../../../../src/tools/learn/metrics.js';
import type { BeaconRecord } from '../../../../src/core/track/records.js';
import { ga4Rows } from './ga4-rows.js';

const dir = mkdtempSync(join(tmpdir(), 'p13n-bands-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function report(args: string[]) {
  let stdout = '';
  const code = await main(['report', ...args], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: () => undefined },
    cwd: dir,
  });
  return { code, stdout };
}

/** 1,000 visitors in one test; visitor i scores i/1000 and buys with that chance (a good model). */
function records(scored: boolean): BeaconRecord[] {
  let seed = 17;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
  const out: BeaconRecord[] = [];
  for (let i = 0; i < 1000; i++) {
    const visitor = `v${i}`;
    const variant = i % 2 ? 'control' : 'b';
    const base = {
      type: 'exposure' as const,
      v: 1 as const,
      visitor,
      test: 'hero@1',
      rule: 'hero',
      version: 1,
      variant,
      control: 'control',
      weights: { control: 50, b: 50 },
      weights_version: 1,
      traffic: 100,
      slot: 'hero',
      when: null,
      segments: [],
    };
    const score = Math.round((i / 1000) * 1e4) / 1e4;
    out.push({ ...base, ts: 1000 + i, ...(scored ? { predicted_purchase: score } : {}) });
    // A later exposure's score never moves the visitor: the first one places them.
    out.push({ ...base, ts: 5000 + i, ...(scored ? { predicted_purchase: 0.99 } : {}) });
    if (rand() < i / 1000)
      out.push({
        type: 'conversion',
        v: 1,
        ts: 9000 + i,
        visitor,
        event: 'purchase',
        value: 10,
        currency: 'USD',
        transaction_id: `T${i}`,
        assignments: { 'hero@1': variant },
      });
  }
  return out;
}

describe('bandsOf()', () => {
  it('gives the AUC of the visitors from counts per score, as one row per visitor would', () => {
    const counts = [
      { score: 0.1, visitors: 40, converted: 1 },
      { score: 0.2, visitors: 30, converted: 3 },
      { score: 0.2001, visitors: 20, converted: 4 },
      { score: 0.6, visitors: 10, converted: 6 },
    ];
    const scores = counts.flatMap((c) => Array(c.visitors).fill(c.score));
    const labels = counts.flatMap((c) => [...Array(c.converted).fill(1), ...Array(c.visitors - c.converted).fill(0)]);
    const bands = bandsOf(counts)!;
    expect(bands.auc).toBeCloseTo(auc(scores, labels), 12);
    expect(bands.visitors).toBe(100);
    expect(bands.bands.map((b) => b.visitors).reduce((a, b) => a + b)).toBe(100);
    expect(bands.bands[0]).toMatchObject({ from: 0, to: 0.2, low: 0.6, high: 0.6, converted: 6 });
  });
});

describe('p13n report with scored exposures', () => {
  it('adds conversion by predicted-intent band, and the AUC', async () => {
    const file = join(dir, 'scored.ndjson');
    writeFileSync(
      file,
      `${records(true)
        .map((r) => JSON.stringify(r))
        .join('\n')}\n`,
    );
    const { code, stdout } = await report([file]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '== Predicted purchase intent · 1,000 visitors placed by predicted_purchase at their first scored exposure',
    );
    const aucText = /AUC (0\.\d{3})/.exec(stdout)![1]!;
    expect(Number(aucText)).toBeGreaterThan(0.7);
    const top = stdout.split('\n').find((line) => line.startsWith('top 20%'))!;
    const bottom = stdout.split('\n').find((line) => line.startsWith('bottom 20%'))!;
    expect(top).toContain('0.8000 – 0.9990');
    expect(bottom).toContain('0.0000 – 0.1990');
    const rate = (line: string) => Number(/(\d+\.\d\d)%\s+\d\.\d\d×$/.exec(line)![1]);
    expect(rate(top)).toBeGreaterThan(4 * rate(bottom));
  });

  it('reads the same scores from GA4 export rows of the same traffic', async () => {
    const file = join(dir, 'ga4.ndjson');
    writeFileSync(
      file,
      `${records(true)
        .flatMap(ga4Rows)
        .map((r) => JSON.stringify(r))
        .join('\n')}\n`,
    );
    const beacon = /AUC (0\.\d{3})/.exec((await report([join(dir, 'scored.ndjson')])).stdout)![1];
    const { stdout } = await report(['--ga4', file]);
    expect(/AUC (0\.\d{3})/.exec(stdout)?.[1]).toBe(beacon);
  });

  it('says nothing of intent when no exposure carries a score', async () => {
    const file = join(dir, 'plain.ndjson');
    writeFileSync(
      file,
      `${records(false)
        .map((r) => JSON.stringify(r))
        .join('\n')}\n`,
    );
    const { code, stdout } = await report([file]);
    expect(code).toBe(0);
    expect(stdout).toContain('hero@1');
    expect(stdout).not.toContain('Predicted purchase intent');
  });
});
