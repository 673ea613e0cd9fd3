// @vitest-environment node
/**
 * `from` / `until` on rules and variants (README "Config reference"): a rule outside its schedule is
 * skipped as if its `when` were false; a variant outside its schedule shows its visitors the default
 * content without moving anyone's assignment. The validator warns about windows that cannot show.
 */
import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { validateConfig } from '../../../../src/core/config/validate.js';
import { decide, type DecideInput } from '../../../../src/core/decide/rules.js';
import { describeWindow, isOpen, parseInstant } from '../../../../src/core/decide/schedule.js';

const DAY = 86_400_000;
const FROM = '2026-11-27T00:00:00+01:00';
const UNTIL = '2026-12-01T00:00:00+01:00';
const OPENS = Date.parse(FROM);
const CLOSES = Date.parse(UNTIL);

const config = (rules: unknown[]) => {
  const parsed = parseConfig({ slots: { hero: { rules } } });
  return { compiled: compileConfig(parsed.config, parsed.problems), problems: parsed.problems };
};
const everyone = (compiled: ReturnType<typeof config>['compiled']) => compiled.segments.evaluation({});
const visitor = (now: number | undefined, extra: Partial<DecideInput> = {}): DecideInput => ({
  visitorId: 'v1',
  assignments: {},
  canExperiment: true,
  now,
  ...extra,
});

describe('a rule with from / until', () => {
  const { compiled } = config([
    { id: 'black-friday', from: FROM, until: UNTIL, content: { type: 'hide' } },
    { id: 'fallback', content: null },
  ]);
  const ruleAt = (now: number | undefined) => decide(compiled, everyone(compiled), visitor(now)).decisions[0]!;

  it('is skipped before it opens, so the next rule decides', () => {
    const decision = ruleAt(OPENS - 1);
    expect(decision.rule).toBe('fallback');
  });

  it('applies from its first millisecond', () => {
    expect(ruleAt(OPENS).rule).toBe('black-friday');
    expect(ruleAt(CLOSES - 1).rule).toBe('black-friday');
  });

  it('is skipped from `until` on (until is excluded)', () => {
    expect(ruleAt(CLOSES).rule).toBe('fallback');
  });

  it('is skipped when the clock is not given', () => {
    expect(ruleAt(undefined).rule).toBe('fallback');
  });

  it('says why when nothing else matches', () => {
    const alone = config([{ id: 'black-friday', from: FROM, until: UNTIL, content: null }]).compiled;
    const decision = decide(alone, everyone(alone), visitor(OPENS - 3 * DAY)).decisions[0]!;
    expect(decision.rule).toBeNull();
    expect(decision.reason).toBe("no rule matched; rule 'black-friday' is scheduled: starts in 3 days");
  });
});

describe('a variant with from / until', () => {
  const rules = [
    {
      id: 'test',
      variants: [
        { id: 'control', weight: 50, content: null },
        { id: 'late', weight: 50, from: FROM, content: { type: 'hide' } },
      ],
    },
  ];
  const { compiled } = config(rules);
  const ids = Array.from({ length: 400 }, (_, i) => `visitor-${i}`);
  const at = (now: number, id: string) => decide(compiled, everyone(compiled), visitor(now, { visitorId: id }));

  it('keeps every assignment where it is: the same draw before and after it opens', () => {
    const before = ids.map((id) => at(OPENS - DAY, id).newAssignments['test@1']);
    const after = ids.map((id) => at(OPENS + DAY, id).newAssignments['test@1']);
    expect(before).toEqual(after);
    expect(new Set(before)).toEqual(new Set(['control', 'late']));
  });

  it('shows its visitors the default content, uncounted, until it opens', () => {
    const id = ids.find((candidate) => at(OPENS - DAY, candidate).newAssignments['test@1'] === 'late');
    expect(id).toBeDefined();
    const early = at(OPENS - DAY, id!).decisions[0]!;
    expect(early).toMatchObject({ rule: 'test', variant: null, content: null, experiment: null });
    expect(early.reason).toBe("rule 'test': variant 'late' is scheduled: starts in 1 day; default content");
    expect(at(OPENS + DAY, id!).decisions[0]).toMatchObject({
      variant: 'late',
      content: { type: 'hide' },
      experiment: { counted: true },
    });
  });

  it('does the same for a kept assignment', () => {
    const kept = decide(compiled, everyone(compiled), visitor(OPENS - DAY, { assignments: { 'test@1': 'late' } }))
      .decisions[0]!;
    expect(kept).toMatchObject({ variant: null, content: null });
  });
});

