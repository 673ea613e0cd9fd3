/**
 * May the profile be kept on this device? Pure: every signal is passed in, the answer comes with the
 * reason in words (for `p13n:consent` listeners and the debug panel).
 *
 *   granted  the profile is read from and written to IndexedDB
 *   pending  no decision yet: nothing is written; a profile stored under an earlier consent may be read
 *   refused  nothing is read or written, and what is stored is erased
 *
 * Precedence, first that speaks wins:
 *   1. the visitor's latest choice: `p13n.consent(true|false)`, Shopify's `visitorConsentCollected`
 *      event, or a Google Consent Mode `update` (a banner replaying a stored choice counts: it is theirs)
 *   2. Global Privacy Control (refusal, unless the config says `"globalPrivacyControl": "ignore"`)
 *   3. Shopify's Customer Privacy API read at load (`preferencesProcessingAllowed()`): it already
 *      combines the store's regional settings with the visitor's earlier choice. False means pending
 *      (not yet asked, or declined on a page without this script), never an erasure on its own.
 *   4. a Consent Mode `default` of `denied`: pending (a `granted` default is not anyone's consent)
 *   5. the config's `consent`: `"required"` is pending, `"implied"` granted
 *   6. the visitor's country (server context, else time zone): pending in the EU/EEA, UK and
 *      Switzerland, granted elsewhere and when the country cannot be told
 */
import { consentRequiredIn } from './regions.js';

export type ConsentState = 'granted' | 'pending' | 'refused';

export interface ConsentResolution {
  readonly state: ConsentState;
  readonly reason: string;
}

export interface ConsentChoice {
  readonly granted: boolean;
  /** Where it came from, e.g. `p13n.consent()`, `Shopify visitorConsentCollected`. */
  readonly source: string;
}

export interface ConsentInputs {
  readonly configured: 'required' | 'implied' | undefined;
  readonly globalPrivacyControl: 'refuse' | 'ignore' | undefined;
  /** ISO 3166-1 alpha-2 from `classifyLocation`, or null. */
  readonly country: string | null;
  /** `navigator.globalPrivacyControl === true`. */
  readonly gpc: boolean;
  readonly choice: ConsentChoice | null;
  /** Shopify's `preferencesProcessingAllowed()` at load; null when the API is not there. */
  readonly platform: boolean | null;
  /** Google Consent Mode default for this visitor's region; null when none applies. */
  readonly modeDefault: boolean | null;
}

export function resolveConsent(input: ConsentInputs): ConsentResolution {
  if (input.choice)
    return {
      state: input.choice.granted ? 'granted' : 'refused',
      reason: `${input.choice.source}: ${input.choice.granted ? 'granted' : 'refused'}`,
    };
  if (input.gpc && input.globalPrivacyControl !== 'ignore')
    return { state: 'refused', reason: 'Global Privacy Control is on' };
  if (input.platform === true) return { state: 'granted', reason: 'Shopify: preferences allowed' };
  if (input.platform === false) return { state: 'pending', reason: 'Shopify: preferences not allowed (yet)' };
  if (input.modeDefault === false) return { state: 'pending', reason: 'Consent Mode default: denied' };
  if (input.configured === 'implied') return { state: 'granted', reason: 'config: consent is implied' };
  if (input.configured === 'required') return { state: 'pending', reason: 'config: consent is required' };
  if (consentRequiredIn(input.country))
    return { state: 'pending', reason: `consent is required by default in ${input.country}` };
  return {
    state: 'granted',
    reason: input.country ? `consent is implied in ${input.country}` : 'consent is implied (country unknown)',
  };
}
