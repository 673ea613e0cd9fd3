/**
 * GA4 ecommerce events the theme already sends to `window.dataLayer`, read so stores with GA4 need no
 * tracking code for us: `gtag('event', 'purchase', {…})` (gtag pushes its `arguments` object) and
 * `dataLayer.push({ event: 'purchase', ecommerce: {…} })` (GTM), including pushes made before we loaded.
 * Event and parameter names: https://developers.google.com/analytics/devguides/collection/ga4/reference/events
 */

import type { TrackParams } from '../../core/track/params.js';
import { attempt } from '../guard.js';

export type IngestedName =
  | 'view_item'
  | 'add_to_cart'
  | 'remove_from_cart'
  | 'purchase'
  | 'login'
  | 'logout'
  | 'begin_checkout';

const NAMES: readonly string[] = [
  'view_item',
  'add_to_cart',
  'remove_from_cart',
  'purchase',
  'login',
  'logout',
  'begin_checkout',
];

type Bag = Record<string, unknown>;

const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null;

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== ''
    ? v.trim().slice(0, 100)
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : undefined;

/** Reads a property without letting a throwing getter or proxy escape. */
const get = (bag: unknown, key: string): unknown => attempt(() => (isBag(bag) ? bag[key] : undefined));

/** `['event', name, params]` from gtag (an `arguments` object or an array), else `{ event, ecommerce }`. */
function unpack(entry: unknown): [name: unknown, params: unknown] | null {
  if (!isBag(entry)) return null;
  const length = get(entry, 'length');
  if (
    typeof length === 'number' &&
    (Array.isArray(entry) || Object.prototype.toString.call(entry) === '[object Arguments]')
  ) {
    return get(entry, '0') === 'event' ? [get(entry, '1'), get(entry, '2')] : null;
  }
  const ecommerce = get(entry, 'ecommerce');
  // `{ ecommerce: null }` is GTM's recommended clear before each push; it carries no event.
  if (ecommerce === null) return null;
  // GTM setups without the `ecommerce` object put the parameters on the push itself.
  return [get(entry, 'event'), isBag(ecommerce) ? ecommerce : entry];
}

export function dataLayerEvent(entry: unknown): { name: IngestedName; params: TrackParams } | null {
  const unpacked = unpack(entry);
  if (!unpacked) return null;
  const [name, raw] = unpacked;
  if (typeof name !== 'string' || !NAMES.includes(name)) return null;
  const itemsRaw = get(raw, 'items');
  const items = Array.isArray(itemsRaw) ? itemsRaw.slice(0, 200).filter(isBag) : [];
  const first = items[0];

  // Without `value`, GA4's own reports sum price × quantity over the items; so do we.
  let derived: number | undefined;
  let quantity: number | undefined;
  for (const item of items) {
    const q = num(get(item, 'quantity')) ?? 1;
    const p = num(get(item, 'price'));
    quantity = (quantity ?? 0) + q;
    if (p !== undefined) derived = (derived ?? 0) + p * q;
  }
  const params: Record<string, string | number> = {};
  const put = (key: keyof TrackParams, value: string | number | undefined) => {
    if (value !== undefined) params[key] = value;
  };
  put('value', num(get(raw, 'value')) ?? (derived === undefined ? undefined : Math.round(derived * 100) / 100));
  put('currency', str(get(raw, 'currency')) ?? str(get(first, 'currency')));
  put('transaction_id', str(get(raw, 'transaction_id')));
  put('item_id', str(get(first, 'item_id')) ?? str(get(raw, 'item_id')));
  put('item_category', str(get(first, 'item_category')) ?? str(get(raw, 'item_category')));
  put('price', num(get(first, 'price')) ?? num(get(raw, 'price')));
  put('quantity', quantity ?? num(get(raw, 'quantity')));
  return { name: name as IngestedName, params };
}

type Push = (...items: unknown[]) => unknown;

/**
 * Replays the entries already in `window.dataLayer` once, then sees every later push: `push` is
 * wrapped (the original still runs first and its return value is kept), GTM's own wrapper, installed
 * later, chains to ours, and a page that assigns a new `dataLayer` array gets it hooked and replayed.
 * Each entry object is applied at most once, and also given to `onEntry` when passed. Returns a
 * function that stops watching.
 */
export function watchDataLayer(
  win: Window,
  onEvent: (name: IngestedName, params: TrackParams) => void,
  onEntry?: (entry: object) => void,
): () => void {
  const w = win as Window & { dataLayer?: unknown };
  const seen = new WeakSet<object>();
  // `window.dataLayer = window.dataLayer || []` (every GTM snippet) sets the same array again.
  const hooked = new WeakSet<object>();
  const restore: (() => void)[] = [];
  let stopped = false;

  const apply = (entry: unknown) => {
    if (stopped || !isBag(entry) || seen.has(entry)) return;
    seen.add(entry);
    // A failing listener must never break the theme's own push.
    attempt(() => onEntry?.(entry)); // any entry, e.g. a Consent Mode command (consent/signals.ts)
    const event = dataLayerEvent(entry);
    if (event) attempt(() => onEvent(event.name, event.params));
  };

  const hook = (layer: unknown) => {
    if (!Array.isArray(layer) || hooked.has(layer)) return;
    hooked.add(layer);
    for (const entry of layer.slice(0, 500)) apply(entry);
    const original = layer.push as Push;
    // A wrapper left by an earlier, stopped watcher stays in the chain as a plain pass-through.
    const wrapped: Push = function (this: unknown, ...items: unknown[]) {
      const result = original.apply(this, items);
      for (const item of items) apply(item);
      return result;
    };
    // A frozen array: we still replayed what it held.
    attempt(() => {
      // Not enumerable, so the array still looks like an array to JSON and to deep-equality checks.
      Object.defineProperty(layer, 'push', { value: wrapped, writable: true, configurable: true, enumerable: false });
      restore.push(() => {
        if (layer.push !== (wrapped as unknown)) return; // someone wrapped it since: stay a pass-through
        if (original === Array.prototype.push) delete (layer as { push?: unknown }).push;
        else layer.push = original as typeof layer.push;
      });
    });
  };

  // A hostile or locked-down window: nothing to watch.
  attempt(() => {
    if (w.dataLayer === undefined) w.dataLayer = []; // what every gtag/GTM snippet does first
    let current = w.dataLayer;
    hook(current);
    const descriptor = Object.getOwnPropertyDescriptor(w, 'dataLayer');
    // `var dataLayer = []` in a classic script makes a non-configurable global: then we cannot see a
    // replacement, only pushes to the array we hooked.
    if (descriptor?.configurable) {
      Object.defineProperty(w, 'dataLayer', {
        configurable: true,
        enumerable: descriptor.enumerable ?? true,
        get: () => current,
        set: (next: unknown) => {
          current = next;
          hook(next);
        },
      });
      restore.push(() => {
        Object.defineProperty(w, 'dataLayer', { configurable: true, enumerable: true, writable: true, value: current });
      });
    }
  });

  return () => {
    if (stopped) return;
    stopped = true;
    for (const undo of restore.reverse()) attempt(undo); // one that throws leaves it as it is
  };
}
