/**
 * What an A/B test reports, in three shapes built from the same facts (pure, no globals):
 * - the beacon record (one JSON line of the NDJSON `p13n report` reads; also the CustomEvent detail),
 * - the flat `dataLayer` object a GA4 user maps in GTM without code: event parameters must be flat
 *   scalars, names up to 40 characters, values up to 100
 *   (https://support.google.com/analytics/answer/9267744).
 * The schema is documented in docs/api.md ("Events"); `v` changes when a field changes meaning.
 */
import type { CompiledConfig, CompiledRule } from '../config/compile.js';
import type { Decision } from '../decide/rules.js';
import { LEVEL_FEATURES, NAMESPACE_FEATURES, NUMBER_FEATURES } from '../model/features.js';
import type { Attributes, Scalar } from '../types.js';

export const RECORD_VERSION = 1;

/** GA4 truncates longer event parameter values; we cut them first, at a readable place. */
export const GA4_VALUE_MAX = 100;

export interface ExposureRecord {
  readonly type: 'exposure';
  readonly v: typeof RECORD_VERSION;
  /** Milliseconds since the epoch, from the shopper's clock. */
  readonly ts: number;
  /** The profile's random id: the unit of randomisation and of counting. */
  readonly visitor: string;
  /** `rule@version`: the assignment key. A version bump starts a new test. */
  readonly test: string;
  readonly rule: string;
  readonly version: number;
  readonly variant: string;
  /** The variant the others are compared with: the first with `content: null`, else the first listed. */
  readonly control: string;
  /** Weights when the visitor was exposed, for the sample-ratio check. */
  readonly weights: Readonly<Record<string, number>>;
  /**
   * The rule's `weights_version` then: a change of weights that moves nobody (`p13n report --allocate`)
   * bumps it, and the report estimates each period of weights on its own.
   */
  readonly weights_version: number;
  readonly traffic: number;
  readonly slot: string;
  /** The rule's `when`: the segment the test runs in (absent for everyone). */
  readonly when: string | null;
  /** Every segment the visitor was in when exposed. */
  readonly segments: readonly string[];
  /** `holdout`: a personalized rule's exposure under the config's holdout (test = the holdout id, variant = the group). */
  readonly kind?: 'holdout';
  /** The visitor's score when exposed (4 decimals), when the config has a model: the report's bands. */
  readonly predicted_purchase?: number;
}

/**
 * One page view's features, with `collect: ["pageviews"]`: what `p13n learn` trains on. Only what a
 * model may read (core/model/features.ts), as the script read it for this page view's decisions.
 */
export interface PageviewRecord {
  readonly type: 'pageview';
  readonly v: typeof RECORD_VERSION;
  readonly ts: number;
  readonly visitor: string;
  readonly attributes: Readonly<Record<string, Scalar | Readonly<Record<string, number>>>>;
  readonly predicted_purchase?: number;
}

export interface ConversionRecord {
  readonly type: 'conversion';
  readonly v: typeof RECORD_VERSION;
  readonly ts: number;
  readonly visitor: string;
  readonly event: 'purchase';
  readonly value: number;
  readonly currency: string | null;
  readonly transaction_id: string | null;
  /** The visitor's current assignments: `rule@version` → variant id. */
  readonly assignments: Readonly<Record<string, string>>;
}

/**
 * Records the browser could not deliver (its queue was full, the page closed with more than the
 * keepalive quota left, or the endpoint never answered), counted and sent with a later batch so the
 * report can say how many are missing. No visitor: it counts records, not people.
 */
export interface DroppedRecord {
  readonly type: 'dropped';
  readonly v: typeof RECORD_VERSION;
  readonly ts: number;
  readonly count: number;
}

export type BeaconRecord = ExposureRecord | ConversionRecord | DroppedRecord | PageviewRecord;

export const droppedRecord = (count: number, ts: number): DroppedRecord => ({
  type: 'dropped',
  v: RECORD_VERSION,
  ts,
  count,
});

/** What exposures and page views say of a visitor besides the test. */
export interface VisitorFacts {
  readonly visitor: string;
  readonly segments: readonly string[];
  readonly ts: number;
  /** `predicted_purchase` now; null or absent without a model. */
  readonly predicted?: number | null;
}

const scored = (predicted: number | null | undefined) =>
  typeof predicted === 'number' ? { predicted_purchase: Math.round(predicted * 1e4) / 1e4 } : {};

export function pageviewRecord(attrs: Attributes, facts: Omit<VisitorFacts, 'segments'>): PageviewRecord {
  const attributes: Record<string, Scalar | Readonly<Record<string, number>>> = {};
  for (const name of [...NUMBER_FEATURES, ...LEVEL_FEATURES]) {
    const value = attrs[name];
    attributes[name] = value === undefined || typeof value === 'object' ? null : value;
  }
  for (const name of NAMESPACE_FEATURES) {
    const counts = attrs[name];
    attributes[name] =
      counts && typeof counts === 'object' && !Array.isArray(counts) ? { ...(counts as Record<string, number>) } : {};
  }
  return {
    type: 'pageview',
    v: RECORD_VERSION,
    ts: facts.ts,
    visitor: facts.visitor,
    attributes,
    ...scored(facts.predicted),
  };
}

/** The variant others are compared with. */
export function controlOf(rule: Pick<CompiledRule, 'variants'>): string {
  const variants = rule.variants ?? [];
  return (variants.find((variant) => variant.content === null) ?? variants[0])?.id ?? '';
}

