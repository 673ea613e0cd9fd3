/**
 * One nesting cap for every reader of a config: the shopper script's own JSON parser (json-parser.ts)
 * and the tools (`p13n validate`, `p13n shopify`, the studio). The built-in `JSON.parse` reads any depth,
 * but everything that walks the result recursively (the validator, the studio's copies, `toJson`) would
 * overflow the stack somewhere between 2,000 and 10,000 levels, so the tools check the text first.
 * Both checks here are loops, never recursion: they are what stands between a hostile file and the stack.
 */

/**
 * Objects and arrays open inside each other. A config needs about 6 (the demo: slots → hero → rules →
 * a rule → content → cta), JSON-LD about 6; 256 leaves room for any hand-written HTML-as-JSON and
 * stays far below the stack.
 */
export const MAX_JSON_DEPTH = 256;

/** The one wording every tool prints for it (the strict parser's error starts the same). */
export const TOO_DEEP = 'JSON nested too deeply';

/**
 * Offset of the first `{` or `[` that opens more than `max` containers at once in `text`, or -1.
 * Strings are skipped (a `[` inside one is text); the text need not be valid JSON.
 */
export function tooDeepAt(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: to its closing quote, past escapes; an unclosed one ends the scan.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if ((c === 0x7d || c === 0x5d) && depth > 0) depth--;
  }
  return -1;
}

/** Whether a value (parsed JSON, or anything plain) nests objects and arrays more than `max` deep. */
export function tooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const item of level) {
      if (typeof item !== 'object' || item === null) continue;
      if (depth >= max) return true;
      for (const child of Array.isArray(item) ? item : Object.values(item)) next.push(child);
    }
    level = next;
  }
  return false;
}
