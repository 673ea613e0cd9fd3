/**
 * `{{attribute}}` and `{{attribute|fallback}}` tokens in store-owner text. The result is always used
 * as text (a DOM text node or an attribute value), never parsed as HTML, so a visitor-controlled value
 * such as `campaign` from a URL cannot become markup.
 */
import type { AttributeValue, Attributes } from '../types.js';

export const TOKEN = /\{\{\s*([A-Za-z_][\w]*(?:\.[\w]+)*)\s*(?:\|([^}]*))?\}\}/g;

/** Cap on one substituted value: a hostile 10 MB utm_campaign must not become 10 MB of page text. */
const MAX_VALUE_LENGTH = 200;

/** Amounts of money: shown with two decimals, as a store writes prices ($89.00, not $89). */
const MONEY: ReadonlySet<string> = new Set(['cart_value', 'total_spent', 'average_order_value']);

function formatValue(value: AttributeValue | undefined, path: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number')
    return !Number.isFinite(value) ? null : MONEY.has(path) ? value.toFixed(2) : String(Math.round(value * 100) / 100);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.join(', ');
  return null;
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

function lookup(attrs: Attributes, path: string): AttributeValue | undefined {
  const [head = '', ...rest] = path.split('.');
  let value: unknown = hasOwn(attrs, head) ? attrs[head] : undefined;
  for (const key of rest) {
    const bag =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    // Namespace keys (interest.running) are stored lower-case.
    const found = bag && [key, key.toLowerCase()].find((candidate) => hasOwn(bag, candidate));
    value = found === undefined ? undefined : bag![found];
  }
  return value as AttributeValue | undefined;
}

/**
 * Fills tokens with the attributes' values. `encode` escapes each value for its context: in a URL it
 * is `encodeURIComponent`, so visitor data can add to a link (`/search?q={{campaign}}`) but never
 * choose its scheme or host (https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html).
 * The owner's own fallback text is not encoded.
 */
export function fillTokens(text: string, attrs: Attributes, encode?: (value: string) => string): string {
  if (text.indexOf('{{') < 0) return text;
  return text.replace(TOKEN, (_match, path: string, fallback: string | undefined) => {
    const value = formatValue(lookup(attrs, path), path);
    if (value === null) return (fallback?.trim() ?? '').slice(0, MAX_VALUE_LENGTH);
    const capped = value.slice(0, MAX_VALUE_LENGTH);
    return encode ? encode(capped) : capped;
  });
}
