/**
 * Collects the consent signals a page gives over time (the edge around the pure `resolveConsent`):
 * `p13n.consent()` calls, Google Consent Mode commands in `dataLayer` (those pushed before the script
 * ran, then each later push, passed in by the dataLayer watcher), and Shopify's Customer Privacy API,
 * which loads asynchronously: it is read now, on its `visitorConsentCollected` event, and polled for
 * a bounded time until it appears.
 */
import type { Config } from '../../core/config/types.js';
import { consentCommand, consentModeDefault, type ConsentCommand } from '../../core/consent/consent-mode.js';
import { resolveConsent, type ConsentChoice, type ConsentResolution } from '../../core/consent/resolve.js';
import { readShopifyConsent, SHOPIFY_CONSENT_EVENT, shopifyChoice } from '../../core/consent/shopify.js';
import { attempt } from '../guard.js';

export interface VisitorFacts {
  readonly country: string | null;
  /** `navigator.globalPrivacyControl === true`. */
  readonly gpc: boolean;
}

export interface ConsentSignals {
  resolve(config: Pick<Config, 'consent' | 'globalPrivacyControl'>, visitor: VisitorFacts): ConsentResolution;
  /** `p13n.consent(granted)`: the visitor's (or the store's banner's) explicit choice. */
  choose(granted: boolean, source: string): void;
  /** One dataLayer entry; each entry object is read once, so a replay of the array changes nothing. */
  dataLayerEntry(entry: unknown): void;
  stop(): void;
}

export interface SignalOptions {
  /** How often, and how many times, to look for Shopify's API after load (it arrives asynchronously). */
  readonly pollMs?: number;
  readonly polls?: number;
}

/** Consent Mode defaults kept: a page sets a handful; a runaway loop must not grow this forever. */
const MAX_DEFAULTS = 50;

export function createConsentSignals(
  win: Window,
  onChange: () => void,
  { pollMs = 250, polls = 40 }: SignalOptions = {},
): ConsentSignals {
  let choice: ConsentChoice | null = null;
  let platform = readShopifyConsent(win);
  const defaults: ConsentCommand[] = [];
  const seen = new WeakSet<object>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const read = (entry: unknown): boolean => {
    if (typeof entry !== 'object' || entry === null || seen.has(entry)) return false;
    seen.add(entry);
    const command = consentCommand(entry);
    if (!command) return false;
    if (command.kind === 'update') choice = { granted: command.granted, source: 'Google Consent Mode update' };
    else if (defaults.length < MAX_DEFAULTS) defaults.push(command);
    return true;
  };

  // A hostile dataLayer getter: no Consent Mode signals.
  attempt(() => {
    const layer = (win as Window & { dataLayer?: unknown }).dataLayer;
    if (Array.isArray(layer)) for (const entry of layer.slice(0, 500)) read(entry);
  });

  // The controller contains its own failures; this keeps a listener from breaking the page's event.
  const notify = () => attempt(onChange);

  const onShopifyChoice = (event: Event) => {
    const granted = shopifyChoice(event);
    if (granted === null) return;
    choice = { granted, source: 'Shopify visitorConsentCollected' };
    platform = granted;
    notify();
  };
  // No document events: Shopify's load-time answer and the other signals still count.
  attempt(() => win.document.addEventListener(SHOPIFY_CONSENT_EVENT, onShopifyChoice));

  if (platform === null && polls > 0) {
    let left = polls;
    timer = setInterval(() => {
      const value = readShopifyConsent(win);
      if (value !== null || --left <= 0) {
        clearInterval(timer);
        timer = undefined;
      }
      if (value !== null) {
        platform = value;
        notify();
      }
    }, pollMs);
  }

  return {
    resolve: (config, visitor) =>
      resolveConsent({
        configured: config.consent,
        globalPrivacyControl: config.globalPrivacyControl,
        country: visitor.country,
        gpc: visitor.gpc,
        choice,
        platform,
        modeDefault: consentModeDefault(defaults, visitor.country),
      }),
    choose(granted, source) {
      choice = { granted, source };
    },
    dataLayerEntry(entry) {
      if (read(entry)) notify();
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      win.document.removeEventListener(SHOPIFY_CONSENT_EVENT, onShopifyChoice);
    },
  };
}
