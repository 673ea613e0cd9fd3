/**
 * `p13n report … --allocate CONFIG`: new weights for each running test, by Thompson sampling. Each
 * variant's weight becomes its probability of being the best (thompson.ts), after a floor that keeps
 * every variant seen (default 10% of the test's traffic: the report needs both sides to compare, and a
 * loser can still come back). Weights live on a rule, so each rule — each test in its own segment —
 * is allocated from its own visitors: a test run in several segments, as one rule per segment, moves
 * separately in each. Left alone, with the reason: the config's holdout and a variant named
 * `holdout` (their share is the measure of personalization), a variant weighted 0 (paused by the
 * owner), a test without enough data yet, one whose sample ratio is off, one not running now.
 * Assignments are sticky (decide/rules.ts): new weights, under a new `weights_version`, apply to new
 * visitors only. Pure: JSON in, JSON and the changes out.
 */
import type { TestReport, VariantRow } from './analyze.js';
import { probabilityBest, seedOf } from './thompson.js';
import { isObject } from '../../core/is-object.js';

export type Metric = 'conversion' | 'revenue';

export interface AllocateOptions {
  readonly metric: Metric;
  /** The least share of the test's traffic each variant keeps, 0–0.5. */
  readonly floor: number;
  readonly now: number;
  readonly draws?: number;
}

/** Enough data to move traffic: this many visitors in every variant, and this many buyers in the test. */
export const MIN_VISITORS = 100;
export const MIN_BUYERS = 10;
/** Weights that move less than this (share of traffic) are left as they are: no new period for noise. */
export const MIN_CHANGE = 0.02;
export const DEFAULT_FLOOR = 0.1;

export interface Allocation {
  readonly test: string;
  readonly slot: string;
  readonly when: string | null;
  readonly outcome: 'changed' | 'unchanged' | 'left alone';
  readonly reason: string;
  readonly before: readonly (readonly [string, number])[];
  readonly after?: readonly (readonly [string, number])[];
  /** P(best) per variant that moves. */
  readonly best?: readonly (readonly [string, number])[];
  readonly weightsVersion?: { readonly from: number; readonly to: number };
}

type Json = Record<string, unknown>;
interface RawVariant {
  readonly id: string;
  readonly weight: number;
  readonly scheduled: boolean;
}

export function allocate(
  config: unknown,
  reports: readonly TestReport[],
  options: AllocateOptions,
): { config: unknown; changes: Allocation[] } {
  const next = structuredClone(config) as Json;
  const changes: Allocation[] = [];
  for (const report of reports.filter((r) => r.kind === 'holdout'))
    changes.push({
      test: report.test,
      slot: '',
      when: null,
      outcome: 'left alone',
      reason: 'the personalization holdout is never reallocated',
      before: [],
    });
  const slots = isObject(next.slots) ? next.slots : {};
  for (const [slot, value] of Object.entries(slots)) {
    const rules = isObject(value) && Array.isArray(value.rules) ? value.rules : [];
    for (const rule of rules) {
      if (!isObject(rule) || typeof rule.id !== 'string' || !Array.isArray(rule.variants)) continue;
      const key = `${rule.id}@${typeof rule.version === 'number' ? rule.version : 1}`;
      const variants: RawVariant[] = rule.variants.filter(isObject).map((v) => ({
        id: String(v.id),
        weight: typeof v.weight === 'number' ? v.weight : 0,
        scheduled: v.from !== undefined || v.until !== undefined,
      }));
      const when = typeof rule.when === 'string' ? rule.when : null;
      const before = variants.map((v) => [v.id, v.weight] as const);
      const leave = (reason: string) => changes.push({ test: key, slot, when, outcome: 'left alone', reason, before });
      const report = reports.find((r) => r.test === key && r.kind === 'ab');
      const running = isOpen(rule.from, rule.until, options.now);
      if (!running) leave('not running now (outside its from / until)');
      else if (variants.some((v) => v.scheduled))
        leave('its variants have their own from / until: weights left as set');
      else if (!report) leave('no exposures of this version in the data yet');
      else if (report.sampleRatio.mismatch) leave('its sample ratio is off: find the cause before moving traffic');
      else {
        const result = reweigh(report, variants, options);
        if (typeof result === 'string') leave(result);
        else {
          const from = typeof rule.weights_version === 'number' ? rule.weights_version : 1;
          const moved = result.after.some(
            ([, w], i) => Math.abs(w / sum(result.after) - share(variants, i)) >= MIN_CHANGE,
          );
          if (!moved) {
            changes.push({
              test: key,
              slot,
              when,
              outcome: 'unchanged',
              reason: result.reason,
              before,
              best: result.best,
            });
            continue;
          }
          rule.variants.filter(isObject).forEach((v, i) => (v.weight = result.after[i]![1]));
          rule.weights_version = from + 1;
          changes.push({
            test: key,
            slot,
            when,
            outcome: 'changed',
            reason: result.reason,
            before,
            after: result.after,
            best: result.best,
            weightsVersion: { from, to: from + 1 },
          });
        }
      }
    }
  }
  return { config: next, changes };
}

