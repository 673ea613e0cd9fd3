/**
 * The script's Shopify side, for boot.ts: product sources resolved around the renderer (critical
 * path, from cache only), and after the first decisions the Shopify chunk (./chunk.ts), loaded from
 * beside personalize.js on Shopify stores only, by the one chunk loader (../chunks.ts: nonce, Trusted
 * Types, `?v=`, version check). The cart in `p13n-context` is read before deciding (boot.ts), so
 * `cart_value` segments decide on the first page already.
 */
import type { ChunkLoader } from '../chunks.js';
import type { ServerContext } from '../page/context.js';
import type { Renderer } from '../render/renderer.js';
import type { Warn } from '../warn.js';
import type { ShopifyHooks } from './chunk-contract.js';
import { createProductSources, RECENT_KEY, type SourceEnv } from './sources.js';
import { attempt, attemptOrWarn } from '../guard.js';

/** Off the critical path, so a slow network gets longer than a decision's timeout. */
const CHUNK_TIMEOUT_MS = 10_000;

/** A store that runs our snippet or app embed prints a cart; other stores have nothing for the chunk. */
export const onShopify = (win: Window, server: ServerContext | null) =>
  !!server?.cart || !!(win as Window & { Shopify?: { shop?: unknown } }).Shopify?.shop;

export function createShopify(env: SourceEnv, chunks: ChunkLoader, warn: Warn) {
  const sources = createProductSources(env);
  return {
    wrap: (renderer: Renderer) => sources.wrap(renderer),
    /** After the first decisions: loads the chunk on Shopify and hands it this page. */
    start(hooks: ShopifyHooks): void {
      if (!onShopify(env.win, env.server())) return;
      void chunks.load('shopify', CHUNK_TIMEOUT_MS).then((chunk) =>
        attemptOrWarn(
          () => chunk?.start(env, hooks, sources.pending, warn),
          warn,
          'shopify',
          (error) => `cart, orders and product sources are off: ${error}`,
        ),
      );
    },
    /** Consent withdrawn or `forget()`: the recently viewed cards go with the profile. */
    forget(): void {
      attempt(() => env.win.localStorage.removeItem(RECENT_KEY)); // blocked storage holds nothing of ours
    },
  };
}
