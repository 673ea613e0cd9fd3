/**
 * The hand-off of orders from the custom pixel (dist/shopify/custom-pixel.js) to the storefront.
 * Since checkout extensibility no theme script runs on the thank-you page; the pixel does, and its
 * `browser.localStorage` writes the storefront's own localStorage (the top frame, shopify.dev Web
 * Pixels API > Standard API > browser). The pixel appends each completed order to a small queue; the
 * next storefront page takes the queue (reads and removes it) and tracks each order as a `purchase`,
 * whose `transaction_id` the profile counts once, also when two tabs take the same queue.
 *
 * The queue is the storefront's localStorage, which any script of the store can write: each order's
 * product types become one tracked product view each, so every field is bounded, by the writer (the
 * pixel) and again by the reader, and what is over is dropped (the reader says so once). 10 orders of
 * 1,000 types each (89 KB) took a 3.7 s task; the bounds allow at most 200 views.
 */
import { parseJson, toJson } from '../../core/json.js';
import { attempt } from '../guard.js';

export const ORDERS_KEY = 'p13n:orders';
/** A shopper never completes more than a few checkouts between two storefront pages; a stuck queue stays small. */
export const MAX_QUEUED_ORDERS = 10;
/** Distinct product types kept per order: enough for the interests of any real basket. */
export const MAX_ORDER_TYPES = 20;
/** Characters of a product type (interest keys are short) and of an order id (Shopify's gid is ~35). */
export const MAX_TYPE_LENGTH = 100;
export const MAX_ID_LENGTH = 100;
/**
 * Characters of the stored queue. A full queue within the bounds above is about 23 KB; the reader
 * still takes up to 128 KB (about 1 ms to parse), so orders an unbounded writer queued are counted,
 * cut to the bounds. A longer text is not parsed at all: it is dropped whole.
 */
export const MAX_QUEUE_CHARS = 128 * 1024;

export interface HandedOrder {
  readonly id: string;
  /** Units of `currency`, as the pixel's MoneyV2 `amount` gives it. */
  readonly total: number;
  /** ISO 4217 code, or null. */
  readonly currency: string | null;
  /** Product types of the line items, each once, for interest. */
  readonly types: readonly string[];
}

/** Product types as the queue keeps them: trimmed, each once, at most MAX_ORDER_TYPES of MAX_TYPE_LENGTH. */
export function boundTypes(types: readonly unknown[]): string[] {
  const kept = new Set<string>();
  for (const type of types) {
    if (kept.size >= MAX_ORDER_TYPES) break;
    if (typeof type === 'string' && type.trim()) kept.add(type.trim().slice(0, MAX_TYPE_LENGTH));
  }
  return [...kept];
}

/** `value` as an order the queue may carry, or null; `cut.over` is set when something of it was over a bound. */
function boundOrder(value: unknown, cut: { over: boolean }): HandedOrder | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, total, currency, types } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '' || typeof total !== 'number' || !Number.isFinite(total)) return null;
  if (!Array.isArray(types) || (currency !== null && typeof currency !== 'string')) return null;
  if (id.length > MAX_ID_LENGTH) {
    cut.over = true;
    return null;
  }
  const kept = boundTypes(types);
  const code = typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : null;
  if (kept.length !== types.length || kept.some((type, i) => type !== types[i]) || code !== currency) cut.over = true;
  return { id, total, currency: code, types: kept };
}

export interface Queue {
  readonly orders: HandedOrder[];
  /** Something was over a bound and dropped (the whole text, an order, or part of one). */
  readonly dropped: boolean;
}

/** The queue stored under ORDERS_KEY, bounded; anything unreadable counts as empty. */
export function readQueue(text: string | null | undefined): Queue {
  if (!text) return { orders: [], dropped: false };
  if (text.length > MAX_QUEUE_CHARS) return { orders: [], dropped: true };
  const json = attempt((): unknown => parseJson(text));
  if (!Array.isArray(json)) return { orders: [], dropped: false };
  const cut = { over: json.length > MAX_QUEUED_ORDERS };
  const orders = json
    .slice(-MAX_QUEUED_ORDERS)
    .map((value) => boundOrder(value, cut))
    .filter((order): order is HandedOrder => order !== null);
  return { orders, dropped: cut.over };
}

/** The orders of the stored queue (see readQueue). */
export const parseQueue = (text: string | null | undefined): HandedOrder[] => readQueue(text).orders;

/**
 * The queue's text with `order` appended once (a reloaded thank-you page fires again), bounded: the
 * oldest orders go first when it would exceed MAX_QUEUED_ORDERS or MAX_QUEUE_CHARS.
 */
export function enqueue(queue: readonly HandedOrder[], order: HandedOrder): string {
  const cut = { over: false };
  let orders = [...queue.filter((queued) => queued.id !== order.id), order]
    .map((value) => boundOrder(value, cut))
    .filter((value): value is HandedOrder => value !== null)
    .slice(-MAX_QUEUED_ORDERS);
  for (;;) {
    const text = toJson(orders) ?? '[]';
    if (text.length <= MAX_QUEUE_CHARS || orders.length === 0) return text;
    orders = orders.slice(1);
  }
}

type Track = (event: string, params: Record<string, unknown>) => void;
type Warn = (cause: string, message: string) => void;

/** Takes the queued orders off the storefront's localStorage and tracks each; never throws. */
export function takeOrders(win: Window, track: Track, warn: Warn): number {
  const queue = attempt(() => {
    const storage = win.localStorage;
    const text = storage.getItem(ORDERS_KEY);
    if (text === null) return null;
    // Removed before tracking: a reload of this page must not find the same queue again.
    storage.removeItem(ORDERS_KEY);
    return readQueue(text);
  }, null);
  if (!queue) return 0; // none, or storage blocked: nothing was handed over
  if (queue.dropped)
    warn(
      'orders',
      `the order queue from the custom pixel (localStorage ${ORDERS_KEY}) held more than it may (${MAX_QUEUED_ORDERS} orders of ${MAX_ORDER_TYPES} product types, ${MAX_QUEUE_CHARS / 1024} KB): what was over is dropped, the rest counted. Is dist/shopify/custom-pixel.js of this release?`,
    );
  for (const order of queue.orders) {
    track('purchase', {
      transaction_id: order.id,
      value: order.total,
      ...(order.currency ? { currency: order.currency } : {}),
    });
    for (const type of order.types) track('view_item', { item_id: `order:${order.id}:${type}`, item_category: type });
  }
  return queue.orders.length;
}
