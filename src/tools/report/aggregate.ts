/**
 * The aggregation in TypeScript, one record at a time: the fallback when DuckDB cannot load, and the
 * reader of standard input. Same rules as sql/aggregate.ts (see there), same `Summary` out, so either
 * one can run under the same tests. Pure: no I/O.
 */
import { RECORD_VERSION, type BeaconRecord, type ConversionRecord, type ExposureRecord } from '../../app/api.js';
import { SKIP } from './sql/sources.js';
import { ALL, type Cell, type Summary, type TestKind, type TestSummary } from './summary.js';

interface Exposure {
  readonly variant: string;
  readonly ts: number;
  readonly record: Untrusted<ExposureRecord>;
}

interface Purchase {
  readonly ts: number;
  readonly value: number;
  readonly variant: string;
}

export interface Aggregator {
  /** Adds one parsed line (`undefined`: not JSON); anything that is not a valid record is counted as skipped. */
  add(record: unknown): void;
  /** Counts a line left out before parsing, under `reason`. */
  skip(reason: string): void;
  result(options?: { segments?: boolean }): Summary;
}

type Bag = Record<string, unknown>;
/** A parsed line read by the public record's field names (app/api.ts), each still to be checked. */
type Untrusted<T> = { readonly [K in keyof T]?: unknown };
const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Earlier timestamp first; ties by variant name, as the SQL orders them. */
const before = (a: { ts: number; variant: string }, b: { ts: number; variant: string }) =>
  a.ts < b.ts || (a.ts === b.ts && a.variant < b.variant);

export function createAggregator(): Aggregator {
  /** test → visitor → variant → earliest exposure in that variant, and how many. */
  const exposures = new Map<string, Map<string, Map<string, Exposure & { records: number }>>>();
  /** test → visitor → purchases; transaction ids kept once per visitor, earliest first. */
  const purchases = new Map<string, Map<string, Purchase[]>>();
  const transactions = new Map<string, { ts: number; purchases: { test: string; purchase: Purchase }[] }>();
  const skipped: Record<string, number> = {};
  const currencies = new Set<string>();
  const counts = { exposures: 0, conversions: 0, repeated: 0, dropped: 0 };
  const skip = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);

  function addExposure(r: Untrusted<ExposureRecord>) {
    if (!isText(r.test) || !isText(r.visitor) || !isText(r.variant) || !isNumber(r.ts) || !isBag(r.weights))
      return skip(SKIP.exposure);
    counts.exposures++;
    let byVisitor = exposures.get(r.test);
    if (!byVisitor) exposures.set(r.test, (byVisitor = new Map()));
    let byVariant = byVisitor.get(r.visitor);
    if (!byVariant) byVisitor.set(r.visitor, (byVariant = new Map()));
    const seen = byVariant.get(r.variant);
    if (!seen) byVariant.set(r.variant, { variant: r.variant, ts: r.ts, record: r, records: 1 });
    else
      byVariant.set(
        r.variant,
        r.ts < seen.ts
          ? { variant: r.variant, ts: r.ts, record: r, records: seen.records + 1 }
          : { ...seen, records: seen.records + 1 },
      );
  }

  function addConversion(r: Untrusted<ConversionRecord>) {
    if (!isText(r.visitor) || !isNumber(r.ts) || !isBag(r.assignments)) return skip(SKIP.conversion);
    counts.conversions++;
    if (isText(r.currency)) currencies.add(r.currency.toUpperCase());
    const value = isNumber(r.value) && r.value > 0 ? r.value : 0;
    const list = Object.entries(r.assignments)
      .filter((e): e is [string, string] => isText(e[1]))
      .map(([test, variant]) => ({ test, purchase: { ts: r.ts as number, value, variant } }));
    if (isText(r.transaction_id)) {
      const key = `${r.visitor}\u0000${r.transaction_id}`;
      const seen = transactions.get(key);
      if (seen) counts.repeated++;
      if (!seen || r.ts < seen.ts) transactions.set(key, { ts: r.ts, purchases: list });
      return;
    }
    for (const { test, purchase } of list) addPurchase(test, r.visitor, purchase);
  }

  function addPurchase(test: string, visitor: string, purchase: Purchase) {
    let byVisitor = purchases.get(test);
    if (!byVisitor) purchases.set(test, (byVisitor = new Map()));
    const list = byVisitor.get(visitor);
    if (list) list.push(purchase);
    else byVisitor.set(visitor, [purchase]);
  }

  return {
    skip,
    add(record) {
      if (record === undefined) return skip(SKIP.notJson);
      if (isBag(record) && record.type === 'pageview') return; // p13n learn's training rows, not the report's
      if (!isBag(record) || (record.type !== 'exposure' && record.type !== 'conversion' && record.type !== 'dropped'))
        return skip(SKIP.notRecord);
      // `v` is the public records' version field (app/api.ts); a record of another version is not ours to read.
      if (record['v' satisfies keyof BeaconRecord] !== undefined && record.v !== RECORD_VERSION)
        return skip(SKIP.version);
      if (record.type === 'exposure') addExposure(record);
      else if (record.type === 'conversion') addConversion(record);
      else if (isNumber(record.count) && record.count >= 0) counts.dropped += Math.round(record.count);
      else skip(SKIP.dropped);
    },
    result(options = {}) {
      for (const [key, { purchases: list }] of transactions) {
        const visitor = key.slice(0, key.indexOf('\u0000'));
        for (const { test, purchase } of list) addPurchase(test, visitor, purchase);
      }
      transactions.clear();
      const tests = [...exposures].map(([test, byVisitor]) =>
        summarize(test, byVisitor, purchases.get(test), options.segments ?? true),
      );
      const unknownTests: Record<string, number> = {};
      for (const [test, byVisitor] of purchases) {
        if (!exposures.has(test)) unknownTests[test] = [...byVisitor.values()].reduce((n, list) => n + list.length, 0);
      }
      return { tests, counts, skipped, unknownTests, currencies: [...currencies].sort() };
    },
  };
}

