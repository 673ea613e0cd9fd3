/**
 * Configs built to freeze the page: each compiles within a generous budget, keeps what fits
 * under the limits working, and says which limit was hit, once. The real figures are printed (and
 * belong in the report); the asserted budget is 500 ms, ten times the 50 ms goal, for a loaded machine.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, parseConfigText } from '../../../../src/core/config/parse.js';
import { compileConfig } from '../../../../src/core/config/compile.js';
import {
  MAX_CONFIG_LENGTH,
  MAX_NAME_LENGTH,
  MAX_RULES,
  MAX_SEGMENT_DEPTH,
  MAX_SEGMENTS,
} from '../../../../src/core/limits.js';

const BUDGET_MS = 500;

/**
 * Parse, compile, and the first evaluation of every segment: all that runs before the first decision.
 * Timed in CPU time of this process (the machine is shared: wall time there measures the neighbours).
 */
function timed(json: unknown) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const parsed = parseConfig(json);
  const compiled = compileConfig(parsed.config, parsed.problems);
  const matched = compiled.segments.match(compiled.segments.evaluation({ visits: 3 }));
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000;
  lastWall = performance.now() - wall;
  // Cut: a failing match must not print a megabyte.
  return { compiled, matched, ms, messages: compiled.problems.map((p) => `${p.path}: ${p.message}`.slice(0, 400)) };
}

let lastWall = 0;
const figures: string[] = [];
const report = (name: string, ms: number) =>
  figures.push(`${name}: ${ms.toFixed(1)} ms CPU (${lastWall.toFixed(1)} ms wall)`);

describe('adversarial configs', () => {
  it('a rule naming an unknown 1 MB attribute', () => {
    const name = 'x'.repeat(1 << 20);
    const { ms, messages } = timed({
      segments: { ok: 'visits >= 1' },
      slots: { hero: { rules: [{ id: 'huge', when: `${name} > 1`, content: null }] } },
    });
    report('unknown 1 MB attribute', ms);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(messages).toEqual([
      expect.stringMatching(
        /^slots\.hero\.rules\[0\]\.when: The expression is 1048580 characters long, the limit is 1000/,
      ),
    ]);
  });

  it('a 5,000-segment cycle: the first 500 kept, one problem for the cycle, one for the limit', () => {
    const segments = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`s${i}`, `s${(i + 1) % 5000}`]));
    const { ms, messages } = timed({ segments, slots: {} });
    report('5,000-segment cycle', ms);
    expect(ms).toBeLessThan(BUDGET_MS);
    // s499 now uses the left-out s500: unknown; every segment before it is off because of it.
    expect(messages[0]).toMatch(`more than ${MAX_SEGMENTS} segments: 's500' and every later one are left out`);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatch(
      /^segments\.s499: segment 's499': Unknown segment 's500'.*segments off with it: s0, s1, .* and 489 more/,
    );
  });

  it('a 500-segment cycle (within the count limit): reported once, naming its length', () => {
    const segments = Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [`s${i}`, `visits > 1 AND s${(i + 1) % 500}`]),
    );
    const { ms, messages, compiled } = timed({ segments, slots: {} });
    report('500-segment cycle', ms);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(messages).toEqual([
      expect.stringMatching(
        /^segments\.s0: segment 's0': Segments use each other in a cycle: s0 → s1 → s2 → s3 → … \(500 segments\) → s499 → s0 .*segments off with it: s1, s2/,
      ),
    ]);
    expect(compiled.segments.errors.size).toBe(500);
  });

  it('1,000 segments with 100 KB names, as config text: refused before JSON.parse (33 s of it)', () => {
    const name = 'n'.repeat(100_000);
    const text = `{"segments":{${Array.from({ length: 1000 }, (_, i) => `"${name}${i}":"visits > 1"`).join(',')}}}`;
    const cpu = process.cpuUsage();
    const { problems } = parseConfigText(text);
    const used = process.cpuUsage(cpu);
    lastWall = 0;
    report('1,000 segments with 100 KB names (text)', (used.user + used.system) / 1000);
    expect(problems.map((p) => p.message)).toEqual([
      `config is 97675 KB, the limit is ${MAX_CONFIG_LENGTH / 1024} KB: every page keeps its default content`,
    ]);
  });

  it('1,000 segments with long names, as parsed JSON: one problem', () => {
    const segments = Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [`${'n'.repeat(1000)}${i}`, 'visits > 1']),
    );
    const { ms, messages } = timed({
      segments,
      slots: { hero: { rules: [{ id: 'r', when: 'nnnn', content: null }] } },
    });
    report('1,000 segments with 1 KB names (object)', ms);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(messages[0]).toMatch(`segment name is 1001 characters long, the limit is ${MAX_NAME_LENGTH}`);
    expect(messages).toHaveLength(2); // and the rule's unknown name
  });

  it('10,000 rules with a typo and 5,000 segments', () => {
    const segments = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`segment_${i}`, `visits > ${i}`]));
    const rules = Array.from({ length: 10_000 }, (_, i) => ({
      id: `r${i}`,
      when: `segmnt_${i % 5000} AND vists > 1`,
      content: null,
    }));
    const { ms, messages } = timed({ segments, slots: { hero: { rules } } });
    report('10,000 rules with a typo + 5,000 segments', ms);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(messages.filter((m) => m.includes('limit') || m.includes('more than'))).toEqual([
      expect.stringContaining(`more than ${MAX_SEGMENTS} segments`),
      expect.stringContaining(`more than ${MAX_RULES} rules in all slots: rule 'r1000'`),
    ]);
    expect(messages[2]).toMatch(/Unknown segment 'segmnt_0' at column 1. Did you mean 'segment_0'\?/);
  });

  it('a 20,000-segment chain: the first 500 kept, too deep past 32, said once', () => {
    const segments = Object.fromEntries(
      Array.from({ length: 20_000 }, (_, i) => [`c${i}`, i === 19_999 ? 'visits >= 1' : `c${i + 1}`]),
    );
    const { ms, messages } = timed({ segments, slots: {} });
    report('20,000-segment chain', ms);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(messages).toHaveLength(2);
  });

  it(`a chain within the count limit: true at depth ${MAX_SEGMENT_DEPTH}, refused once past it, naming the limit`, () => {
    const chain = (length: number) =>
      Object.fromEntries(Array.from({ length }, (_, i) => [`c${i}`, i === length - 1 ? 'visits >= 1' : `c${i + 1}`]));
    const fits = timed({ segments: chain(MAX_SEGMENT_DEPTH), slots: {} });
    expect(fits.messages).toEqual([]);
    expect(fits.matched).toHaveLength(MAX_SEGMENT_DEPTH);
    const { ms, messages, matched } = timed({
      segments: chain(MAX_SEGMENTS),
      slots: { hero: { rules: [{ id: 'deep', when: 'c0', content: null }] } },
    });
    report('500-segment chain', ms);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(messages).toEqual([
      expect.stringMatching(
        new RegExp(
          `^segments\\.c${MAX_SEGMENTS - MAX_SEGMENT_DEPTH - 1}: .*Segments use each other 33 deep .*the limit is ${MAX_SEGMENT_DEPTH}.*segments off with it: c0, .*rules off: deep`,
        ),
      ),
    ]);
    expect(matched).toHaveLength(MAX_SEGMENT_DEPTH); // the healthy tail still works
  });

  it('prints the figures', () => {
    console.log(`adversarial configs (parse + compile + first evaluation):\n  ${figures.join('\n  ')}`);
    expect(figures).toHaveLength(8);
  });
});
