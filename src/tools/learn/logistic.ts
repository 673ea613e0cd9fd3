/**
 * L2-regularised logistic regression on the encoded rows (encode.ts): minimizes the mean log loss
 * plus λ/2 · ‖w‖² (the intercept is not penalized) with L-BFGS, then writes the weights as a model
 * in the config's format, the standardization folded in.
 */
import type { LevelTerm, LogTerm, Model, Term } from '../../core/model/types.js';
import type { Design, Encoding } from './encode.js';
import { minimize } from './lbfgs.js';

/** Weights: [intercept, ...columns]. */
export function fitLogistic(
  data: Design,
  y: Uint8Array,
  encoding: Encoding,
  lambda: number,
  start?: Float64Array,
  onEvaluation?: () => void,
): Float64Array {
  const { n, dense, codes } = data;
  const d = encoding.dense;
  const k = codes.length;
  const width = encoding.width + 1;
  // Each row's level columns side by side (row-major), offset by the intercept: one flat read per row.
  const active = new Int32Array(n * k);
  for (let c = 0; c < k; c++) for (let i = 0; i < n; i++) active[i * k + c] = codes[c]![i]! + 1;
  const objective = (w: Float64Array, gradient: Float64Array): number => {
    onEvaluation?.();
    gradient.fill(0);
    let loss = 0;
    let intercept = 0;
    for (let i = 0; i < n; i++) {
      let z = w[0]!;
      const row = i * d;
      const at = i * k;
      for (let j = 0; j < d; j++) z += w[j + 1]! * dense[row + j]!;
      for (let c = 0; c < k; c++) z += w[active[at + c]!]!;
      // ln(1 + e^z) and the logistic from one exponential, without overflow either way.
      const e = Math.exp(-Math.abs(z));
      loss += (z > 0 ? z : 0) + Math.log1p(e) - (y[i] ? z : 0);
      const r = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[i]!;
      intercept += r;
      for (let j = 0; j < d; j++) gradient[j + 1]! += r * dense[row + j]!;
      for (let c = 0; c < k; c++) gradient[active[at + c]!]! += r;
    }
    let penalty = 0;
    for (let j = 1; j < width; j++) {
      gradient[j] = gradient[j]! / n + lambda * w[j]!;
      penalty += w[j]! * w[j]!;
    }
    gradient[0] = intercept / n;
    return loss / n + (lambda / 2) * penalty;
  };
  let positives = 0;
  for (const label of y) positives += label;
  const initial = start ? Float64Array.from(start) : new Float64Array(width);
  if (!start) {
    const rate = Math.min(Math.max(positives / Math.max(n, 1), 1e-6), 1 - 1e-6);
    initial[0] = Math.log(rate / (1 - rate));
  }
  return minimize(objective, initial, { tolerance: 1e-6 });
}

const rounded = (x: number) => Number(x.toPrecision(6));

/** The fitted weights as the config's model: `l` per raw ln(1 + x), levels by name. */
export function toModel(weights: Float64Array, encoding: Encoding): Model {
  let intercept = weights[0]!;
  const terms: Term[] = [];
  encoding.numbers.forEach((column, j) => {
    const w = weights[j + 1]!;
    const l = w / column.sd;
    intercept -= l * column.mean;
    // Missing: the row was imputed at the mean (no effect) plus its missing column's weight.
    const m = (column.missing >= 0 ? weights[column.missing + 1]! : 0) + l * column.mean;
    const term: LogTerm =
      m !== 0 && !column.name.includes('.')
        ? { a: column.name, l: rounded(l), m: rounded(m) }
        : { a: column.name, l: rounded(l) };
    terms.push(term);
  });
  for (const column of encoding.levels) {
    const c: Record<string, number> = {};
    column.levels.forEach((level, k) => {
      c[level] = rounded(weights[column.offset + k + 1]!);
    });
    const o = rounded(weights[column.offset + column.levels.length + 1]!);
    const m = rounded(weights[column.offset + column.levels.length + 2]!);
    const term: LevelTerm = { a: column.name, c, ...(o !== 0 ? { o } : {}), ...(m !== 0 ? { m } : {}) };
    terms.push(term);
  }
  return { v: 1, b: rounded(intercept), f: terms };
}
