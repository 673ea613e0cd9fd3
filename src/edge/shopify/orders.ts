/**
 * The hand-off of orders from the custom pixel (dist/shopify/custom-pixel.js) to the storefront.
 * Since checkout extensibility no theme script runs on the thank-you page; the pixel does, and its
 * `browser.localStorage` writes the storefront's own localStorage (the top frame, shopify.dev Web
 * Pixels API > Standard API > browser). The pixel appends each completed order to a small queue; the
 * next storefront page takes the queue (reads and removes it) and tracks each order as a `purchase`,
 * whose `transaction_id` the profile counts once, also when two tabs take the same queue.
 */

export const ORDERS_KEY = 'p13n:orders';
/** A shopper never completes more than a few checkouts between two storefront pages; a stuck queue stays small. */
export const MAX_QUEUED_ORDERS = 10;

export interface HandedOrder {
  readonly id: string;
  /** Units of `currency`, as the pixel's MoneyV2 `amount` gives it. */
  readonly total: number;
  readonly currency: string | null;
  /** Product types of the line items, each once, for interest. */
  readonly types: readonly string[];
}

const isOrder = (value: unknown): value is HandedOrder => {
  const o = value as HandedOrder;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.id === 'string' &&
    o.id !== '' &&
    typeof o.total === 'number' &&
    Number.isFinite(o.total) &&
    (o.currency === null || typeof o.currency === 'string') &&
    Array.isArray(o.types) &&
    o.types.every((t) => typeof t === 'string')
  );
};

/** The queue stored under ORDERS_KEY; anything unreadable counts as empty. */
export function parseQueue(text: string | null | undefined): HandedOrder[] {
  if (!text) return [];
  try {
    const json: unknown = JSON.parse(text);
    return Array.isArray(json) ? json.filter(isOrder).slice(-MAX_QUEUED_ORDERS) : [];
  } catch {
    return [];
  }
}

/** The queue with `order` appended once (a reloaded thank-you page fires again), bounded. */
export function enqueue(queue: readonly HandedOrder[], order: HandedOrder): HandedOrder[] {
  return [...queue.filter((queued) => queued.id !== order.id), order].slice(-MAX_QUEUED_ORDERS);
}

type Track = (event: string, params: Record<string, unknown>) => void;

/** Takes the queued orders off the storefront's localStorage and tracks each; never throws. */
export function takeOrders(win: Window, track: Track): number {
  let orders: HandedOrder[];
  try {
    const storage = win.localStorage;
    orders = parseQueue(storage.getItem(ORDERS_KEY));
    if (orders.length === 0) return 0;
    // Removed before tracking: a reload of this page must not find the same queue again.
    storage.removeItem(ORDERS_KEY);
  } catch {
    return 0; // storage blocked: nothing was handed over
  }
  for (const order of orders) {
    track('purchase', {
      transaction_id: order.id,
      value: order.total,
      ...(order.currency ? { currency: order.currency } : {}),
    });
    for (const type of order.types) track('view_item', { item_id: `order:${order.id}:${type}`, item_category: type });
  }
  return orders.length;
}
