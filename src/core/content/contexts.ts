/**
 * `{{tokens}}` in the owner's HTML, by context: where a visitor-controlled value (a campaign from the
 * URL, a referrer) may go, and how it is escaped there. Text and ordinary attributes take it as text.
 * URL attributes take it percent-encoded, and the whole URL is then checked as every link is (so a
 * token can add to a path or query, never choose the scheme or host); `srcset` is a list of URLs,
 * each checked. CSS takes no token at all: in `<style>` or a `style` attribute a value can hide the
 * page (`"}body{visibility:hidden}`) or load a URL (`url(…)`), so the token is left out — the
 * owner's own `{{token|fallback}}` text stays. The same for the values of SVG animation, which
 * can set any attribute, `style` and `href` included.
 * https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
 */
import type { Attributes } from '../types.js';
import { fillTokens } from './tokens.js';
import { safeUrl } from './url.js';

/** Attributes whose value is one URL (HTML, SVG, and the legacy ones browsers still fetch). */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'background',
  'ping',
  'data',
  'cite',
  'longdesc',
  'usemap',
  'manifest',
  'codebase',
  'lowsrc',
  'dynsrc',
  'icon',
  'profile',
  'itemtype',
  'itemid',
]);
/** Attributes whose value is a comma-separated list of `URL [descriptor]` candidates. */
const SRCSET_ATTRIBUTES = new Set(['srcset', 'imagesrcset']);
/** Attributes no visitor value may reach: CSS, and what SVG animation writes into other attributes. */
const NO_TOKEN_ATTRIBUTES = new Set(['style', 'values', 'from', 'to', 'by']);

const NONE: Attributes = {};

/** The owner's text with its tokens left out (the owner's fallback stays). */
export const withoutTokens = (text: string): string => fillTokens(text, NONE);

/** Each candidate of a srcset checked as a URL; a candidate that fails is dropped. */
function safeSrcset(value: string): string | undefined {
  const kept = value.split(',').map((candidate) => {
    const [url = '', ...descriptors] = candidate.trim().split(/\s+/);
    const safe = safeUrl(url);
    return safe === undefined ? undefined : [safe, ...descriptors].join(' ');
  });
  const valid = kept.filter((candidate): candidate is string => candidate !== undefined && candidate !== '');
  return valid.length ? valid.join(', ') : undefined;
}

/** An attribute's value with tokens filled for its context; undefined means: remove the attribute. */
export function fillAttribute(name: string, value: string, attrs: Attributes): string | undefined {
  const lower = name.toLowerCase();
  if (NO_TOKEN_ATTRIBUTES.has(lower)) return withoutTokens(value);
  if (URL_ATTRIBUTES.has(lower)) return safeUrl(fillTokens(value, attrs, encodeURIComponent));
  if (SRCSET_ATTRIBUTES.has(lower)) return safeSrcset(fillTokens(value, attrs, encodeURIComponent));
  return fillTokens(value, attrs);
}
