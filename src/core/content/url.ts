/**
 * Which link targets may be rendered: http(s), mailto and relative URLs. Anything else
 * (`javascript:`, `data:`, `vbscript:` …) is dropped. Browsers ignore tabs, newlines and leading
 * control characters in a scheme (`java\tscript:` runs), so those are removed before the check.
 * https://url.spec.whatwg.org/#concept-basic-url-parser
 */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

export function safeUrl(url: string | undefined | null): string | undefined {
  if (typeof url !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (squeezed === '') return undefined;
  const scheme = SCHEME.exec(squeezed)?.[1];
  if (scheme !== undefined && !ALLOWED_SCHEMES.has(scheme.toLowerCase())) return undefined;
  return url.trim();
}
