/**
 * After the first decision, off the critical path: the facts `attributes()` reports (device, country,
 * season, hemisphere) and tracking (A/B measurement, the dataLayer, Product JSON-LD, the Shopify
 * file). `ready` waits for the files, bounded; a prerendered page starts measuring and listening to the
 * page only once it is shown.
 */
import type { ChunkExports } from '../edge/chunks/contract.js';
import { whenActivated } from '../edge/page/navigation.js';
import type { Run } from './run.js';
import { followCart, track } from './track.js';

/** How long `ready` waits for the files loaded after the first decision (tracking, device, country). */
const LATE_CHUNK_MS = 5000;

export async function afterFirstDecision(run: Run, decisionTimeoutMs: number): Promise<void> {
  // Off the critical path: a slow network may take longer than the decision's own timeout.
  const timeoutMs = Math.max(decisionTimeoutMs, LATE_CHUNK_MS);
  const fill: Promise<unknown>[] = [run.chunks.load('ua', timeoutMs)];
  if (run.context?.timezone) fill.push(run.chunks.load('tz', timeoutMs)); // country (without a server one), season, hemisphere
  const code = await run.chunks.load('track', timeoutMs);
  if (code) whenActivated(run.doc, () => listenToThePage(run, code));
  // Measurement starts once the device and zone facts are in, so exposures and page-view records
  // carry every fact (predicted_purchase reads them); what the page reports meanwhile waits for it.
  await Promise.all(fill);
  if (code)
    whenActivated(run.doc, () => run.measurement.attach(code.createMeasurement(run.win, () => run.state, run.now)));
}

/** Stores that already send GA4 ecommerce events, or print Product JSON-LD, need no tracking code. */
function listenToThePage(run: Run, { watchDataLayer, readProductFromJsonLd }: ChunkExports['track']): void {
  const { win, doc } = run;
  const tracked = (name: string, params?: Record<string, unknown>) => track(run, name, params);
  watchDataLayer(
    win,
    (name, params) => tracked(name, params as Record<string, unknown>),
    (entry) => run.signals.dataLayerEntry(entry),
  );
  run.shopify.start({ track: tracked, cart: (cart) => followCart(run, cart) });
  const readProduct = () => {
    if (run.server?.product) return; // counted from p13n-context by the Shopify file
    const product = readProductFromJsonLd(doc);
    if (product?.category)
      tracked('view_item', {
        item_id: product.id ?? product.name,
        item_category: product.category,
        price: product.price,
      });
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', readProduct, { once: true });
  else readProduct();
}
