/**
 * Loads the shopper script's on-demand chunks (./chunks/contract.ts): each is a file next to
 * personalize.js, found from the URL the main script was loaded from (captured at start: later,
 * `document.currentScript` is gone) with that URL's query (Shopify's `?v=`), inserted as an async
 * `<script>` with the main script's CSP nonce, through the Trusted Types policy `p13n`. One promise per
 * chunk, made once. It never rejects: a chunk that does not load (404, CSP, offline, slower than
 * `timeoutMs`), that comes from another release or lacks an export resolves to null, with one console
 * warning naming the file, and whatever needed it keeps the default behaviour (default content, an
 * unknown attribute). Only exports checked against the contract are ever handed out.
 */
import {
  CHUNKS,
  chunkFile,
  mismatch,
  REGISTRY,
  type Bundled,
  type ChunkExports,
  type ChunkName,
} from './chunks/contract.js';
import type { Warn } from './warn.js';
import { trustedScriptUrl } from './trusted-types.js';
import { attempt } from './guard.js';

export interface ChunkLoader {
  /** The chunk's exports, or null when it could not be loaded within `timeoutMs`. */
  load<K extends ChunkName>(name: K, timeoutMs: number): Promise<ChunkExports[K] | null>;
  /** The chunk's exports if loaded already (synchronous readers use this). */
  loaded<K extends ChunkName>(name: K): ChunkExports[K] | undefined;
}

/**
 * Where the chunk's URL has the page's origin, it loads as a module script. Browsers check a module
 * script's MIME type strictly (HTML, "fetch a single module script"): a URL that answers 200 with the
 * theme's HTML 404 page is refused without running, where a classic script would hand that HTML to
 * the JavaScript parser and throw an uncaught `SyntaxError` into the page (and its error tracker).
 * Nothing else changes for our files (each is a self-contained IIFE, strict-mode clean, no
 * `document.currentScript`), and Shopify's `asset_url` now gives store-domain URLs (`/cdn/shop/…`).
 * A module script from another origin needs CORS, which a CDN may not send (Shopify's theme editor
 * still serves cdn.shopify.com): there the file loads as a classic script, as before; Chromium's
 * Opaque Response Blocking then stops a cross-origin HTML answer before it is parsed. Rejected
 * alternative: fetch() the file and check a marker before inserting the script: a second request
 * whenever the answer is not cacheable (the demo's `no-cache`), plus CORS and `connect-src` for CDNs.
 */
const asModule = (win: Window, url: string): boolean =>
  attempt(() => new URL(url).origin === win.location.origin, false);

export function createChunkLoader(
  win: Window,
  script: HTMLScriptElement | null,
  warn: Warn,
  bundled: Bundled | null,
): ChunkLoader {
  const src = script?.src;
  // The nonce property, not the attribute: browsers hide the attribute's value once the page has loaded.
  const nonce = script?.nonce;
  /** Exports checked against the contract: the only ones handed out. */
  const ready = new Map<ChunkName, unknown>(Object.entries(bundled ?? {}) as Array<[ChunkName, unknown]>);
  const pending = new Map<ChunkName, Promise<unknown>>();

  const fail = (name: ChunkName, why: string, fix = '') =>
    warn(`chunk:${name}`, `${chunkFile(name)} ${why}${fix && `: ${fix}`}; meanwhile ${CHUNKS[name].without}`);

  /** The registered chunk if it fits the contract; `report` says why not, once. */
  const accept = (name: ChunkName, report: boolean): boolean => {
    if (ready.has(name)) return true;
    const value = attempt(
      () => (win as unknown as Record<string, Record<string, unknown> | undefined>)[REGISTRY]?.[name],
    );
    if (value === undefined && !report) return false;
    const problem = mismatch(name, value);
    if (problem === null) ready.set(name, value);
    else if (report) fail(name, problem, 'upload every personalize-*.js of the same build as personalize.js');
    return problem === null;
  };

  const fetchChunk = <K extends ChunkName>(name: K, timeoutMs: number): Promise<ChunkExports[K] | null> =>
    new Promise((resolve) => {
      const file = chunkFile(name);
      const done = (ok: boolean) => resolve(ok ? (ready.get(name) as ChunkExports[K]) : null);
      if (!src)
        return (fail(name, 'cannot be found, because personalize.js was not loaded with <script src>'), done(false));
      const url = attempt(() => {
        const at = new URL(file, src);
        // The main script's query too (Shopify's `?v=…`): a new personalize.js then never meets a chunk
        // of the old version from the browser's cache.
        at.search = new URL(src).search;
        return at.href;
      });
      if (url === undefined) return (fail(name, 'cannot be found from the script URL'), done(false));
      const doc = win.document;
      const element = doc.createElement('script');
      // Trusted Types pages: through our policy (edge/trusted-types.ts); throws when the page does not allow it.
      if (!attempt(() => (((element as { src: unknown }).src = trustedScriptUrl(win, url)), true), false)) {
        warn(
          'chunk:trusted-types',
          "this page enforces Trusted Types without allowing the policy 'p13n' (add it to the trusted-types directive): personalize.js cannot load the files beside it, and uses the default behaviour for what they provide",
        );
        return done(false);
      }
      if (asModule(win, url)) element.type = 'module';
      element.async = true;
      if (nonce) element.nonce = nonce;
      let settled = false;
      const settle = (ok: () => boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done(ok());
      };
      const timer = setTimeout(
        () => settle(() => (fail(name, `did not load within ${timeoutMs} ms`), false)),
        timeoutMs,
      );
      element.onload = () => settle(() => accept(name, true));
      element.onerror = () =>
        settle(
          () => (
            fail(
              name,
              `could not be loaded from ${url} (missing, or not served as JavaScript)`,
              'upload it next to personalize.js',
            ),
            false
          ),
        );
      (doc.head ?? doc.documentElement).appendChild(element);
    });

  return {
    load(name, timeoutMs) {
      if (accept(name, false)) return Promise.resolve(ready.get(name) as never);
      let promise = pending.get(name);
      if (!promise) pending.set(name, (promise = fetchChunk(name, timeoutMs)));
      return promise as never;
    },
    // A file that arrived after its load gave up is used from then on, once checked.
    loaded: (name) => (accept(name, false) ? (ready.get(name) as never) : undefined),
  };
}
