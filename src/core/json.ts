/**
 * JSON for a script that runs inside someone else's page. Old themes and polyfills replace
 * `JSON.parse` / `JSON.stringify` (json2.js-era shims, wrappers that log or throw), and Prototype.js
 * adds `Array.prototype.toJSON`, which the native `stringify` honours (arrays come out as strings).
 *
 * So: the built-in `parse` is taken when the bundle starts, before later theme code can swap it, and
 * checked once; a page that had already broken it gets our own strict parser (json-parser.ts).
 * Writing is always our own: plain data only, `toJSON` ignored, so no page can change what we send.
 */
import { parseStrictJson } from './json-parser.js';

const builtInParse: ((text: string) => unknown) | undefined =
  typeof JSON === 'object' && JSON !== null && typeof JSON.parse === 'function' ? JSON.parse : undefined;

let parser: ((text: string) => unknown) | undefined;

/** The built-in, when it still parses like one; else ours. */
function choose(): (text: string) => unknown {
  try {
    const probe = builtInParse?.('{"a":[1,"\\u0041",true,null],"__proto__":0}') as { a?: unknown[] } | undefined;
    const a = probe?.a;
    if (
      Array.isArray(a) &&
      a.length === 4 &&
      a[0] === 1 &&
      a[1] === 'A' &&
      a[2] === true &&
      a[3] === null &&
      Object.prototype.hasOwnProperty.call(probe, '__proto__')
    ) {
      return builtInParse!;
    }
  } catch {
    // A replacement that throws: ours below.
  }
  return parseStrictJson;
}

/** `JSON.parse`, immune to what the page did to `JSON`. Throws SyntaxError on invalid text. */
export function parseJson(text: string): unknown {
  return (parser ??= choose())(text);
}

/** Characters JSON must escape, lone surrogates too; a valid surrogate pair is matched whole and kept. */
const ESCAPED = /[\ud800-\udbff][\udc00-\udfff]|["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/g;
const escapeChar = (c: string): string =>
  c.length === 2 ? c : c === '"' ? '\\"' : c === '\\' ? '\\\\' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export const quoteJson = (text: string): string => `"${text.replace(ESCAPED, escapeChar)}"`;

/** Nesting beyond this is not data we made: refuse rather than overflow the stack. */
const MAX_DEPTH = 64;

/**
 * `JSON.stringify` for plain data (objects, arrays, strings, numbers, booleans, null), as the
 * built-in writes it except that `toJSON` is never called. `undefined` for a value JSON cannot hold.
 */
export function toJson(value: unknown, depth = 0): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quoteJson(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (depth >= MAX_DEPTH) throw new TypeError('toJson: nested too deeply');
      const parts: string[] = [];
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) parts.push(toJson(value[i], depth + 1) ?? 'null');
        return `[${parts.join(',')}]`;
      }
      for (const key of Object.keys(value)) {
        const item = toJson((value as Record<string, unknown>)[key], depth + 1);
        if (item !== undefined) parts.push(`${quoteJson(key)}:${item}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}
