// @vitest-environment node
/**
 * The shadowed-rule check: a later rule whose `when` implies an earlier rule's on the same slot can
 * never show. It must never cry wolf: every implication it claims is checked against the script's own
 * compiled predicates on many visitors, missing and odd values included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleImplication } from '../../../../src/core/config/shadow.js';
import { validateConfig } from '../../../../src/core/config/validate.js';
import { compileSegments, parse } from '../../../../src/core/segments/index.js';
import type { Attributes } from '../../../../src/core/types.js';

const SEGMENTS = {
  returning: 'visits >= 2',
  loyal: 'visits >= 3',
  mobile: "device = 'mobile'",
  handheld: "device IN ('mobile', 'tablet')",
  member: 'logged_in',
  engaged: 'returning AND member',
  runner: 'interest.running >= 2',
  either: "mobile OR device = 'tablet'",
};

const covers = (later: string | undefined, earlier: string | undefined) =>
  ruleImplication(SEGMENTS)(
    later === undefined ? undefined : parse(later),
    earlier === undefined ? undefined : parse(earlier),
  );

describe('ruleImplication()', () => {
  it.each([
    ['visits >= 3', 'visits >= 2'],
    ['loyal', 'returning'],
    ['visits > 2', 'visits >= 2'],
    ['visits = 2', 'visits >= 2'],
    ['visits BETWEEN 3 AND 5', 'visits > 2'],
    ['visits IN (3, 4)', 'visits BETWEEN 3 AND 4'],
    ['visits >= 3 AND visits <= 5', 'visits < 10'],
    ['visits = 5', 'visits != 3'],
    ['visits >= 10', 'visits NOT BETWEEN 2 AND 5'],
    ['visits >= 3', 'visits IS NOT NULL'],
    ['number_of_orders >= 3', 'orders >= 1'],
    ['interest.Running >= 3', 'interest.running > 2'],
    ["device = 'mobile'", "device IN ('mobile', 'tablet')"],
    ["device = 'MOBILE'", 'mobile'],
    ['mobile', 'handheld'],
    ["device IN ('tablet')", 'either'],
    ['member', 'logged_in = true'],
    ['engaged', 'member'],
    ["returning AND device = 'mobile'", 'returning'],
    ['loyal AND member', 'returning AND logged_in'],
    ['loyal', 'returning OR member'],
    ["loyal OR (returning AND device = 'mobile')", 'returning'],
    ["campaign CONTAINS 'winter' AND mobile", "campaign CONTAINS 'winter'"],
    ['NOT logged_in AND visits >= 5', 'NOT logged_in'],
    ['last_order_date > -30d AND loyal', 'last_order_date > -30d'],
    ['visits >= 3', undefined],
    ['visits >= 3', 'true'],
  ])('%s is caught by an earlier %s', (later, earlier) => {
    expect(covers(later, earlier)).toBe(true);
  });

  it.each([
    ['visits >= 2', 'visits >= 3'],
    ['visits >= 2', 'visits > 2'],
    ['visits < 3', 'visits <= 2'], // 2.5 visits is a number too
    ['visits != 3', 'visits > 3'],
    ['visits NOT BETWEEN 2 AND 5', 'visits > 5'],
    ['visits >= 3', 'orders >= 3'],
    ['visits >= 3', "device = 'mobile'"],
    ["device = 'mobile'", "device = 'tablet'"],
    ["device != 'mobile'", "device = 'tablet'"],
    ['handheld', 'mobile'],
    ['returning', 'engaged'],
    ['returning OR member', 'loyal'],
    ['NOT loyal', 'NOT returning'], // true for 2 visits, and for none
    ['NOT (visits >= 3)', 'visits < 3'], // true when visits is missing
    ['visits IS NULL', 'visits < 3'],
    ["tags CONTAINS 'vip'", "tags CONTAINS 'VIP' AND visits >= 0"],
    ['logged_in = false', 'NOT logged_in'],
    ['last_order_date > -30d', 'last_order_date > -60d'], // dates: only the very same test
    [undefined, 'visits >= 0'],
    ['visits > 5 AND visits < 3', 'false'],
    ['false', 'visits >= 2'],
  ])('%s is not claimed to be caught by %s', (later, earlier) => {
    expect(covers(later, earlier)).toBe(false);
  });

  it('gives up, silently, when a proof would take too long', () => {
    // 30 segments, each the OR of the previous two: exponential if expanded naively.
    const chain: Record<string, string> = { s0: 'visits = 0', s1: 'visits = 1' };
    for (let i = 2; i < 30; i++) chain[`s${i}`] = `(s${i - 1} OR s${i - 2}) AND visits IS NOT NULL`;
    const check = ruleImplication(chain);
    const started = performance.now();
    expect(check(parse('s29'), parse('visits >= 0'))).toBe(true);
    expect(check(parse('s29 AND orders > 1'), parse('s28 AND orders > 2'))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('ruleImplication() never claims what the script would contradict', () => {
  const set = compileSegments(SEGMENTS);
  const number = fc.constantFrom(-1, 0, 1, 2, 3, 4, 5);
  const test = fc.oneof(
    fc
      .tuple(
        fc.constantFrom('visits', 'orders', 'number_of_orders', 'interest.running', 'interest.Running'),
        fc.constantFrom('=', '!=', '<', '<=', '>', '>='),
        number,
      )
      .map(([a, op, n]) => `${a} ${op} ${n}`),
    fc.tuple(number, number).map(([a, b]) => `visits BETWEEN ${Math.min(a, b)} AND ${Math.max(a, b)}`),
    fc.tuple(number, number).map(([a, b]) => `visits NOT BETWEEN ${Math.min(a, b)} AND ${Math.max(a, b)}`),
    fc.array(number, { minLength: 1, maxLength: 3 }).map((ns) => `visits IN (${ns.join(', ')})`),
    fc.constantFrom('visits IS NULL', 'visits IS NOT NULL', 'interest.running IS NOT NULL'),
    fc
      .tuple(fc.constantFrom('=', '!='), fc.constantFrom('mobile', 'MOBILE', 'Tablet', 'desktop'))
      .map(([op, d]) => `device ${op} '${d}'`),
    fc
      .array(fc.constantFrom('mobile', 'Tablet', 'desktop'), { minLength: 1, maxLength: 3 })
      .map((ds) => `device IN (${ds.map((d) => `'${d}'`).join(', ')})`),
    fc.constantFrom('logged_in', 'logged_in = true', 'logged_in = false', 'device IS NOT NULL', 'true', 'false'),
    fc.constantFrom(...Object.keys(SEGMENTS)),
  );
  const { expression } = fc.letrec<{ expression: string }>((tie) => ({
    expression: fc.oneof(
      { depthSize: 'small' },
      test,
      fc
        .tuple(tie('expression'), fc.constantFrom('AND', 'OR'), tie('expression'))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie('expression').map((e) => `NOT ${e}`),
    ),
  }));
  const visits = [undefined, null, Number.NaN, -Infinity, Infinity, -1, 0, 1, 2, 2.5, 3, 4, 5, 6];
  const visitor = fc.record({
    visits: fc.constantFrom(...visits),
    orders: fc.constantFrom(...visits),
    interest: fc.constantFrom(undefined, {}, { running: 0 }, { running: 2 }, { running: 3 }, { running: 5.5 }),
    device: fc.constantFrom(undefined, 'mobile', 'MOBILE', 'Mobile', 'tablet', 'desktop'),
    logged_in: fc.constantFrom(undefined, true, false),
  });

  // Random pairs, and pairs built to be implications (so that the ranges and AND / OR paths are hit).
  const pair = fc.oneof(
    fc.tuple(expression, expression),
    fc.tuple(expression, expression).map(([a, b]) => [`(${a}) AND ${b}`, a] as [string, string]),
    fc.tuple(expression, expression).map(([a, b]) => [a, `${b} OR (${a})`] as [string, string]),
  );

  it('holds for every visitor whenever it says a rule is caught', () => {
    const check = ruleImplication(SEGMENTS);
    let claimed = 0;
    fc.assert(
      fc.property(pair, fc.array(visitor, { minLength: 40, maxLength: 40 }), ([later, earlier], visitors) => {
        if (!check(parse(later), parse(earlier))) return;
        claimed++;
        const [b, a] = [set.compile(later), set.compile(earlier)];
        for (const attrs of visitors) {
          const ev = set.evaluation(attrs as unknown as Attributes);
          if (b(ev)) expect(a(ev), `${later} ⇒ ${earlier} for ${JSON.stringify(attrs)}`).toBe(true);
        }
      }),
      { numRuns: 3_000 },
    );
    expect(claimed).toBeGreaterThan(1_000); // the property is not vacuous
  });
});

describe('p13n validate: a rule shadowed by an earlier one', () => {
  const config = (rules: unknown[]) => ({ segments: SEGMENTS, slots: { hero: { rules } } });
  const hide = { type: 'hide' };

  it('is an error on the later rule, naming both', () => {
    const problems = validateConfig(
      config([
        { id: 'returning', when: 'returning', content: hide },
        { id: 'loyal', when: 'loyal', content: hide },
      ]),
    ).filter((p) => p.code === 'unreachable');
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'slots.hero.rules[1]',
        where: 'slot "hero", rule "loyal"',
        message:
          "rule 'loyal' can never match: every visitor it would match already matches rule 'returning' before it",
      }),
    ]);
    expect(problems[0]!.hint).toContain("move 'loyal' above 'returning'");
  });

  it('is nothing in the right order, or when the earlier rule has a schedule', () => {
    const ok = validateConfig(
      config([
        { id: 'loyal', when: 'loyal', content: hide },
        { id: 'returning', when: 'returning', content: hide },
        { id: 'sale', until: '2020-01-01T00:00:00Z', content: hide },
        { id: 'mobile', when: "device = 'mobile' AND visits >= 1", content: hide },
      ]),
    );
    expect(ok.filter((p) => p.code === 'unreachable')).toEqual([]);
  });

  it('still names the catch-all for a rule after one without "when"', () => {
    const problems = validateConfig(
      config([
        { id: 'everyone', content: hide },
        { id: 'loyal', when: 'loyal', content: hide },
      ]),
    ).filter((p) => p.code === 'unreachable');
    expect(problems.map((p) => p.message)).toEqual([
      "rule 'loyal' can never match: rule 'everyone' before it matches every visitor",
    ]);
  });
});