export function exposureRecord(decision: Decision, rule: CompiledRule, facts: VisitorFacts): ExposureRecord {
  const weights: Record<string, number> = {};
  for (const variant of rule.variants ?? []) weights[variant.id] = variant.weight;
  return {
    type: 'exposure',
    v: RECORD_VERSION,
    ts: facts.ts,
    visitor: facts.visitor,
    test: decision.experiment!.key,
    rule: rule.id,
    version: rule.version,
    variant: decision.variant!,
    control: controlOf(rule),
    weights,
    weights_version: rule.weightsVersion,
    traffic: rule.traffic ?? 100,
    slot: decision.slot,
    when: rule.when ?? null,
    segments: [...facts.segments],
    ...scored(facts.predicted),
  };
}

/** The exposure of a rule that matched while a holdout runs: the holdout is one test of every such rule. */
export function holdoutExposureRecord(
  decision: Decision,
  holdout: { readonly key: string; readonly group: string; readonly percent: number },
  facts: VisitorFacts,
): ExposureRecord {
  return {
    type: 'exposure',
    v: RECORD_VERSION,
    ts: facts.ts,
    visitor: facts.visitor,
    test: holdout.key,
    rule: decision.rule ?? '',
    version: 1,
    variant: holdout.group,
    control: 'holdout',
    weights: { holdout: holdout.percent, personalized: 100 - holdout.percent },
    weights_version: 1,
    traffic: 100,
    slot: decision.slot,
    when: null,
    segments: [...facts.segments],
    kind: 'holdout',
    ...scored(facts.predicted),
  };
}

/**
 * Assignments the visitor still has in a running test: the rule is in the config at that version and
 * the variant still exists. Assignments of old versions, removed rules and preview-forced rules drop out.
 */
export function activeAssignments(
  compiled: Pick<CompiledConfig, 'slots'>,
  assignments: Readonly<Record<string, string>>,
  forcedRules: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const active: Record<string, string> = {};
  for (const slot of compiled.slots) {
    for (const rule of slot.rules) {
      if (!rule.variants || rule.disabled || forcedRules.has(rule.id)) continue;
      const key = `${rule.id}@${rule.version}`;
      const variant = Object.prototype.hasOwnProperty.call(assignments, key) ? assignments[key] : undefined;
      if (variant !== undefined && rule.variants.some((v) => v.id === variant)) active[key] = variant;
    }
  }
  return active;
}

export function conversionRecord(
  purchase: {
    readonly value?: number | undefined;
    readonly currency?: string | undefined;
    readonly transactionId?: string | undefined;
  },
  facts: { readonly visitor: string; readonly ts: number; readonly assignments: Readonly<Record<string, string>> },
): ConversionRecord {
  const value =
    purchase.value !== undefined && Number.isFinite(purchase.value) && purchase.value > 0
      ? Math.round(purchase.value * 100) / 100
      : 0;
  return {
    type: 'conversion',
    v: RECORD_VERSION,
    ts: facts.ts,
    visitor: facts.visitor,
    event: 'purchase',
    value,
    currency: purchase.currency ? purchase.currency.toUpperCase() : null,
    transaction_id: purchase.transactionId ?? null,
    assignments: { ...facts.assignments },
  };
}

/** Cuts a GA4 parameter value to 100 characters, at a comma when the list is too long. */
export function ga4Value(text: string): string {
  if (text.length <= GA4_VALUE_MAX) return text;
  const cut = text.slice(0, GA4_VALUE_MAX);
  const comma = cut.lastIndexOf(',');
  return comma > 0 ? cut.slice(0, comma) : cut;
}

export type DataLayerEvent = Record<string, string | number>;

/** `{ event: 'p13n_exposure', p13n_* }`: every value a flat string, ready for a GA4 custom dimension. */
export function exposureDataLayer(record: ExposureRecord): DataLayerEvent {
  return {
    event: 'p13n_exposure',
    p13n_test: ga4Value(record.test),
    p13n_rule: ga4Value(record.rule),
    p13n_variant: ga4Value(record.variant),
    p13n_slot: ga4Value(record.slot),
    p13n_segment: ga4Value(record.when ?? '(everyone)'),
    p13n_segments: ga4Value(record.segments.join(',')),
    // For the report's sample-ratio check on GA4 data (`p13n report --ga4`): `control:50,welcome:50`.
    p13n_control: ga4Value(record.control),
    p13n_weights: ga4Value(
      Object.entries(record.weights)
        .map(([id, weight]) => `${id}:${weight}`)
        .join(','),
    ),
    ...(record.kind ? { p13n_kind: record.kind } : {}),
    ...(record.predicted_purchase !== undefined ? { p13n_predicted_purchase: record.predicted_purchase } : {}),
  };
}

/**
 * One `p13n_conversion` per active test, each naming one rule and variant: filtered on `p13n_rule`,
 * GA4 then counts every purchase once per variant, with flat parameters and no code.
 */
export function conversionDataLayer(record: ConversionRecord): DataLayerEvent[] {
  return Object.entries(record.assignments).map(([test, variant]) => ({
    event: 'p13n_conversion',
    p13n_test: ga4Value(test),
    p13n_rule: ga4Value(test.slice(0, test.lastIndexOf('@'))),
    p13n_variant: ga4Value(variant),
    p13n_value: record.value,
    p13n_currency: record.currency ?? '',
    p13n_transaction_id: ga4Value(record.transaction_id ?? ''),
  }));
}
