/**
 * Finds the config the store owner gave: inline `<script type="application/json" id="p13n-config">`
 * (read synchronously, so slots can be hidden before the body is parsed), or a URL in the script
 * tag's `data-config` (fetched, bounded by a timeout), else one baked into the bundle.
 */
import { parseConfigText, type ParsedConfig } from '../../core/config/parse.js';

export type ConfigSource =
  | { readonly kind: 'inline'; readonly parsed: ParsedConfig }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'none' };

/** A config baked in at build time (`P13N_CONFIG=p13n.json npm run build`), JSON text or null. */
declare const __P13N_CONFIG__: string | null | undefined;

export function findConfig(doc: Document, script: HTMLScriptElement | null): ConfigSource {
  const url = script?.getAttribute('data-config');
  if (url) return { kind: 'url', url };
  const inline = doc.getElementById('p13n-config');
  if (inline) return { kind: 'inline', parsed: parseConfigText(inline.textContent ?? '') };
  // Read here, not at module load, so tests can provide it; unbundled code has no such name at all.
  const baked = typeof __P13N_CONFIG__ === 'string' ? __P13N_CONFIG__ : null;
  if (baked !== null) return { kind: 'inline', parsed: parseConfigText(baked) };
  return { kind: 'none' };
}

/** Fetches and parses a config file; every failure (slow, 404, not JSON) becomes a problem, not a throw. */
export async function fetchConfig(
  url: string,
  timeoutMs: number,
  fetchImpl: typeof fetch = fetch,
): Promise<ParsedConfig> {
  const failed = (message: string, hint?: string): ParsedConfig => ({
    config: { segments: {}, slots: {}, timeout: timeoutMs, internalHosts: [] },
    problems: [{ severity: 'error', path: '', message: `config ${url}: ${message}`, ...(hint ? { hint } : {}) }],
  });
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      // Settle first: abort() rejects the fetch at once, and the race must report the timeout, not an AbortError.
      resolve('timeout');
      controller?.abort();
    }, timeoutMs);
  });
  // A try of its own: the error names the problem in the config's report, and `finally` clears the timer.
  try {
    const response = await Promise.race([
      fetchImpl(url, { credentials: 'same-origin', signal: controller?.signal ?? null }),
      timeout,
    ]);
    if (response === 'timeout')
      return failed(
        `no answer within ${timeoutMs} ms`,
        'inline the config in the page, or serve it faster (it is on the critical path)',
      );
    if (!response.ok) return failed(`HTTP ${response.status}`, 'check the data-config URL');
    const text = await Promise.race([response.text(), timeout]);
    if (text === 'timeout') return failed(`no answer within ${timeoutMs} ms`);
    return parseConfigText(text);
  } catch (error) {
    return failed(`could not be loaded (${(error as Error)?.message ?? String(error)})`);
  } finally {
    clearTimeout(timer);
  }
}
