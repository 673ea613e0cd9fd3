/** How well scores rank and are calibrated, on held-out rows: the model card's figures. */

export interface Metrics {
  readonly auc: number;
  readonly logloss: number;
  readonly logloss_base: number;
  readonly brier: number;
  readonly brier_base: number;
}

const EPSILON = 1e-15;
const clip = (p: number) => Math.min(1 - EPSILON, Math.max(EPSILON, p));

/** Log loss of each row (for the paired comparison of two models). */
export const rowLoss = (p: number, y: number) => -(y ? Math.log(clip(p)) : Math.log(1 - clip(p)));

/** Area under the ROC curve: the chance a random buyer outscores a random non-buyer (ties count half). */
export function auc(scores: ArrayLike<number>, y: ArrayLike<number>): number {
  const order = Array.from(scores, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const rank = (start + end) / 2 + 1; // average rank of the tied run, 1-based
    for (let k = start; k <= end; k++) if (y[order[k]!]) positives++, (rankSum += rank);
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** `base`: the training part's rate, the no-model prediction each figure is compared with. */
export function metrics(scores: ArrayLike<number>, y: ArrayLike<number>, base: number): Metrics {
  let logloss = 0;
  let loglossBase = 0;
  let brier = 0;
  let brierBase = 0;
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    const p = scores[i]!;
    const label = y[i]!;
    logloss += rowLoss(p, label);
    loglossBase += rowLoss(base, label);
    brier += (p - label) ** 2;
    brierBase += (base - label) ** 2;
  }
  return {
    auc: auc(scores, y),
    logloss: logloss / n,
    logloss_base: loglossBase / n,
    brier: brier / n,
    brier_base: brierBase / n,
  };
}

/** Ten groups of equal size by score: [mean predicted, observed rate, rows]. */
export function calibration(
  scores: ArrayLike<number>,
  y: ArrayLike<number>,
  groups = 10,
): Array<[number, number, number]> {
  const order = Array.from(scores, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const out: Array<[number, number, number]> = [];
  for (let g = 0; g < groups; g++) {
    const from = Math.floor((g * order.length) / groups);
    const to = Math.floor(((g + 1) * order.length) / groups);
    if (to <= from) continue;
    let predicted = 0;
    let observed = 0;
    for (let k = from; k < to; k++) {
      predicted += scores[order[k]!]!;
      observed += y[order[k]!]!;
    }
    out.push([predicted / (to - from), observed / (to - from), to - from]);
  }
  return out;
}

/** The score at 10%, 20%, … 90% of the rows (the lower of the two around each cut). */
export function quantiles(scores: ArrayLike<number>): number[] {
  const sorted = Float64Array.from(scores).sort();
  if (sorted.length === 0) return [];
  return Array.from(
    { length: 9 },
    (_, k) => sorted[Math.min(sorted.length - 1, Math.floor(((k + 1) * sorted.length) / 10))]!,
  );
}
