/** The debug panel shows the visitor's predicted_purchase and its three largest contributions. */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../../../src/app/inspect.js';
import type { Model } from '../../../../src/core/model/types.js';
import { PredictionView } from '../../../../src/tools/debug-panel/prediction.js';

const model: Model = {
  v: 1,
  b: -3,
  f: [
    { a: 'cart_value', l: 0.5 },
    { a: 'channel', c: { email: 0.9 }, o: -0.1 },
    { a: 'device', c: { mobile: -0.3 } },
    { a: 'visits', l: 0.05 },
  ],
  card: { trained: '2026-11-30' },
};
const snapshot = (m: Model | null) =>
  ({
    ready: true,
    attributes: { cart_value: 89, channel: 'Email', device: 'mobile', visits: 2 },
    model: m,
  }) as unknown as Inspection;

describe('PredictionView', () => {
  it('shows the score and the three attributes that move it most, in order', () => {
    const host = document.createElement('div');
    render(<PredictionView snapshot={snapshot(model)} />, host);
    const z = -3 + 0.5 * Math.log(90) + 0.9 - 0.3 + 0.05 * Math.log(3);
    expect(host.querySelector('strong')!.textContent).toBe(`${(100 / (1 + Math.exp(-z))).toFixed(1)}%`);
    expect(host.textContent).toContain('model of 2026-11-30');
    const items = [...host.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      `cart_value 89 raises the odds ×${Math.exp(0.5 * Math.log(90)).toFixed(2)}`,
      'channel Email raises the odds ×2.46',
      'device mobile lowers the odds ×0.74',
    ]);
  });

  it('shows nothing without a model', () => {
    const host = document.createElement('div');
    render(<PredictionView snapshot={snapshot(null)} />, host);
    expect(host.innerHTML).toBe('');
  });
});
