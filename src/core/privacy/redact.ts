/**
 * Personal data that campaign tags sometimes carry: mail tools that put the subscriber's address in
 * `utm_content` or `utm_term` ("utm_term=jane@example.com"). Such values are kept in the profile as
 * the campaign, so the address is cut out first, as GA4's data redaction does for emails in URLs
 * (https://support.google.com/analytics/answer/13544947). Pure.
 */

/**
 * Anything shaped like an address, also percent-encoded (`jane%40example.com`), with `+` tags, or cut
 * short (`jane@exam`): a value cut to length must not keep half an address.
 */
const EMAIL = /[A-Za-z0-9._%+-]*(?:@|%40)[A-Za-z0-9.-]*/gi;

/** Values are cut to this before matching, so a hostile 8 KB parameter costs nothing. */
const MAX_INPUT = 1000;

export const REDACTED = '(redacted)';

export function redactPersonalData(value: string): string {
  const text = value.slice(0, MAX_INPUT);
  return text.indexOf('@') < 0 && !/%40/i.test(text) ? text : text.replace(EMAIL, REDACTED);
}
