/**
 * Folds beacon records (README "A/B tests and events") into per-test counts, one record at a time, so a
 * file of millions of lines is read in one pass with memory per visitor, not per line. Pure: no I/O.
 *
 * The unit is the visitor: a visitor is in a test from their first exposure; they converted when a
 * purchase that lists their assignment in that test came at or after that exposure. A transaction id
 * counts once per visitor (a reloaded thank-you page, two tabs).
 */

export interface VisitorExposure {
  readonly variant: string;
  readonly ts: number;
  /** Index into `TestData.segmentSets`: the segments at first exposure (before the variant could change them). */
  readonly segments: number;
  /** Index into `TestData.weightSets`: the weights when first exposed. */
  readonly weights: number;
}

export interface TestData {
  readonly test: string;
  rule: string;
  version: number;
  slot: string;
  when: string | null;
  control: string;
  /** Variant ids in the order the weights list them. */
  readonly variants: string[];
  readonly visitors: Map<string, VisitorExposure>;
  readonly segmentSets: string[][];
  readonly weightSets: Record<string, number>[];
  /** Visitors seen in two variants of one test: kept in their first, counted here. */
  conflicts: number;
}

export interface Purchase {
  readonly ts: number;
  readonly value: number;
  readonly variant: string;
}

export interface Aggregate {
  readonly tests: Map<string, TestData>;
  /** test → visitor → that visitor's purchases attributed to the test. */
  readonly purchases: Map<string, Map<string, Purchase[]>>;
  readonly currencies: Set<string>;
  readonly counts: { exposures: number; conversions: number; repeated: number; skipped: number };
}

export interface Aggregator {
  /** Adds one parsed line; anything that is not a valid record is counted as skipped. */
  add(record: unknown): void;
  result(): Aggregate;
}

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function interner<T>(list: T[], key: (value: T) => string) {
  const index = new Map<string, number>();
  list.forEach((value, i) => index.set(key(value), i));
  return (value: T): number => {
    const k = key(value);
    let i = index.get(k);
    if (i === undefined) {
      i = list.push(value) - 1;
      index.set(k, i);
    }
    return i;
  };
}

export function createAggregator(): Aggregator {
  const tests = new Map<string, TestData>();
  const interners = new Map<string, { segments: (s: string[]) => number; weights: (w: Record<string, number>) => number }>();
  const purchases = new Map<string, Map<string, Purchase[]>>();
  const transactions = new Set<string>();
  const currencies = new Set<string>();
  const counts = { exposures: 0, conversions: 0, repeated: 0, skipped: 0 };

  function addExposure(r: Bag): boolean {
    if (!isText(r.test) || !isText(r.visitor) || !isText(r.variant) || !isNumber(r.ts) || !isBag(r.weights)) return false;
    let data = tests.get(r.test);
    if (!data) {
      data = {
        test: r.test, rule: '', version: 1, slot: '', when: null, control: '', variants: [],
        visitors: new Map(), segmentSets: [], weightSets: [], conflicts: 0,
      };
      tests.set(r.test, data);
      const d = data;
      interners.set(r.test, { segments: interner(d.segmentSets, (s) => s.join('\u0000')), weights: interner(d.weightSets, (w) => JSON.stringify(w)) });
    }
    const seen = data.visitors.get(r.visitor);
    if (seen) {
      // Most lines are a visitor's later page views: nothing more to learn from them.
      if (seen.variant !== r.variant) data.conflicts++;
      if (seen.variant !== r.variant || seen.ts <= r.ts) return true;
    }
    // The latest first exposure describes the test (its config may be edited without a version bump).
    data.rule = isText(r.rule) ? r.rule : r.test.slice(0, r.test.lastIndexOf('@'));
    data.version = isNumber(r.version) ? r.version : data.version;
    data.slot = typeof r.slot === 'string' ? r.slot : data.slot;
    data.when = typeof r.when === 'string' ? r.when : null;
    if (isText(r.control)) data.control = r.control;
    for (const id of Object.keys(r.weights)) if (!data.variants.includes(id)) data.variants.push(id);
    if (!data.variants.includes(r.variant)) data.variants.push(r.variant);
    const weights: Record<string, number> = {};
    for (const [id, weight] of Object.entries(r.weights)) if (isNumber(weight) && weight >= 0) weights[id] = weight;
    const segments = Array.isArray(r.segments) ? r.segments.filter(isText) : [];
    const intern = interners.get(r.test)!;
    data.visitors.set(r.visitor, { variant: r.variant, ts: r.ts, segments: intern.segments(segments), weights: intern.weights(weights) });
    return true;
  }

  function addConversion(r: Bag): boolean {
    if (!isText(r.visitor) || !isNumber(r.ts) || !isBag(r.assignments)) return false;
    if (isText(r.transaction_id)) {
      const key = `${r.visitor}\u0000${r.transaction_id}`;
      if (transactions.has(key)) {
        counts.repeated++;
        return true;
      }
      transactions.add(key);
    }
    const value = isNumber(r.value) && r.value > 0 ? r.value : 0;
    if (isText(r.currency)) currencies.add(r.currency);
    for (const [test, variant] of Object.entries(r.assignments)) {
      if (!isText(variant)) continue;
      let byVisitor = purchases.get(test);
      if (!byVisitor) purchases.set(test, (byVisitor = new Map()));
      const list = byVisitor.get(r.visitor);
      const purchase = { ts: r.ts, value, variant };
      if (list) list.push(purchase);
      else byVisitor.set(r.visitor, [purchase]);
    }
    return true;
  }

  return {
    add(record) {
      const ok = isBag(record) && (record.type === 'exposure' ? addExposure(record) : record.type === 'conversion' ? addConversion(record) : false);
      if (!ok) counts.skipped++;
      else if ((record as Bag).type === 'exposure') counts.exposures++;
      else counts.conversions++;
    },
    result: () => ({ tests, purchases, currencies, counts }),
  };
}
