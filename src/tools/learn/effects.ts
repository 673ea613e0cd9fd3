/**
 * The regression's strongest effects in words, other things equal: "a visitor from Email converts
 * 2.1× as often as one from Direct". Each compares two visitors who differ in one attribute only, at
 * the base rate (a ratio of probabilities, not of odds: what an owner means by "as often"): a level
 * against the most common level; a number at the training part's 90th percentile against its median.
 * Only effects clearly apart from chance are said: the difference of log-odds must exceed its
 * standard errors three times over (from the Fisher information of the rows concerned, ignoring the other columns: a
 * screen against the 24 hours of the day each finding something, not a test).
 */
import { attributeSpec } from '../../core/attributes/registry.js';
import type { Model } from '../../core/model/types.js';
import type { Table } from './table.js';

export interface Effect {
  readonly attribute: string;
  /** P(buy | this) / P(buy | reference), other things equal. */
  readonly ratio: number;
  readonly words: string;
}

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  '',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A level as the owner writes it: the registry's spelling (`Organic Search`), day and month names. */
function spelled(attribute: string, level: string): string {
  const known = attributeSpec(attribute)?.values?.find((v) => v.toLowerCase() === level);
  if (known) return known;
  if (attribute === 'country') return level.toUpperCase();
  if (attribute === 'weekday') return WEEKDAYS[Number(level)] ?? level;
  if (attribute === 'month') return MONTHS[Number(level)] ?? level;
  return level;
}

/** "a visitor from Email" / "one from Direct". */
function visitorWith(attribute: string, level: string, who: 'a visitor' | 'one'): string {
  const value = spelled(attribute, level);
  switch (attribute) {
    case 'channel':
    case 'country':
      return `${who} from ${value}`;
    case 'device':
    case 'os':
      return `${who} on ${value}`;
    case 'hour':
      return `${who} at ${value.padStart(2, '0')}:00`;
    case 'weekday':
      return `${who} on a ${value}`;
    case 'month':
      return `${who} in ${value}`;
    case 'new_visitor':
      return level === 'true' ? `${who} on a first visit` : `${who} who has been here before`;
    case 'logged_in':
      return level === 'true' ? `${who} signed in` : `${who} not signed in`;
    default:
      return `${who} whose ${attribute} is '${value}'`;
  }
}

/** "with 6 page views in this visit", "with 1 item in the cart". */
function withAmount(attribute: string, value: number): string {
  const n = Number(value.toPrecision(3));
  const count = n.toLocaleString('en-US');
  const s = n === 1 ? '' : 's';
  const [namespace, key] = attribute.split('.');
  if (namespace === 'interest') return `${count} product view${s} in ${key}`;
  if (namespace === 'events') return `${count} ${key} event${s}`;
  const nouns: Record<string, string> = {
    visits: `visit${s}`,
    pageviews: `page view${s} in all`,
    visit_pageviews: `page view${s} in this visit`,
    days_since_last_visit: n === 1 ? 'day since the last visit' : 'days since the last visit',
    cart_value: 'in the cart',
    cart_items: `item${s} in the cart`,
    orders: `earlier order${s}`,
    total_spent: 'spent before',
  };
  return `${count} ${nouns[attribute] ?? attribute}`;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

const percentile = (sorted: Float64Array, q: number): number | null =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : null;

const times = (ratio: number) => `${Number(ratio.toPrecision(ratio >= 10 ? 3 : 2))}×`;

/**
 * At most `limit` effects, strongest first, no more than two per attribute; none weaker than ±10%.
 * `p`: the model's probability for each training row (the weights of the Fisher information).
 */
export function effects(model: Model, train: Table, base: number, p: Float64Array, limit = 8): Effect[] {
  const z0 = Math.log(base / (1 - base));
  const found: Effect[] = [];
  const clear = (difference: number, variance: number) => difference * difference > 9 * variance;
  for (const term of model.f ?? []) {
    if ('l' in term) {
      const values = train.numbers.get(term.a);
      if (!values) continue;
      const sorted = values.filter((x) => x === x).sort();
      const low = percentile(sorted, 0.5);
      let high = percentile(sorted, 0.9);
      if (high === low) high = percentile(sorted, 0.99);
      if (low === null || high === null || high === low) continue;
      // Information about l: Σ p(1 − p)(u − ū)² over the rows that have a value, u = ln(1 + x).
      let weight = 0;
      let sum = 0;
      for (let i = 0; i < train.n; i++)
        if (values[i] === values[i])
          (weight += p[i]! * (1 - p[i]!)), (sum += p[i]! * (1 - p[i]!) * Math.log1p(Math.max(0, values[i]!)));
      const mean = weight ? sum / weight : 0;
      let information = 0;
      for (let i = 0; i < train.n; i++)
        if (values[i] === values[i])
          information += p[i]! * (1 - p[i]!) * (Math.log1p(Math.max(0, values[i]!)) - mean) ** 2;
      if (!clear(term.l, 1 / information)) continue;
      const ratio = sigmoid(z0 + term.l * (Math.log1p(Math.max(0, high)) - Math.log1p(Math.max(0, low)))) / base;
      found.push({
        attribute: term.a,
        ratio,
        words: `a visitor with ${withAmount(term.a, high)} converts ${times(ratio)} as often as one with ${withAmount(term.a, low)}, other things equal`,
      });
    } else {
      const counts = new Map<string, number>();
      const information = new Map<string, number>();
      (train.levels.get(term.a) ?? []).forEach((value, i) => {
        if (value === null || !Object.prototype.hasOwnProperty.call(term.c, value)) return;
        counts.set(value, (counts.get(value) ?? 0) + 1);
        information.set(value, (information.get(value) ?? 0) + p[i]! * (1 - p[i]!));
      });
      const reference = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      if (reference === undefined) continue;
      for (const [level, weight] of Object.entries(term.c)) {
        if (level === reference || !counts.has(level)) continue;
        const variance = 1 / information.get(level)! + 1 / information.get(reference)!;
        if (!clear(weight - term.c[reference]!, variance)) continue;
        const ratio = sigmoid(z0 + weight - term.c[reference]!) / base;
        found.push({
          attribute: term.a,
          ratio,
          words: `${visitorWith(term.a, level, 'a visitor')} converts ${times(ratio)} as often as ${visitorWith(term.a, reference, 'one')}, other things equal`,
        });
      }
    }
  }
  const perAttribute = new Map<string, number>();
  return found
    .filter((effect) => Math.abs(Math.log(effect.ratio)) >= Math.log(1.1))
    .sort((a, b) => Math.abs(Math.log(b.ratio)) - Math.abs(Math.log(a.ratio)))
    .filter((effect) => {
      const seen = perAttribute.get(effect.attribute) ?? 0;
      perAttribute.set(effect.attribute, seen + 1);
      return seen < 2;
    })
    .slice(0, limit);
}