function summarize(
  test: string,
  byVisitor: Map<string, Map<string, Exposure & { records: number }>>,
  bought: Map<string, Purchase[]> | undefined,
  bySegment: boolean,
): TestSummary {
  const cells = new Map<
    string,
    Cell & {
      visitors: number;
      converters: number;
      orders: number;
      revenue: number;
      revenueSq: number;
      orderSq: number;
      maxRevenue: number;
    }
  >();
  const splits = new Map<string, { weights: string; variant: string; visitors: number }>();
  let conflicts = 0;
  let latest: Exposure | null = null;
  let earliest = Number.POSITIVE_INFINITY;
  for (const [visitor, byVariant] of byVisitor) {
    let first: (Exposure & { records: number }) | null = null;
    let records = 0;
    for (const exposure of byVariant.values()) {
      records += exposure.records;
      if (!first || before(exposure, first)) first = exposure;
    }
    conflicts += records - first!.records;
    earliest = Math.min(earliest, first!.ts);
    if (!latest || first!.ts > latest.ts || (first!.ts === latest.ts && visitor > String(latest.record.visitor)))
      latest = first;
    let orders = 0;
    let revenue = 0;
    let orderSq = 0;
    for (const purchase of bought?.get(visitor) ?? []) {
      if (purchase.variant !== first!.variant || purchase.ts < first!.ts) continue;
      orders++;
      revenue += purchase.value;
      orderSq += purchase.value * purchase.value;
    }
    const segments = Array.isArray(first!.record.segments) ? first!.record.segments.filter(isText) : [];
    const weights = JSON.stringify(first!.record.weights);
    for (const segment of bySegment ? [ALL, ...segments] : [ALL]) {
      const key = `${weights}\u0000${segment}\u0000${first!.variant}`;
      const cell = cells.get(key) ?? {
        period: weights,
        segment,
        variant: first!.variant,
        visitors: 0,
        converters: 0,
        orders: 0,
        revenue: 0,
        revenueSq: 0,
        orderSq: 0,
        maxRevenue: 0,
      };
      cell.visitors++;
      cell.converters += orders > 0 ? 1 : 0;
      cell.orders += orders;
      cell.revenue += revenue;
      cell.revenueSq += revenue * revenue;
      cell.orderSq += orderSq;
      cell.maxRevenue = Math.max(cell.maxRevenue, revenue);
      cells.set(key, cell);
    }
    const split = splits.get(`${weights}\u0000${first!.variant}`) ?? { weights, variant: first!.variant, visitors: 0 };
    split.visitors++;
    splits.set(`${weights}\u0000${first!.variant}`, split);
  }
  const r = latest!.record;
  return {
    test,
    kind: (r.kind === 'holdout' ? 'holdout' : 'ab') as TestKind,
    rule: isText(r.rule) ? r.rule : test.includes('@') ? test.slice(0, test.lastIndexOf('@')) : test,
    slot: typeof r.slot === 'string' ? r.slot : '',
    when: typeof r.when === 'string' ? r.when : null,
    control: isText(r.control) ? r.control : '',
    weights: JSON.stringify(r.weights),
    cells: [...cells.values()],
    splits: [...splits.values()],
    conflicts,
    firstTs: earliest,
    lastTs: latest!.ts,
  };
}
