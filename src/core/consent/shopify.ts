/**
 * Shopify's Customer Privacy API (https://shopify.dev/docs/api/customer-privacy): once loaded it is at
 * `window.Shopify.customerPrivacy`, and its "Allowed" methods combine the store's regional settings
 * with the visitor's choice. The profile is Shopify's *preferences* purpose (remembering choices,
 * personalization), so `preferencesProcessingAllowed()` is the one read. When a visitor decides,
 * Shopify dispatches `visitorConsentCollected` on `document` with `detail.preferencesAllowed` (the
 * shape of `VisitorConsentCollected` in Shopify/hydrogen
 * packages/hydrogen/src/customer-privacy/ShopifyCustomerPrivacy.tsx, which listens to that event;
 * the web-pixels docs name the same purposes `preferencesProcessingAllowed` & co.).
 */

export const SHOPIFY_CONSENT_EVENT = 'visitorConsentCollected';

/** The API's answer now; null while it is not loaded (it loads asynchronously) or when it throws. */
export function readShopifyConsent(win: Window): boolean | null {
  try {
    const api = (win as Window & { Shopify?: { customerPrivacy?: { preferencesProcessingAllowed?: () => unknown } } })
      .Shopify?.customerPrivacy;
    if (!api || typeof api.preferencesProcessingAllowed !== 'function') return null;
    const allowed = api.preferencesProcessingAllowed();
    return typeof allowed === 'boolean' ? allowed : null;
  } catch {
    return null;
  }
}

/** The visitor's choice from a `visitorConsentCollected` event, or null when it says nothing about preferences. */
export function shopifyChoice(event: Event): boolean | null {
  try {
    const allowed = (event as CustomEvent<{ preferencesAllowed?: unknown }>).detail?.preferencesAllowed;
    return typeof allowed === 'boolean' ? allowed : null;
  } catch {
    return null;
  }
}
