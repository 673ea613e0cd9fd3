/**
 * Limited-memory BFGS (Nocedal & Wright, "Numerical Optimization", 2nd ed., algorithm 7.4) with a
 * backtracking line search on the Armijo condition: for the regression's smooth, convex objective it
 * converges in tens of iterations, each one pass over the rows, where Newton's method would build a
 * Hessian of (columns)² per row.
 */

/** Value and gradient at x; writes the gradient into `gradient`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  readonly maxIterations?: number;
  /** Stops when the gradient's largest component is below this. */
  readonly tolerance?: number;
  readonly memory?: number;
}

export function minimize(f: Objective, start: Float64Array, options: MinimizeOptions = {}): Float64Array {
  const { maxIterations = 300, tolerance = 1e-7, memory = 10 } = options;
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let value = f(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(n);
  const alpha = new Array<number>(memory);
  const dot = (a: Float64Array, b: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += a[i]! * b[i]!;
    return sum;
  };
  const largest = (a: Float64Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

  for (let iteration = 0; iteration < maxIterations && largest(g) > tolerance; iteration++) {
    // Two-loop recursion: direction = −H·g.
    for (let i = 0; i < n; i++) direction[i] = -g[i]!;
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(s[k]!, direction);
      for (let i = 0; i < n; i++) direction[i]! -= alpha[k]! * y[k]![i]!;
    }
    if (s.length) {
      const last = s.length - 1;
      const gamma = dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!);
      for (let i = 0; i < n; i++) direction[i]! *= gamma;
    } else {
      const scale = 1 / Math.max(1, largest(g));
      for (let i = 0; i < n; i++) direction[i]! *= scale;
    }
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k]! * dot(y[k]!, direction);
      for (let i = 0; i < n; i++) direction[i]! += s[k]![i]! * (alpha[k]! - beta);
    }
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (curvature information gone stale): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i]!;
      slope = dot(g, direction);
    }
    let step = 1;
    const next = new Float64Array(n);
    const nextG = new Float64Array(n);
    let nextValue = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 40; tries++, step /= 2) {
      for (let i = 0; i < n; i++) next[i] = x[i]! + step * direction[i]!;
      nextValue = f(next, nextG);
      if (nextValue <= value + 1e-4 * step * slope) break;
    }
    if (!(nextValue < value)) break; // no progress at machine precision: converged
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = next[i]! - x[i]!;
      yk[i] = nextG[i]! - g[i]!;
    }
    const curvature = dot(sk, yk);
    if (curvature > 1e-12) {
      s.push(sk);
      y.push(yk);
      rho.push(1 / curvature);
      if (s.length > memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
    }
    const improvement = value - nextValue;
    x = next;
    g = nextG;
    value = nextValue;
    if (improvement < 1e-12 * Math.max(1, Math.abs(value))) break;
  }
  return x;
}