const sum = (weights: readonly (readonly [string, number])[]) => weights.reduce((a, [, w]) => a + w, 0);
const share = (variants: readonly RawVariant[], i: number) =>
  variants[i]!.weight / variants.reduce((a, v) => a + v.weight, 0);

function isOpen(from: unknown, until: unknown, now: number): boolean {
  const at = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : Number.NaN);
  return !(at(from) > now) && !(at(until) <= now);
}

function reweigh(
  report: TestReport,
  variants: readonly RawVariant[],
  options: AllocateOptions,
): string | { after: [string, number][]; best: [string, number][]; reason: string } {
  const rows = report.segments[0]?.rows ?? [];
  const fixed = (v: RawVariant) => v.id === 'holdout' || v.weight === 0;
  const free = variants.filter((v) => !fixed(v));
  if (free.length < 2) return 'fewer than two variants to move between';
  const data = free.map((v) => rows.find((r) => r.variant === v.id));
  const thin = free.filter((_, i) => (data[i]?.visitors ?? 0) < MIN_VISITORS);
  const buyers = data.reduce((a, r) => a + (r?.converters ?? 0), 0);
  if (thin.length || buyers < MIN_BUYERS)
    return `not enough data yet (each variant needs ${MIN_VISITORS} visitors and the test ${MIN_BUYERS} buyers; it has ${data.map((r) => r?.visitors ?? 0).join(' / ')} visitors, ${buyers} buyers)`;
  const estimate = (r: VariantRow) =>
    options.metric === 'revenue'
      ? { value: r.revenuePerVisitor, variance: r.revenueVariance, visitors: r.visitors }
      : { value: r.conversionRate, variance: r.rateVariance, visitors: r.visitors };
  const arms = (data as VariantRow[]).map(estimate);
  const seed = seedOf(`${report.test}|${options.metric}|${arms.map((a) => `${a.value}:${a.visitors}`).join(',')}`);
  const best = probabilityBest(arms, options.metric, seed, options.draws);
  const total = variants.reduce((a, v) => a + v.weight, 0);
  const fixedWeight = variants.filter(fixed).reduce((a, v) => a + v.weight, 0);
  // Integer weights; the fixed ones keep their exact share (scaled up when the total is small).
  const scale = fixedWeight > 0 ? Math.ceil(100 / total) : 0;
  const totalOut = fixedWeight > 0 ? total * scale : 100;
  const freeOut = totalOut - fixedWeight * scale;
  const least = Math.ceil(options.floor * totalOut);
  const shares =
    least * free.length > freeOut
      ? free.map(() => freeOut / free.length)
      : best.map((p) => least + (freeOut - least * free.length) * p);
  const weights = wholeNumbers(shares, freeOut, Math.min(least, Math.floor(freeOut / free.length)));
  let k = 0;
  const after = variants.map((v) => [v.id, fixed(v) ? v.weight * scale : weights[k++]!] as [string, number]);
  const reason = `probability of being best on ${options.metric === 'revenue' ? 'revenue per visitor' : 'conversion'}: ${free
    .map((v, i) => `${v.id} ${Math.round(best[i]! * 100)}%`)
    .join(
      ', ',
    )} (${data.reduce((a, r) => a + r!.visitors, 0).toLocaleString('en-US')} visitors, ${buyers.toLocaleString('en-US')} buyers)`;
  return { after, best: free.map((v, i) => [v.id, best[i]!]), reason };
}

/** Whole numbers summing to `total`, closest to `shares` (largest remainder), none under `least`. */
export function wholeNumbers(shares: readonly number[], total: number, least: number): number[] {
  const out = shares.map((s) => Math.floor(s));
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let left = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % order.length, left--) out[order[i]![1]]!++;
  for (let i = 0; i < out.length; i++) {
    while (out[i]! < least) {
      const top = out.indexOf(Math.max(...out));
      if (out[top]! <= least) break;
      out[top]!--;
      out[i]!++;
    }
  }
  return out;
}
