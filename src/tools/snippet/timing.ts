/**
 * Which rules the inline decider settles before the first paint and which wait for personalize.js,
 * and why, in the owner's words: for `p13n snippet`, `p13n validate` and the studio. A rule is instant
 * when everything it reads is known while the <head> is parsed; a rule can also be instant for most
 * visitors and wait for a few (a rare source, a rare device, a first visit for what the profile keeps).
 */
import type { CompiledConfig } from '../../core/config/compiled.js';
import type { Content } from '../../core/config/types.js';
import { PROFILE_ATTRIBUTES } from '../../core/program/early.js';
import { modelAttributes } from '../../core/model/score.js';
import type { EarlyPlan } from './early-data.js';
import { SOURCE_FIELDS } from './prune-sources.js';

export type Timing = 'instant' | 'mostly' | 'waits';

export interface RuleTiming {
  readonly slot: string;
  readonly rule: string;
  readonly timing: Timing;
  /** Why it is not always instant (empty when it is). */
  readonly why: readonly string[];
}

/** What a rule's attribute costs it, by name; unlisted attributes are instant. */
function attributeTiming(name: string, compiled: CompiledConfig): [Timing, string] | null {
  if (name === 'predicted_purchase') {
    // As instant as the attributes its model reads.
    const model = compiled.config.models?.purchase;
    const costs = (model ? modelAttributes(model) : [])
      .map((feature) => attributeTiming(feature.split('.')[0]!, compiled))
      .filter((cost): cost is [Timing, string] => cost !== null);
    const worst = costs.sort((a, b) => rank[b[0]] - rank[a[0]])[0];
    return worst ? [worst[0], `predicted_purchase reads ${worst[1]}`] : null;
  }
  if (SOURCE_FIELDS[name]) return ['mostly', `${name}: a rare source that only the full tables know waits`];
  if (name === 'device' || name === 'bot')
    return ['mostly', `${name}: a rare device that only the full parser knows waits`];
  if (name === 'os' || name === 'browser')
    return ['mostly', `${name}: told early for common phones and computers only`];
  if ((name === 'logged_in' || name === 'tags') && compiled.config.login?.selector)
    return [
      'waits',
      `${name}: a login shown by a CSS selector is known once the page is parsed (print the server context instead)`,
    ];
  if ((name === 'logged_in' || name === 'tags') && compiled.config.login?.global)
    return [
      'mostly',
      `${name}: a login global may be set by a script after the decider (print the server context instead)`,
    ];
  // The profile's copy in localStorage is read before the first paint; a first visit has none, and the
  // decider cannot tell a new visitor from one whose copy is missing, so it leaves the slot to personalize.js.
  if (PROFILE_ATTRIBUTES.includes(name))
    return ['mostly', `${name}: from the visitor's second page view; on a first visit, after personalize.js arrives`];
  return null;
}

const rank: Record<Timing, number> = { instant: 0, mostly: 1, waits: 2 };

const fromCatalog = (content: Content | null | undefined) =>
  content?.type === 'products' && content.source !== undefined;

export function ruleTimings(plan: EarlyPlan, compiled: CompiledConfig): RuleTiming[] {
  const timings: RuleTiming[] = [];
  for (const slot of compiled.slots) {
    for (const rule of slot.rules) {
      const reads = new Set<string>();
      collect(rule.expr, compiled, reads, new Set());
      let timing: Timing = 'instant';
      const why: string[] = [];
      for (const name of reads) {
        const cost = attributeTiming(name.split('.')[0]!, compiled);
        if (!cost) continue;
        if (rank[cost[0]] > rank[timing]) timing = cost[0];
        why.push(cost[1]);
      }
      if (rule.variants?.length && timing === 'instant') {
        // The variant is kept in the profile: the same reason as a stored attribute.
        timing = 'mostly';
        why.push(
          "an A/B test: a returning visitor's variant shows before the first paint; a first visit's is picked by personalize.js",
        );
      }
      if (fromCatalog(rule.content) || rule.variants?.some((v) => fromCatalog(v.content))) {
        timing = 'waits';
        why.push('products from the catalog load with personalize.js');
      }
      timings.push({ slot: slot.name, rule: rule.id, timing, why });
    }
  }
  void plan;
  return timings;
}

function collect(expr: unknown, compiled: CompiledConfig, into: Set<string>, seen: Set<string>): void {
  if (!Array.isArray(expr)) return;
  const [op, a] = expr as unknown[];
  if (op === '&' || op === '|' || op === '!') return expr.slice(1).forEach((e) => collect(e, compiled, into, seen));
  if (op === 's' && typeof a === 'string') {
    if (seen.has(a)) return;
    seen.add(a);
    return collect(compiled.segments.exprs.get(a), compiled, into, seen);
  }
  if (typeof a === 'string') into.add(a);
}

const WORDS: Record<Timing, string> = {
  instant: 'before the first paint',
  mostly: 'before the first paint for most visitors',
  waits: 'after personalize.js arrives (hidden meanwhile, at most 1.5 s)',
};

/** The owner's summary: one line per rule, grouped by timing. */
export function describeTimings(timings: readonly RuleTiming[]): string {
  const lines = ['When each rule is decided:'];
  for (const t of timings) {
    lines.push(`  ${t.slot} / ${t.rule}: ${WORDS[t.timing]}`);
    for (const reason of [...new Set(t.why)]) lines.push(`      ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}
