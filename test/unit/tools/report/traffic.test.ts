// @vitest-environment node
/**
 * `p13n validate CONFIG --traffic REPORT.json`: a test whose segment is too small to tell a +10%
 * change in 4 weeks is named, from the traffic in a report the same store made (`p13n report --json`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../src/tools/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'p13n-traffic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

const DAY = 86_400_000;

/** 14 days of a test on returning visitors: 2,000 a day, 80 of them lapsed; one in 16 buys. */
function events(): string {
  const lines: string[] = [];
  for (let i = 0; i < 28_000; i++) {
    const visitor = `v${i}`;
    const variant = i % 2 ? 'welcome' : 'control';
    const segments = i % 50 < 2 ? ['returning', 'lapsed'] : ['returning'];
    const ts = Date.parse('2026-10-01T00:00:00Z') + Math.floor((i / 28_000) * 14 * DAY);
    lines.push(
      JSON.stringify({
        type: 'exposure',
        v: 1,
        ts,
        visitor,
        test: 'hero-test@1',
        rule: 'hero-test',
        variant,
        control: 'control',
        weights: { control: 50, welcome: 50 },
        slot: 'hero',
        when: 'returning',
        segments,
      }),
    );
    if (i % 16 === 5)
      lines.push(
        JSON.stringify({
          type: 'conversion',
          v: 1,
          ts: ts + 1000,
          visitor,
          value: 40,
          assignments: { 'hero-test@1': variant },
        }),
      );
  }
  return lines.join('\n');
}

const variants = [
  { id: 'control', weight: 50, content: null },
  { id: 'b', weight: 50, content: { type: 'hide' } },
];

describe('p13n validate --traffic', () => {
  it('warns about a test in a segment too small to tell +10% in 4 weeks, and not about one that is big enough', async () => {
    writeFileSync(join(dir, 'events.ndjson'), events());
    const report = await cli(['report', 'events.ndjson', '--json']);
    expect(report.code).toBe(0);
    writeFileSync(join(dir, 'report.json'), report.stdout);
    const json = JSON.parse(report.stdout);
    expect(json.p13n_report).toBe(1);
    expect(json.tests[0]).toMatchObject({ test: 'hero-test@1', days: expect.closeTo(14, 0) });

    writeFileSync(
      join(dir, 'p13n.json'),
      JSON.stringify({
        segments: { returning: 'visits >= 2', lapsed: 'days_since_last_visit >= 30' },
        slots: {
          hero: {
            rules: [
              { id: 'winback-test', when: 'lapsed', variants },
              { id: 'hero-test', when: 'returning', variants },
            ],
          },
        },
      }),
    );
    const { code, stdout } = await cli(['validate', 'p13n.json', '--traffic', 'report.json']);
    expect(code).toBe(0); // warnings only
    expect(stdout).toMatch(/p13n\.json: 1 warning/);
    expect(stdout).toContain('slot "hero", rule "winback-test"');
    expect(stdout).toMatch(
      /segment 'lapsed' is too small for this test: about 80 visitors a day reach it, 40 in its smallest variant;/,
    );
    expect(stdout).toMatch(
      /needs about [\d,]+ visitors per variant, about \d+ (years|months) at this pace, far past 4 weeks/,
    );
    expect(stdout).not.toContain('rule "hero-test"');
  });

  it('says what is wrong with a file that is not a report', async () => {
    writeFileSync(join(dir, 'p13n.json'), JSON.stringify({ segments: {}, slots: {} }));
    writeFileSync(join(dir, 'not-report.json'), '{"tests": 3}');
    const { code, stdout } = await cli(['validate', 'p13n.json', '--traffic', 'not-report.json']);
    expect(code).toBe(1);
    expect(stdout).toContain('the --traffic file is not a report of `p13n report … --json`');
    expect((await cli(['validate', 'p13n.json', '--traffic'])).code).toBe(2);
  });
});
