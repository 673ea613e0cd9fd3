/**
 * What counts as converted for a page view (`--horizon`):
 * - `visit` (default): an order by the same visitor after the page view, before the visit ends, and up
 *   to 30 minutes after its last page view (the checkout and thank-you pages are not storefront pages,
 *   and a store's checkout often lives on another host);
 * - `Nd` (1d, 7d, 30d …): an order within N days after the page view. Page views of the data's last N
 *   days are left out: their window is not over yet, so a 0 there would not mean "did not buy".
 */
export type Horizon = { readonly kind: 'visit' } | { readonly kind: 'days'; readonly days: number };

/** 30 minutes: when a visit ends without a page view, as the shopper's script counts visits. */
export const VISIT_GAP_MS = 30 * 60_000;

export function parseHorizon(text: string): Horizon | null {
  if (text === 'visit') return { kind: 'visit' };
  const days = /^(\d{1,2})d$/.exec(text);
  return days && Number(days[1]) >= 1 && Number(days[1]) <= 90 ? { kind: 'days', days: Number(days[1]) } : null;
}

export const horizonName = (horizon: Horizon) => (horizon.kind === 'visit' ? 'visit' : `${horizon.days}d`);

/** SQL for the last moment an order still counts, from the page view's time and its visit's last page view. */
export const horizonEnd = (horizon: Horizon, ts: string, visitLast: string) =>
  horizon.kind === 'visit' ? `${visitLast} + ${VISIT_GAP_MS}` : `${ts} + ${horizon.days * 86_400_000}`;
