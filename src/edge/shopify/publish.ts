/**
 * Shopify's customer events for the theme: `Shopify.analytics.publish(name, data)` hands `data` to
 * every custom pixel and pixel app that subscribes to `name` (`analytics.subscribe('p13n_segments',
 * (event) => event.customData)`); https://shopify.dev/docs/api/web-pixels-api/emitting-data. Off
 * Shopify, or before Shopify's script defined it, nothing happens.
 */
type Publish = (name: string, data: unknown) => unknown;

/** True when Shopify took the event. Never throws into the page. */
export function publishToShopify(win: Window, name: string, data: unknown): boolean {
  try {
    const publish = (win as Window & { Shopify?: { analytics?: { publish?: unknown } } }).Shopify?.analytics?.publish;
    if (typeof publish !== 'function') return false;
    (publish as Publish).call((win as Window & { Shopify?: { analytics?: unknown } }).Shopify!.analytics, name, data);
    return true;
  } catch {
    return false; // a broken or hostile Shopify object: the page goes on
  }
}
