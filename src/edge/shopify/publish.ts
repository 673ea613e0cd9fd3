/**
 * Shopify's customer events for the theme: `Shopify.analytics.publish(name, data)` hands `data` to
 * every custom pixel and pixel app that subscribes to `name` (`analytics.subscribe('p13n_segments',
 * (event) => event.customData)`); https://shopify.dev/docs/api/web-pixels-api/emitting-data. Off
 * Shopify, or before Shopify's script defined it, nothing happens.
 */
import { attempt } from '../guard.js';

type Publish = (name: string, data: unknown) => unknown;

/** True when Shopify took the event. Never throws into the page. */
export function publishToShopify(win: Window, name: string, data: unknown): boolean {
  // A broken or hostile Shopify object: false, and the page goes on.
  return attempt(() => {
    const publish = (win as Window & { Shopify?: { analytics?: { publish?: unknown } } }).Shopify?.analytics?.publish;
    if (typeof publish !== 'function') return false;
    (publish as Publish).call((win as Window & { Shopify?: { analytics?: unknown } }).Shopify!.analytics, name, data);
    return true;
  }, false);
}
