/**
 * Loads the shopper script's on-demand chunks (app/chunks/types.ts): each is a file next to
 * personalize.js, found from the URL the main script was loaded from (captured at start: later,
 * `document.currentScript` is gone), inserted as an async `<script>` with the main script's CSP nonce.
 * One promise per chunk, made once. It never rejects: a chunk that does not load (404, CSP, offline,
 * slower than `timeoutMs`) resolves to null, with one console warning, and whatever needed it keeps
 * the default behaviour (default content, an unknown attribute).
 */
import { chunkFile, REGISTRY, type ChunkExports, type ChunkName, type Registry } from '../app/chunks/types.js';
import type { Warn } from './warn.js';
import { trustedScriptUrl } from './trusted-types.js';

export interface ChunkLoader {
  /** The chunk's exports, or null when it could not be loaded within `timeoutMs`. */
  load<K extends ChunkName>(name: K, timeoutMs: number): Promise<ChunkExports[K] | null>;
  /** The chunk's exports if loaded already (synchronous readers use this). */
  loaded<K extends ChunkName>(name: K): ChunkExports[K] | undefined;
}

export function createChunkLoader(
  win: Window,
  script: HTMLScriptElement | null,
  warn: Warn,
  bundled: Registry | null,
): ChunkLoader {
  const src = script?.src;
  // The nonce property, not the attribute: browsers hide the attribute's value once the page has loaded.
  const nonce = script?.nonce;
  const registry = (): Registry => bundled ?? (win as unknown as Record<string, Registry | undefined>)[REGISTRY] ?? {};
  const pending = new Map<ChunkName, Promise<unknown>>();

  const fetchChunk = <K extends ChunkName>(name: K, timeoutMs: number): Promise<ChunkExports[K] | null> =>
    new Promise((resolve) => {
      const file = chunkFile(name);
      const fail = (why: string) => {
        warn(
          `chunk:${name}`,
          `${file} ${why}: upload it next to personalize.js; meanwhile this page view uses the default behaviour for what it provides`,
        );
        resolve(null);
      };
      let url: string;
      try {
        if (!src) return fail('cannot be found, because personalize.js was not loaded with <script src>');
        const at = new URL(file, src);
        // The main script's query too (Shopify's `?v=…`): a new personalize.js then never meets a chunk
        // of the old version from the browser's cache.
        at.search = new URL(src).search;
        url = at.href;
      } catch {
        return fail('cannot be found from the script URL');
      }
      const doc = win.document;
      const element = doc.createElement('script');
      try {
        // Trusted Types pages: through our policy (edge/trusted-types.ts); throws when the page does not allow it.
        (element as { src: unknown }).src = trustedScriptUrl(win, url);
      } catch {
        warn(
          'chunk:trusted-types',
          "this page enforces Trusted Types without allowing the policy 'p13n' (add it to the trusted-types directive): personalize.js cannot load the files beside it, and uses the default behaviour for what they provide",
        );
        return resolve(null);
      }
      element.async = true;
      if (nonce) element.nonce = nonce;
      const timer = setTimeout(() => fail(`did not load within ${timeoutMs} ms`), timeoutMs);
      element.onload = () => {
        clearTimeout(timer);
        const exports = registry()[name];
        if (exports) resolve(exports as ChunkExports[K]);
        else fail('did not register itself (is it from the same version as personalize.js?)');
      };
      element.onerror = () => {
        clearTimeout(timer);
        fail(`could not be loaded from ${url}`);
      };
      (doc.head ?? doc.documentElement).appendChild(element);
    });

  return {
    load(name, timeoutMs) {
      const have = registry()[name];
      if (have) return Promise.resolve(have as never);
      let promise = pending.get(name);
      if (!promise) pending.set(name, (promise = fetchChunk(name, timeoutMs)));
      return promise as never;
    },
    loaded: (name) => registry()[name] as never,
  };
}