describe('parsing from / until', () => {
  it.each(['2026-11-27', '2026-11-27T00:00:00', 'next friday', 20261127])(
    'drops a rule whose from is %j, naming it',
    (from) => {
      const { compiled, problems } = config([{ id: 'sale', from, content: null }]);
      expect(compiled.slots[0]!.rules).toEqual([]);
      expect(problems[0]!.path).toBe('slots.hero.rules[0].from');
      expect(problems[0]!.message).toContain("rule 'sale'");
    },
  );

  it('accepts Z and fractions of a second', () => {
    expect(parseInstant('2026-11-27T00:00:00.250Z')).toBe(Date.UTC(2026, 10, 27, 0, 0, 0, 250));
    expect(parseInstant('2026-11-27T00:00-05:00')).toBe(Date.UTC(2026, 10, 27, 5));
  });
});

describe('describeWindow()', () => {
  const schedule = { from: OPENS, until: CLOSES };
  it('says when it starts, ends or ended', () => {
    expect(describeWindow(schedule, OPENS - 3 * DAY)).toBe('starts in 3 days');
    expect(describeWindow(schedule, OPENS + 3600_000)).toBe('ends in 3 days');
    expect(describeWindow(schedule, CLOSES - 5 * 3600_000)).toBe('ends in 5 hours');
    expect(describeWindow(schedule, CLOSES + 2 * DAY)).toBe('ended 2 days ago');
    expect(isOpen(schedule, CLOSES)).toBe(false);
  });
});

describe('the validator on windows', () => {
  const slots = (rule: Record<string, unknown>) => ({
    slots: { hero: { rules: [{ id: 'sale', content: null, ...rule }] } },
  });

  it('warns about a schedule that has ended, given the clock', () => {
    const problems = validateConfig(slots({ until: UNTIL }), { now: CLOSES + 2 * DAY });
    expect(problems).toMatchObject([
      {
        severity: 'warning',
        code: 'schedule',
        path: 'slots.hero.rules[0].until',
        message: "rule 'sale' has ended 2 days ago: it no longer applies",
      },
    ]);
    expect(validateConfig(slots({ until: UNTIL }), { now: OPENS })).toEqual([]);
  });

  it('warns about a schedule that never opens', () => {
    const problems = validateConfig(slots({ from: UNTIL, until: FROM }));
    expect(problems).toMatchObject([
      { severity: 'warning', code: 'schedule', message: `rule 'sale' never applies: "until" is not after "from"` },
    ]);
  });

  it('accepts from / until on rules and variants as known keys', () => {
    const config = {
      slots: {
        hero: { rules: [{ id: 'ab', from: FROM, variants: [{ id: 'a', weight: 1, content: null, until: UNTIL }] }] },
      },
    };
    expect(validateConfig(config, { now: OPENS })).toEqual([]);
  });
});

describe('the debug panel on windows', () => {
  it('says "scheduled: starts in 3 days", "on now" and "ended 2 days ago"', async () => {
    const { scheduleText } = await import('../../../../src/tools/debug-panel/views.js');
    const schedule = { from: OPENS, until: CLOSES };
    expect(scheduleText(schedule, OPENS - 3 * DAY)).toBe('scheduled: starts in 3 days');
    expect(scheduleText(schedule, CLOSES - 2 * 3600_000)).toBe('on now: ends in 2 hours');
    expect(scheduleText(schedule, CLOSES + 2 * DAY)).toBe('ended 2 days ago');
  });
});
