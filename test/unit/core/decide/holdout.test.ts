/**
 * The personalization holdout (config `holdout`): a stable, versioned share of visitors who see the
 * defaults for every rule, and whose exposures the report compares with the personalized visitors'.
 */
import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { decide } from '../../../../src/core/decide/rules.js';
import { holdoutGroup } from '../../../../src/core/decide/holdout.js';
import type { Evaluation } from '../../../../src/core/segments/index.js';

const ids = Array.from({ length: 10_000 }, (_, i) => `visitor-${i}-${(i * 2654435761) >>> 0}`);

describe('holdoutGroup()', () => {
  it('holds out the configured share of 10,000 visitors, within 1 point', () => {
    for (const percent of [5, 10, 50]) {
      const held = ids.filter((id) => holdoutGroup({ percent, id: 'holdout-2026' }, id) === 'holdout').length;
      expect(Math.abs(held / ids.length - percent / 100)).toBeLessThan(0.01);
    }
  });

  it('is stable: the same visitor and holdout always give the same group', () => {
    const first = ids.map((id) => holdoutGroup({ percent: 5, id: 'h' }, id));
    expect(ids.map((id) => holdoutGroup({ percent: 5, id: 'h' }, id))).toEqual(first);
  });

  it('is versioned by its id: a new id draws a new holdout, independent of the old one', () => {
    const a = new Set(ids.filter((id) => holdoutGroup({ percent: 10, id: 'holdout-2026' }, id) === 'holdout'));
    const b = ids.filter((id) => holdoutGroup({ percent: 10, id: 'holdout-2027' }, id) === 'holdout');
    const both = b.filter((id) => a.has(id)).length;
    // Independent draws overlap on about 10% × 10% = 1% of visitors (100 of 10,000), not on 10%.
    expect(both).toBeGreaterThan(50);
    expect(both).toBeLessThan(160);
  });

  it("keeps a grown holdout's earlier members (the draw is a threshold on one hash)", () => {
    const five = ids.filter((id) => holdoutGroup({ percent: 5, id: 'h' }, id) === 'holdout');
    expect(five.every((id) => holdoutGroup({ percent: 10, id: 'h' }, id) === 'holdout')).toBe(true);
  });
});

describe('decide() with a holdout', () => {
  const json = {
    holdout: { percent: 50, id: 'h1' },
    segments: {},
    slots: {
      hero: { rules: [{ id: 'winback', content: { type: 'html', html: '<p>hi</p>' } }] },
      banner: {
        rules: [
          {
            id: 'test',
            variants: [
              { id: 'control', weight: 50, content: null },
              { id: 'b', weight: 50, content: { type: 'hide' } },
            ],
          },
        ],
      },
    },
  };
  const compiled = compileConfig(parseConfig(json).config);
  const evaluation = {} as unknown as Evaluation;
  const decideFor = (visitorId: string, canExperiment = true) =>
    decide(compiled, evaluation, { visitorId, assignments: {}, canExperiment });
  const held = ids.find((id) => holdoutGroup({ percent: 50, id: 'h1' }, id) === 'holdout')!;
  const personalized = ids.find((id) => holdoutGroup({ percent: 50, id: 'h1' }, id) === 'personalized')!;

  it('shows held-out visitors the defaults for every rule, tests included, and assigns them nothing', () => {
    const { decisions, newAssignments } = decideFor(held);
    expect(decisions.map((d) => [d.rule, d.content, d.experiment, d.holdout?.group])).toEqual([
      ['winback', null, null, 'holdout'],
      ['test', null, null, 'holdout'],
    ]);
    expect(newAssignments).toEqual({});
  });

  it("personalizes the others as usual, marked for the holdout's exposure", () => {
    const { decisions } = decideFor(personalized);
    expect(decisions[0]).toMatchObject({
      rule: 'winback',
      content: { type: 'html' },
      holdout: { key: 'h1', group: 'personalized' },
    });
    expect(decisions[1]!.experiment).toMatchObject({ key: 'test@1', counted: true });
  });

  it('leaves visitors who cannot be in tests out of the holdout too (bots, no consent)', () => {
    const decision = decideFor(held, false).decisions[0]!;
    expect(decision.content).toMatchObject({ type: 'html' });
    expect(decision.holdout ?? null).toBeNull();
  });

  it('rejects a holdout without a percent or an id, in words', () => {
    expect(parseConfig({ ...json, holdout: { percent: 0 } }).problems).toEqual([
      expect.objectContaining({ path: 'holdout', message: expect.stringContaining('percent') }),
    ]);
  });
});
