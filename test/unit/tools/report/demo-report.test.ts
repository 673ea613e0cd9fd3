// @vitest-environment node
/**
 * What a new user sees on trying the demo (README "In the demo store"): a few visits to the demo
 * store, the records its `/collect` endpoint kept, and `p13n report` on them. Six visitors cannot
 * tell anything, and the report must say so in plain words instead of printing an interval from
 * −90% to +860% as if it meant something. The records are the script's own (core/track/records.ts)
 * for the demo config's test, posted as the script posts them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../../../../demo/serve.mjs';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfigText } from '../../../../src/core/config/parse.js';
import { decide } from '../../../../src/core/decide/rules.js';
import { conversionRecord, exposureRecord } from '../../../../src/core/track/records.js';
import { main } from '../../../../src/tools/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'p13n-demo-report-'));
let demo: { url: string; close(): Promise<void> };
beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
});
afterAll(async () => {
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo store report', () => {
  it('says "too little data" for six visitors, and what it would take', async () => {
    const compiled = compileConfig(parseConfigText(readFileSync('demo/p13n.json', 'utf8')).config);
    const evaluation = compiled.segments.evaluation({ visits: 2, new_visitor: false });
    const rule = compiled.slots.flatMap((s) => s.rules).find((r) => r.id === 'hero-welcome-back-test')!;
    const lines: string[] = [];
    for (let i = 0; i < 6; i++) {
      const visitor = `demo-visitor-${i}`;
      const decision = decide(compiled, evaluation, {
        visitorId: visitor,
        assignments: {},
        canExperiment: true,
      }).decisions.find((d) => d.rule === rule.id)!;
      const ts = Date.parse('2026-11-02T10:00:00Z') + i * 60_000;
      lines.push(JSON.stringify(exposureRecord(decision, rule, { visitor, segments: ['returning'], ts })));
      if (i < 2)
        lines.push(
          JSON.stringify(
            conversionRecord(
              { value: 84.2, currency: 'USD', transactionId: `T-${i}` },
              { visitor, ts: ts + 30_000, assignments: { [`${rule.id}@1`]: decision.variant! } },
            ),
          ),
        );
    }
    const post = await fetch(`${demo.url.replace(/\/$/, '')}/collect`, {
      method: 'POST',
      body: `${lines.join('\n')}\n`,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(post.status).toBe(204);
    const collected = await (await fetch(`${demo.url.replace(/\/$/, '')}/collect`)).text();
    writeFileSync(join(dir, 'events.ndjson'), collected);

    let stdout = '';
    const code = await main(['report', 'events.ndjson'], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      cwd: dir,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('6 exposure records, 2 conversion records');
    expect(stdout).toMatch(/^Too little data: with \d visitors? in the smallest variant this test can only tell/m);
    expect(stdout).toMatch(/a \+10% change needs about [\d,]+ more visitors per variant\./);
    const block = stdout.slice(stdout.indexOf('== hero-welcome-back-test@1'));
    expect(block.split('\n\n').at(-2)).toMatch(
      /\nNo clear difference yet: too little data to tell \(6 visitors so far\)$/,
    );
  });

  it('refuses a body over 1 MiB whole, instead of keeping a line cut in the middle', async () => {
    const base = demo.url.replace(/\/$/, '');
    const before = (await (await fetch(`${base}/collect`)).text()).length;
    const line = JSON.stringify({ type: 'exposure', pad: 'x'.repeat(1000) });
    const body = `${Array.from({ length: 1100 }, () => line).join('\n')}\n`;
    expect((await fetch(`${base}/collect`, { method: 'POST', body })).status).toBe(413);
    expect((await (await fetch(`${base}/collect`)).text()).length).toBe(before);
  });
});
