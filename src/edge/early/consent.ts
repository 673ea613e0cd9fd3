/**
 * Consent as the inline decider can resolve it, from what the page says before the body: Global
 * Privacy Control, a Consent Mode command already in the dataLayer, Shopify's Customer Privacy API if
 * it has loaded, the config, and the country (server context, else a pruned zone table). The same
 * pure rule as the full script (core/consent/resolve.ts). Unknown (null) only where the rule reaches
 * the country and the country cannot be told: A/B tests and rules reading `consent` then wait.
 */
import { consentModeDefault } from '../../core/consent/consent-mode.js';
import { resolveConsent, type ConsentState } from '../../core/consent/resolve.js';
import type { Config } from '../../core/config/types.js';
import { consentCommands, shopifyConsentNow } from './read.js';

export function earlyConsent(
  win: Window,
  config: Pick<Config, 'consent' | 'globalPrivacyControl'>,
  gpc: boolean,
  country: () => string | null | undefined,
  /** The country is the visitor's own (the server's word), not one of its class (a pruned zone table). */
  exact: boolean,
): ConsentState | null {
  const commands = consentCommands(win);
  const update = [...commands].reverse().find((c) => c.kind === 'update');
  const inputs = {
    configured: config.consent,
    globalPrivacyControl: config.globalPrivacyControl,
    gpc,
    choice: update ? { granted: update.granted, source: 'Google Consent Mode update' } : null,
    platform: shopifyConsentNow(win),
  };
  const at = (c: string | null) =>
    resolveConsent({ ...inputs, country: c, modeDefault: consentModeDefault(commands, c) });
  // A Consent Mode default for named regions needs the exact country.
  const regional = commands.some((c) => c.kind === 'default' && c.regions !== null);
  const known = regional && !exact ? undefined : country();
  if (known !== undefined) return at(known).state;
  // The country is not known: the answer stands only if no country could change it.
  const inRegion = at('DE').state;
  return !regional && inRegion === at('US').state && inRegion === at(null).state ? inRegion : null;
}
