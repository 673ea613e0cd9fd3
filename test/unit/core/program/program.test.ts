/**
 * @vitest-environment node
 *
 * A config compiled ahead of time into a decision program decides exactly as the config compiled in
 * the page: every expression case of segments/cases.json, and the demo config's decisions for random
 * visitors, through a JSON round trip of the program.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { decide } from '../../../../src/core/decide/rules.js';
import { compiledFromProgram, isProgram, toProgram, type Program } from '../../../../src/core/program/program.js';
import type { Attributes } from '../../../../src/core/types.js';

interface Case {
  readonly name: string;
  readonly expression: string;
  readonly attributes: Attributes;
  readonly segments?: Record<string, string>;
  readonly expected: boolean | object;
}

const root = join(import.meta.dirname, '../../../..');
const cases: Case[] = JSON.parse(readFileSync(join(root, 'test/unit/core/segments/cases.json'), 'utf8'));
const demo = JSON.parse(readFileSync(join(root, 'demo/p13n.json'), 'utf8'));

/** Compiles a config ahead of time, sends the program through JSON as a page would, and loads it. */
function throughProgram(source: unknown) {
  const parsed = parseConfig(source);
  const program = JSON.parse(
    JSON.stringify(toProgram(compileConfig(parsed.config, parsed.problems), source)),
  ) as Program;
  expect(isProgram(program)).toBe(true);
  const again = parseConfig(program.config);
  return compiledFromProgram(program, again.config, again.problems);
}

describe('a decision program', () => {
  const decided = cases.filter((c) => typeof c.expected === 'boolean');

  it.each(decided.map((c) => [c.name, c] as const))('decides the expression case "%s" as the config does', (_, c) => {
    const config = {
      segments: c.segments ?? {},
      slots: { s: { rules: [{ id: 'r', when: c.expression, content: { type: 'hide' } }] } },
    };
    const compiled = throughProgram(config);
    const rule = compiled.slots[0]!.rules[0]!;
    expect(rule.disabled).toBeNull();
    expect(rule.predicate!(compiled.segments.evaluation(c.attributes))).toBe(c.expected);
  });

  it('makes the same decisions as the demo config compiled in the page, for random visitors', () => {
    const inPage = compileConfig(parseConfig(demo).config);
    const ahead = throughProgram(demo);
    expect(ahead.segments.names).toEqual(inPage.segments.names);
    const attributes = fc.record({
      visits: fc.integer({ min: 0, max: 20 }),
      pageviews: fc.integer({ min: 0, max: 50 }),
      new_visitor: fc.boolean(),
      days_since_last_visit: fc.option(fc.integer({ min: 0, max: 90 })),
      total_spent: fc.double({ min: 0, max: 500, noNaN: true }),
      cart_value: fc.double({ min: 0, max: 300, noNaN: true }),
      orders: fc.integer({ min: 0, max: 5 }),
      logged_in: fc.boolean(),
      tags: fc.option(fc.subarray(['vip', 'wholesale', 'staff'])),
      channel: fc.constantFrom('Email', 'Direct', 'Organic Social', 'Paid Search', null),
      referrer_type: fc.constantFrom('social', 'ai', 'search', 'direct', null),
      device: fc.constantFrom('mobile', 'tablet', 'desktop', null),
      interest: fc.dictionary(fc.constantFrom('running', 'hiking', 'yoga'), fc.integer({ min: 0, max: 5 })),
      path: fc.constantFrom('/', '/collections/running', '/products/x'),
    });
    fc.assert(
      fc.property(attributes, fc.string({ minLength: 1, maxLength: 12 }), (attrs, visitorId) => {
        const visitor = { visitorId, assignments: {}, canExperiment: true, now: Date.UTC(2026, 11, 6) };
        const a = decide(inPage, inPage.segments.evaluation(attrs as Attributes), visitor);
        const b = decide(ahead, ahead.segments.evaluation(attrs as Attributes), visitor);
        expect(b.decisions).toEqual(a.decisions);
        expect(ahead.segments.match(ahead.segments.evaluation(attrs as Attributes))).toEqual(
          inPage.segments.match(inPage.segments.evaluation(attrs as Attributes)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('turns off a rule whose condition the program lacks, and fails closed on a form it does not know', () => {
    const source = {
      segments: { odd: "device = 'mobile'" },
      slots: { s: { rules: [{ id: 'r', when: 'odd', content: null }] } },
    };
    const parsed = parseConfig(source);
    const program = toProgram(compileConfig(parsed.config), source);
    const lacking = compiledFromProgram({ ...program, when: {} }, parsed.config, []);
    expect(lacking.slots[0]!.rules[0]!.disabled).toMatch(/no condition/);
    const strange = compiledFromProgram(
      { ...program, segments: [['odd', ['~~', 'device', 'mobile']]] },
      parsed.config,
      [],
    );
    expect(strange.segments.evaluation({ device: 'mobile' }).segment('odd')).toBe(false);
  });

  it('refuses text expressions until the expression compiler is there, with words that say so', () => {
    const parsed = parseConfig(demo);
    const program = toProgram(compileConfig(parsed.config), demo);
    expect(() => compiledFromProgram(program, parsed.config, []).segments.compile('visits > 1')).toThrow(
      /compiler is not loaded/,
    );
  });
});
