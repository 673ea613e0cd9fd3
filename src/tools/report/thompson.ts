/**
 * Thompson sampling's one number per arm: the probability that the arm is the best, estimated by
 * drawing each arm's value from its posterior many times and counting how often each draw wins.
 * Seeded, so the same data always give the same weights (a daily job that reruns writes nothing new).
 * - conversion: Beta(1 + p·m, 1 + (1 − p)·m), where m = p(1 − p)/Var(p) is the number of visitors the
 *   estimate is worth (with one period of weights, m is the visitors and p·m the buyers: Beta(1 + x,
 *   1 + n − x), the textbook posterior under a uniform prior);
 * - revenue per visitor: Normal(mean, Var(mean)), the large-sample posterior of a mean.
 * Pure.
 */

export interface ArmEstimate {
  /** The estimate (a rate, or a mean) and its variance, as the report computed them. */
  readonly value: number;
  readonly variance: number;
  readonly visitors: number;
}

/** Deterministic numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a text: the seed of a test's draws. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape < 1 through the boost Gamma(shape + 1)·U^(1/shape). */
export function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Beta(a, b). With both shapes past 50 (50 buyers and 50 who did not buy), the normal of the same mean
 * and variance, which is then indistinguishable for ranking arms and four times cheaper.
 */
export function beta(a: number, b: number, random: () => number): number {
  if (a > 50 && b > 50) {
    const mean = a / (a + b);
    return mean + Math.sqrt((mean * (1 - mean)) / (a + b + 1)) * normal(random);
  }
  const x = gamma(a, random);
  return x / (x + gamma(b, random));
}

/** One draw from an arm's posterior. */
function draw(arm: ArmEstimate, metric: 'conversion' | 'revenue', random: () => number): number {
  if (metric === 'revenue') return arm.value + Math.sqrt(arm.variance) * normal(random);
  const p = Math.min(Math.max(arm.value, 0), 1);
  const worth = arm.variance > 0 ? (p * (1 - p)) / arm.variance : arm.visitors;
  return beta(1 + p * worth, 1 + (1 - p) * worth, random);
}

/** P(best) per arm, from `draws` joint draws; ties share the win. */
export function probabilityBest(
  arms: readonly ArmEstimate[],
  metric: 'conversion' | 'revenue',
  seed: number,
  draws = 20_000,
): number[] {
  const random = seededRandom(seed);
  const wins = arms.map(() => 0);
  const values = arms.map(() => 0);
  for (let i = 0; i < draws; i++) {
    let top = Number.NEGATIVE_INFINITY;
    let ties = 0;
    for (let k = 0; k < arms.length; k++) {
      const value = draw(arms[k]!, metric, random);
      values[k] = value;
      if (value > top) {
        top = value;
        ties = 1;
      } else if (value === top) ties++;
    }
    for (let k = 0; k < arms.length; k++) if (values[k] === top) wins[k]! += 1 / ties;
  }
  return wins.map((w) => w / draws);
}
