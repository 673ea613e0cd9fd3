/**
 * `p13n.track(name, params)` arguments → the profile's `TrackEvent`. Params follow GA4's ecommerce
 * names (`value`, `transaction_id`, `item_category`, …) so a theme can pass the same object to both.
 */
import { interestKey } from '../classify/page.js';
import type { TrackEvent } from '../profile/update.js';

export interface TrackParams {
  readonly value?: number;
  readonly currency?: string;
  readonly transaction_id?: string;
  readonly item_id?: string;
  readonly item_category?: string;
  readonly price?: number;
  readonly quantity?: number;
}

/** Event names: letters, digits and underscores, like GA4's, so `events.NAME` can be written in expressions. */
const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

const finite = (value: unknown): number | undefined => {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
};

const text = (value: unknown, max = 100): string | undefined =>
  typeof value === 'string' && value !== ''
    ? value.slice(0, max)
    : typeof value === 'number'
      ? String(value)
      : undefined;

/** Returns null for a name that cannot be an event (the caller warns). */
export function toTrackEvent(name: unknown, params: unknown): TrackEvent | null {
  if (typeof name !== 'string' || !EVENT_NAME.test(name)) return null;
  const p = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  const quantity = finite(p.quantity);
  const price = finite(p.price);
  const value = finite(p.value) ?? (price !== undefined ? price * (quantity ?? 1) : undefined);
  const category = text(p.item_category);
  const transactionId = text(p.transaction_id);
  const item = text(p.item_id);
  const key = category === undefined ? '' : interestKey(category);
  return {
    name: name.toLowerCase(),
    ...(value !== undefined ? { value } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    ...(key ? { interest: key } : {}),
    ...(transactionId !== undefined ? { transactionId } : {}),
    ...(item !== undefined ? { item } : {}),
  };
}
