/**
 * A tiny gradient-boosted tree model (log loss; depth ≤ 3, ≤ 50 trees), the alternative the learner
 * offers when it beats the regression clearly on the same held-out part. Histogram splits: a number
 * is cut at one of up to 32 quantiles (`value < cut`), a value from a set by a group of its levels
 * (sorted by gradient, as LightGBM does). Missing values, and levels too rare to have a weight, always
 * take the `no` branch, as `score()` sends them. Fitted on at most `maxRows` rows of the training part.
 */
import { MAX_MODEL_WEIGHT } from '../../core/limits.js';
import type { Model, TreeNode } from '../../core/model/types.js';
import type { Encoding } from './encode.js';
import type { Table } from './table.js';

export interface TreeOptions {
  readonly trees: number;
  readonly depth: number;
  /** Shrinkage of each tree's leaves. */
  readonly rate: number;
  readonly minLeaf: number;
  /** L2 on leaf values. */
  readonly lambda: number;
  readonly maxRows: number;
}

export const TREE_DEFAULTS: TreeOptions = { trees: 50, depth: 3, rate: 0.2, minLeaf: 50, lambda: 1, maxRows: 100_000 };

interface Feature {
  readonly name: string;
  /** Per row: its bin; `missing` for a missing value (numbers) or a level without a weight. */
  readonly bins: Uint8Array;
  readonly bins_count: number;
  /** Numbers: bin k holds values in [cuts[k-1], cuts[k]). Levels: bin k is levels[k]. */
  readonly cuts?: readonly number[];
  readonly levels?: readonly string[];
}

const round = (x: number) => Number(x.toPrecision(6));

/** Deterministic row sample (mulberry32), so two runs write the same model. */
function sample(n: number, size: number): Int32Array {
  if (n <= size) return Int32Array.from({ length: n }, (_, i) => i);
  let state = 0x9e3779b9;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const chosen = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    [chosen[i], chosen[j]] = [chosen[j]!, chosen[i]!];
  }
  return chosen.slice(0, size).sort();
}

function features(table: Table, encoding: Encoding, rows: Int32Array): Feature[] {
  const out: Feature[] = [];
  for (const column of encoding.numbers) {
    const values = table.numbers.get(column.name);
    if (!values) continue;
    const present = Float64Array.from(rows, (i) => values[i]!)
      .filter((x) => x === x)
      .sort();
    const cuts = [
      ...new Set(Array.from({ length: 32 }, (_, k) => present[Math.floor(((k + 1) * present.length) / 33)]!)),
    ]
      .filter((cut) => cut !== undefined && cut > present[0]!)
      .sort((a, b) => a - b);
    if (cuts.length === 0) continue;
    const bins = new Uint8Array(rows.length);
    rows.forEach((row, i) => {
      const x = values[row]!;
      if (x !== x) bins[i] = cuts.length + 1;
      else {
        let bin = 0;
        while (bin < cuts.length && x >= cuts[bin]!) bin++;
        bins[i] = bin;
      }
    });
    out.push({ name: column.name, bins, bins_count: cuts.length + 2, cuts });
  }
  for (const column of encoding.levels) {
    const values = table.levels.get(column.name)!;
    const index = new Map(column.levels.map((level, k) => [level, k]));
    const bins = Uint8Array.from(rows, (row) => index.get(values[row] ?? '') ?? column.levels.length);
    out.push({ name: column.name, bins, bins_count: column.levels.length + 1, levels: column.levels });
  }
  return out;
}

interface Split {
  readonly gain: number;
  readonly feature: Feature;
  /** Bins that go `yes`. */
  readonly yes: ReadonlySet<number>;
  readonly test: number | string[];
}

export function fitTrees(table: Table, indices: ArrayLike<number>, encoding: Encoding, options = TREE_DEFAULTS): Model {
  const rows = sample(indices.length, options.maxRows).map((k) => indices[k]!);
  const n = rows.length;
  const y = Uint8Array.from(rows, (row) => table.y[row]!);
  let positives = 0;
  for (const label of y) positives += label;
  const rate = Math.min(Math.max(positives / n, 1e-6), 1 - 1e-6);
  const base = Math.log(rate / (1 - rate));
  const score = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const list = features(table, encoding, rows);
  const trees: TreeNode[] = [];

  const bestSplit = (members: Int32Array): Split | null => {
    let G = 0;
    let H = 0;
    for (const i of members) (G += grad[i]!), (H += hess[i]!);
    const parent = (G * G) / (H + options.lambda);
    let best: Split | null = null;
    for (const feature of list) {
      const k = feature.bins_count;
      const g = new Float64Array(k);
      const h = new Float64Array(k);
      const c = new Int32Array(k);
      for (const i of members) {
        const bin = feature.bins[i]!;
        g[bin]! += grad[i]!;
        h[bin]! += hess[i]!;
        c[bin]!++;
      }
      // Candidate "yes" groups: for a number, the bins below each cut; for levels, prefixes by gradient.
      const order = feature.cuts
        ? Array.from({ length: feature.cuts.length + 1 }, (_, b) => b)
        : Array.from({ length: feature.levels!.length }, (_, b) => b)
            .filter((b) => c[b]! > 0)
            .sort((a, b) => g[a]! / (h[a]! + options.lambda) - g[b]! / (h[b]! + options.lambda));
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let p = 0; p < order.length - (feature.cuts ? 1 : 0); p++) {
        const bin = order[p]!;
        gl += g[bin]!;
        hl += h[bin]!;
        cl += c[bin]!;
        if (cl < options.minLeaf || members.length - cl < options.minLeaf) continue;
        const gain = (gl * gl) / (hl + options.lambda) + (G - gl) ** 2 / (H - hl + options.lambda) - parent;
        if (gain > 1e-9 && (!best || gain > best.gain)) {
          const yes = new Set(order.slice(0, p + 1));
          const test = feature.cuts ? feature.cuts[p]! : order.slice(0, p + 1).map((b) => feature.levels![b]!);
          best = { gain, feature, yes, test };
        }
      }
    }
    return best;
  };

  const grow = (members: Int32Array, depth: number): TreeNode => {
    const split = depth < options.depth && members.length >= 2 * options.minLeaf ? bestSplit(members) : null;
    if (!split) {
      let G = 0;
      let H = 0;
      for (const i of members) (G += grad[i]!), (H += hess[i]!);
      const value = Math.max(-MAX_MODEL_WEIGHT, Math.min(MAX_MODEL_WEIGHT, (-G / (H + options.lambda)) * options.rate));
      for (const i of members) score[i]! += value;
      return round(value);
    }
    const yes = members.filter((i) => split.yes.has(split.feature.bins[i]!));
    const no = members.filter((i) => !split.yes.has(split.feature.bins[i]!));
    return [split.feature.name, split.test, grow(yes, depth + 1), grow(no, depth + 1)];
  };

  const all = Int32Array.from({ length: n }, (_, i) => i);
  for (let t = 0; t < options.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-score[i]!));
      grad[i] = p - y[i]!;
      hess[i] = Math.max(p * (1 - p), 1e-12);
    }
    const tree = grow(all, 0);
    if (typeof tree === 'number' && Math.abs(tree) < 1e-6) break; // nothing left to learn
    trees.push(tree);
  }
  return { v: 1, b: round(base), t: trees };
}
