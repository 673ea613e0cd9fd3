/**
 * Where storing a profile on the visitor's device needs their consent by default: the EU and EEA
 * (GDPR with the ePrivacy Directive, art. 5(3): storing or reading information on a device needs
 * consent unless strictly necessary), the United Kingdom (UK GDPR and PECR) and Switzerland (FADP).
 *
 * Territories where those laws apply under their own ISO 3166-1 code are listed too: the EU's
 * outermost regions (French Guiana, Guadeloupe, Martinique, Réunion, Mayotte, Saint-Martin), Åland,
 * and Gibraltar and the Crown Dependencies, whose data protection laws mirror the UK's.
 */
const EU = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE';
const EU_TERRITORIES = 'GF GP MQ RE YT MF AX';
const EEA = 'IS LI NO';
const UK = 'GB GI JE GG IM';
const SWITZERLAND = 'CH';

export const CONSENT_REGIONS: ReadonlySet<string> = new Set(
  [EU, EU_TERRITORIES, EEA, UK, SWITZERLAND].join(' ').split(' '),
);

/** ISO 3166-1 alpha-2, upper case (as `classifyLocation` reports it); unknown (null) is not in a region. */
export function consentRequiredIn(country: string | null): boolean {
  return typeof country === 'string' && CONSENT_REGIONS.has(country.toUpperCase());
}
