/**
 * What the shopper does on the page, into the profile: `p13n.track()` (the theme, the dataLayer, the
 * Shopify chunk, Product JSON-LD) and the cart the store reports. A prerendered page takes events in
 * once it is shown: nothing is counted before.
 */
import type { CartTotals } from '../core/profile/cart.js';
import { withCart } from '../core/profile/cart.js';
import { applyEvent } from '../core/profile/update.js';
import { toJson } from '../core/json.js';
import { toTrackEvent } from '../core/track/params.js';
import { whenActivated } from '../edge/page/navigation.js';
import { redecide } from './decide.js';
import type { Run } from './run.js';
import { evaluate } from './runtime.js';

export function track(run: Run, event: string, params?: Record<string, unknown>): void {
  const tracked = toTrackEvent(event, params);
  if (!tracked)
    return run.warn(
      `track:${String(event)}`,
      `track(${toJson(event) ?? String(event)}) ignored: an event name is letters, digits and _ (up to 40)`,
    );
  void run.whenBooted((current) =>
    whenActivated(run.doc, () => {
      const t = run.now();
      if (run.deduper.seen(tracked, t)) return;
      const repeated =
        tracked.transactionId !== undefined && current.session.current().transactions.includes(tracked.transactionId);
      current.session.change((p) => applyEvent(p, tracked, t));
      if (tracked.name === 'purchase' && !repeated)
        run.measurement.purchased({
          ...tracked,
          currency: typeof params?.currency === 'string' ? params.currency.slice(0, 3) : undefined,
        });
      // A product view shapes the next pages; re-rendering this one for it would be a visible swap.
      if (tracked.name === 'view_item') evaluate(current, t);
      else redecide(run, current);
      void current.session.flush();
    }),
  );
}

/** The store reported its cart (Shopify events, /cart.js): it replaces what add/remove events counted. */
export function followCart(run: Run, cart: CartTotals): void {
  void run.whenBooted((current) => {
    const before = current.session.current();
    current.session.change((p) => withCart(p, cart));
    if (current.session.current() === before) return;
    redecide(run, current);
    void current.session.flush();
  });
}
