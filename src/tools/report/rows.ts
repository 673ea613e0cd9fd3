/** The aggregation query's rows (sql/aggregate.ts `COLUMNS`) back into a `Summary`. Pure. */
import type { Cell, Split, Summary, TestKind, TestSummary } from './summary.js';

export type Row = Readonly<Record<string, string | number | null | undefined>>;

const num = (v: unknown) => (v === null || v === undefined || v === '' ? 0 : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export function summaryFromRows(rows: Iterable<Row>): Summary {
  const cells = new Map<string, Cell[]>();
  const splits = new Map<string, Split[]>();
  const meta: Row[] = [];
  const skipped: Record<string, number> = {};
  const unknownTests: Record<string, number> = {};
  const currencies: string[] = [];
  const counts = { exposures: 0, conversions: 0, repeated: 0, dropped: 0 };
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const row of rows) {
    const test = str(row.test);
    switch (row.kind) {
      case 'cell':
        push(cells, test, {
          period: str(row.label),
          segment: str(row.segment),
          variant: str(row.variant),
          visitors: num(row.n1),
          converters: num(row.n2),
          orders: num(row.n3),
          revenue: num(row.n4),
          revenueSq: num(row.n5),
          orderSq: num(row.n6),
          maxRevenue: num(row.n7),
        });
        break;
      case 'split':
        push(splits, test, { weights: str(row.label), variant: str(row.variant), visitors: num(row.n1) });
        break;
      case 'test':
        meta.push(row);
        break;
      case 'unknown':
        unknownTests[test] = num(row.n1);
        break;
      case 'fact': {
        const fact = str(row.segment);
        if (fact === 'skipped') skipped[str(row.label)] = (skipped[str(row.label)] ?? 0) + num(row.n1);
        else if (fact === 'currency') currencies.push(str(row.label));
        else if (fact === 'exposures' || fact === 'conversions' || fact === 'repeated' || fact === 'dropped')
          counts[fact] = num(row.n1);
        break;
      }
      default:
        break;
    }
  }
  const tests: TestSummary[] = meta.map((row) => {
    const test = str(row.test);
    return {
      test,
      kind: (row.segment === 'holdout' ? 'holdout' : 'ab') as TestKind,
      rule: str(row.rule),
      slot: str(row.slot),
      when: row.rule_when === null || row.rule_when === undefined ? null : str(row.rule_when),
      control: str(row.control),
      weights: str(row.label),
      cells: cells.get(test) ?? [],
      splits: splits.get(test) ?? [],
      conflicts: num(row.n1),
      firstTs: num(row.n2),
      lastTs: num(row.n3),
    };
  });
  return { tests, counts, skipped, unknownTests, currencies: [...new Set(currencies)].sort() };
}
