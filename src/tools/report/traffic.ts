/**
 * `p13n validate CONFIG --traffic REPORT.json`: is each A/B test of the config run where there are
 * enough shoppers to ever tell? From a report of the store's own traffic (`p13n report … --json`):
 * the visitors a day who reach each test (the test's own visitors, or else its segment's, as the
 * report sliced other tests by it), split by the test's traffic share and its variants' weights, and
 * the visitors per variant a +10% change in conversion needs (power.ts). A test that would take more
 * than 4 weeks gets a warning naming its rule and segment. Pure.
 */
import type { ValidationProblem } from '../../core/config/validate.js';
import { PATIENCE_DAYS, USEFUL_EFFECT, visitorsNeeded } from './sizing.js';
import { isObject } from '../../core/is-object.js';

const ALL = '(all)';

interface ReportVariant {
  readonly converted?: number;
}
interface ReportSegment {
  readonly segment?: string;
  readonly visitors?: number;
  readonly variants?: readonly ReportVariant[];
}
interface ReportTest {
  readonly rule?: string;
  readonly when?: string | null;
  readonly days?: number;
  readonly segments?: readonly ReportSegment[];
}

const number = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/** What a REPORT.json says about traffic: visitors a day and conversion rate per segment and per rule. */
interface Pace {
  readonly perDay: number;
  readonly rate: number;
}

function paces(
  report: unknown,
): { rules: Map<string, Pace>; segments: Map<string, Pace>; everyone: Pace | null } | string {
  if (!isObject(report) || report.p13n_report !== 1 || !Array.isArray(report.tests))
    return 'is not a report of `p13n report … --json` (no "p13n_report": 1 and "tests")';
  const rules = new Map<string, Pace>();
  const segments = new Map<string, Pace>();
  let everyone: Pace | null = null;
  const keep = (map: Map<string, Pace>, key: string, pace: Pace) => {
    if (pace.perDay > (map.get(key)?.perDay ?? -1)) map.set(key, pace);
  };
  for (const test of report.tests as ReportTest[]) {
    const days = number(test?.days);
    if (!isObject(test) || days < 1 || !Array.isArray(test.segments)) continue; // under a day: no pace yet
    for (const slice of test.segments) {
      const variants: readonly ReportVariant[] = Array.isArray(slice?.variants) ? slice.variants : [];
      const visitors = number(slice?.visitors);
      // The slice's own rate, all variants together: what a test in it would start from.
      const buyers = variants.reduce((sum, v) => sum + number(v?.converted), 0);
      const rate = visitors > 0 ? buyers / visitors : 0;
      const pace = { perDay: visitors / days, rate };
      if (slice?.segment === ALL) {
        if (typeof test.rule === 'string') keep(rules, test.rule, pace);
        if (typeof test.when === 'string') keep(segments, test.when, pace);
        else if (pace.perDay > (everyone?.perDay ?? -1)) everyone = pace;
      } else if (typeof slice?.segment === 'string') keep(segments, slice.segment, pace);
    }
  }
  return { rules, segments, everyone };
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const duration = (days: number) =>
  days >= 730
    ? `about ${count(days / 365)} years`
    : days >= 60
      ? `about ${count(days / 30)} months`
      : `about ${count(days)} days`;

export function trafficProblems(config: unknown, report: unknown): ValidationProblem[] {
  const known = paces(report);
  if (typeof known === 'string')
    return [{ severity: 'error', code: 'traffic', path: '', message: `the --traffic file ${known}` }];
  const problems: ValidationProblem[] = [];
  const slots = isObject(config) && isObject(config.slots) ? config.slots : {};
  for (const [slot, value] of Object.entries(slots)) {
    const rules = isObject(value) && Array.isArray(value.rules) ? value.rules : [];
    rules.forEach((rule, index) => {
      if (!isObject(rule) || typeof rule.id !== 'string' || !Array.isArray(rule.variants)) return;
      const weights = rule.variants.filter(isObject).map((v) => number(v.weight));
      const total = weights.reduce((a, b) => a + b, 0);
      const live = weights.filter((w) => w > 0);
      if (total <= 0 || live.length < 2) return;
      const when = typeof rule.when === 'string' ? rule.when : null;
      const own = known.rules.get(rule.id);
      const segment = when === null ? known.everyone : known.segments.get(when);
      const where = `slot "${slot}", rule "${rule.id}"`;
      const path = `slots.${slot}.rules[${index}]`;
      const pace = own ?? segment;
      const name = when === null ? 'everyone' : `segment '${when}'`;
      if (!pace) {
        problems.push({
          severity: 'info',
          code: 'traffic',
          path,
          where,
          message: `REPORT.json has no traffic of ${name} over a day or more: its size cannot be judged yet`,
        });
        return;
      }
      // The test's own visitors already passed its traffic share; a segment's still have to.
      const share = own ? 1 : number(rule.traffic ?? 100) / 100;
      const perVariant = pace.perDay * share * (Math.min(...live) / total);
      const rate = pace.rate > 0 ? pace.rate : null;
      if (rate === null) return;
      const needed = visitorsNeeded(rate, USEFUL_EFFECT);
      if (!Number.isFinite(needed)) return;
      const days = perVariant > 0 ? needed / perVariant : Number.POSITIVE_INFINITY;
      if (days <= PATIENCE_DAYS) return;
      problems.push({
        severity: 'warning',
        code: 'traffic',
        path,
        where,
        message: `${name} is too small for this test: about ${count(pace.perDay * share)} visitors a day reach it, ${count(perVariant)} in its smallest variant; a +10% change in conversion (from ${(rate * 100).toFixed(1)}%) needs about ${count(needed)} visitors per variant, ${Number.isFinite(days) ? duration(days) : 'never'} at this pace, far past 4 weeks`,
        hint: 'test a bigger change, fewer variants or a larger segment; or let the test run on everyone',
      });
    });
  }
  return problems;
}
