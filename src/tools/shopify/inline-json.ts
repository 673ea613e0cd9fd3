/**
 * JSON that can be printed inside `<script type="application/json">` of a Liquid file and comes out of
 * `JSON.parse` exactly as it went in, whatever its strings hold.
 *
 * Route chosen by cost on the critical path (see docs/shopify.md): inline, escaped. A JSON asset
 * fetched by the script adds a request the slots wait for; `{% raw %}` breaks on `{% endraw %}` inside
 * a string. Escaping costs only bytes of the page, and only for the characters below.
 *
 * In compact JSON these characters occur only inside strings, where a `\uXXXX` escape parses to the
 * same character:
 * - `<` `>` `&`: no `</script>` or `<!--` can end or confuse the script element (the HTML parser's
 *   "script data" states look only for those);
 * - U+2028, U+2029: valid in JSON, line terminators in older JavaScript parsers;
 * - `{` before `{` or `%`: Liquid starts an output or a tag only at `{{` / `{%` (also `{{-` / `{%-`),
 *   so with that brace escaped Liquid sees plain text. A structural `{` is always followed by `"` or `}`.
 */
const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

export function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c]!)
    .replace(/\{(?=[{%])/g, '\\u007b');
}
