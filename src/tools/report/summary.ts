/**
 * What the aggregation hands to the statistics: per test, per segment × variant sums over visitors,
 * and visitors per weights × variant for the sample-ratio check. Both aggregators produce it — SQL in
 * DuckDB or BigQuery (sql/), or the TypeScript fold over records (aggregate.ts) — so the statistics
 * and the text cannot tell which one ran. Pure types and helpers.
 */

/** The whole test population; segment rows slice it by what the visitor was in at first exposure. */
export const ALL = '(all)';

/** `ab`: an A/B test of one rule; `holdout`: personalized vs held-out visitors (config `holdout`). */
export type TestKind = 'ab' | 'holdout';

export interface Cell {
  /**
   * The weights the visitors were first exposed under (as `Split.weights`): one period of allocation.
   * '' when the source has no periods (an old `--rows` result): then the whole test is one period.
   */
  readonly period: string;
  readonly segment: string;
  readonly variant: string;
  readonly visitors: number;
  /** Visitors who bought at least once after their first exposure. */
  readonly converters: number;
  readonly orders: number;
  readonly revenue: number;
  /** Σ over visitors of (revenue per visitor)². */
  readonly revenueSq: number;
  /** Σ over orders of (order value)², for the average order value. */
  readonly orderSq: number;
  /** The largest revenue of one visitor: a heavy tail shows here. */
  readonly maxRevenue: number;
}

export interface Split {
  /** The weights visitors were exposed under, as recorded (JSON object text, or `a:50,b:50` from GA4). */
  readonly weights: string;
  readonly variant: string;
  readonly visitors: number;
}

export interface TestSummary {
  readonly test: string;
  readonly kind: TestKind;
  readonly rule: string;
  readonly slot: string;
  readonly when: string | null;
  readonly control: string;
  /** The weights of the latest first exposure: they order the variants. */
  readonly weights: string;
  readonly cells: readonly Cell[];
  readonly splits: readonly Split[];
  /** Exposures that put a visitor in another variant than their first (they count in their first). */
  readonly conflicts: number;
  /** Milliseconds since 1970 of the earliest and the latest first exposure; 0 when not known. */
  readonly firstTs: number;
  readonly lastTs: number;
}

export interface Summary {
  readonly tests: readonly TestSummary[];
  readonly counts: {
    readonly exposures: number;
    readonly conversions: number;
    readonly repeated: number;
    /** Records the browsers counted as lost, from their `dropped` records. */
    readonly dropped: number;
  };
  /** Records or lines left out, by reason in words. */
  readonly skipped: Readonly<Record<string, number>>;
  /** Conversions naming a test that has no exposures (a test key typed wrong, exposures lost). */
  readonly unknownTests: Readonly<Record<string, number>>;
  readonly currencies: readonly string[];
}

/** Weights as recorded → variant → weight (non-negative numbers only), in the recorded order. */
export function parseWeights(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const keep = (id: string, weight: unknown) => {
    if (id !== '' && typeof weight === 'number' && Number.isFinite(weight) && weight >= 0) out.set(id, weight);
  };
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') for (const [id, w] of Object.entries(parsed)) keep(id, w);
    } catch {
      // Unreadable weights: no expectation, the check then says nothing about this set.
    }
    return out;
  }
  for (const pair of text.split(',')) {
    const colon = pair.lastIndexOf(':');
    if (colon > 0) keep(pair.slice(0, colon), Number(pair.slice(colon + 1)));
  }
  return out;
}

/** The variants in the order the test's weights list them, then any others seen, by name. */
export function variantsOf(test: Pick<TestSummary, 'weights' | 'cells' | 'splits'>): string[] {
  const listed = [...parseWeights(test.weights).keys()];
  const others = new Set<string>();
  for (const split of test.splits) for (const id of parseWeights(split.weights).keys()) others.add(id);
  for (const cell of test.cells) others.add(cell.variant);
  return [...listed, ...[...others].filter((v) => !listed.includes(v)).sort()];
}
