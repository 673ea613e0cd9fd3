/**
 * The studio knows the purchase model: its card (metrics against the base rate, calibration, effects,
 * dates), segments by band in one click with the held-out threshold, and the simulated visitor's score.
 */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { readerOf } from '../../../../src/core/attributes/predicted.js';
import { score } from '../../../../src/core/model/score.js';
import type { Model } from '../../../../src/core/model/types.js';
import { edited, type Json } from '../../../../src/tools/studio/page/edit.js';
import { ModelCard } from '../../../../src/tools/studio/page/model-card.js';
import { simulate } from '../../../../src/tools/studio/simulate.js';

const model: Model = {
  v: 1,
  b: -3.2,
  f: [
    { a: 'cart_value', l: 0.45 },
    { a: 'channel', c: { email: 1.1, direct: 0 }, o: -0.1 },
  ],
  card: {
    trained: '2026-11-30',
    label: 'visit',
    source: 'beacon',
    train: { from: '2026-10-05', to: '2026-11-22', rows: 120_000, positives: 3_600 },
    test: { from: '2026-11-23', to: '2026-11-29', rows: 20_000, positives: 640 },
    metrics: { auc: 0.781, logloss: 0.1188, logloss_base: 0.1367, brier: 0.0277, brier_base: 0.0296 },
    calibration: Array.from(
      { length: 10 },
      (_, i) => [0.01 * (i + 1), 0.011 * (i + 1), 2000] as [number, number, number],
    ),
    quantiles: [0.004, 0.006, 0.008, 0.011, 0.015, 0.02, 0.028, 0.0463, 0.0715],
    effects: ['a visitor from Email converts 2.9× as often as one from Direct, other things equal'],
  },
};

function mount(config: Json) {
  let current = config;
  const host = document.createElement('div');
  const draw = () =>
    render(<ModelCard config={current} edit={(change) => ((current = edited(current, change)), draw())} />, host);
  draw();
  return { host, config: () => current };
}

describe('ModelCard', () => {
  it('shows what the model was trained on and how it did against the base rate', () => {
    const { host } = mount({ models: { purchase: model } });
    const text = host.textContent!;
    expect(text).toContain('logistic regression on 2 attributes');
    expect(text).toContain('trained 2026-11-30 from beacon page views');
    expect(text).toContain('Converted means a purchase later in the same visit.');
    expect(text).toContain('2026-10-05 to 2026-11-22: 120,000 page views, 3.00% converted');
    expect(text).toContain('0.781 (0.5 is chance)');
    expect(text).toContain('0.1188 against 0.1367 for the base rate (−13.1%)');
    expect(host.querySelectorAll('.model-card__calibration tbody tr')).toHaveLength(10);
    expect(text).toContain('a visitor from Email converts 2.9× as often as one from Direct');
  });

  it('adds a segment for the 20% most likely to buy, with the held-out threshold', () => {
    const { host, config } = mount({ segments: { vip: 'tags CONTAINS "vip"' }, models: { purchase: model } });
    host.querySelector<HTMLButtonElement>('button[aria-label="add a segment for the 20% most likely to buy"]')!.click();
    expect(config().segments).toEqual({
      vip: 'tags CONTAINS "vip"',
      likely_buyers_top_20: 'predicted_purchase >= 0.0463',
    });
    expect(host.textContent).toContain('segment likely_buyers_top_20');
  });

  it('says why a model cannot be used', () => {
    const { host } = mount({ models: { purchase: { ...model, v: 2 } } });
    expect(host.textContent).toContain('This model cannot be used');
    expect(host.textContent).toContain("model 'purchase': version 2 is not 1: run p13n learn again");
  });

  it('shows nothing without a model', () => {
    expect(mount({ segments: {} }).host.innerHTML).toBe('');
  });
});

describe('simulate() with a model', () => {
  const config = {
    models: { purchase: model },
    segments: { likely: 'predicted_purchase >= 0.0463' },
    slots: { hero: { rules: [{ id: 'welcome', when: 'likely', content: { type: 'hero', heading: 'Hi' } }] } },
  };

  it("computes the visitor's score from their attributes, and rules read it", () => {
    const attributes = { cart_value: 120, channel: 'Email' };
    const result = simulate(config, { id: 'v', attributes, canExperiment: true });
    expect(result.predicted).toBe(score(model, readerOf(attributes)));
    expect(result.segments).toEqual(['likely']);
    expect(result.slots[0]!.decision.rule).toBe('welcome');
    const cold = simulate(config, { id: 'v', attributes: { cart_value: 0, channel: 'Direct' }, canExperiment: true });
    expect(cold.predicted!).toBeLessThan(0.0463);
    expect(cold.slots[0]!.decision.rule).toBeNull();
  });

  it('has no score without a model, whatever the attributes say', () => {
    const { models: _, ...without } = config;
    const result = simulate(without, { id: 'v', attributes: { predicted_purchase: 0.9 }, canExperiment: true });
    expect(result.predicted).toBeNull();
    expect(result.segments).toEqual([]);
  });
});
