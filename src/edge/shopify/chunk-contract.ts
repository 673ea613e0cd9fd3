/** What personalize.js and its Shopify chunk (dist/personalize-shopify.js) agree on. Types and two names only: bundled into both. */
import type { CartTotals } from '../../core/profile/cart.js';
import type { Pending, SourceEnv } from './sources.js';

/** Loaded from the directory personalize.js came from, like every on-demand file. */
export const CHUNK_FILE = 'personalize-shopify.js';
/** Where the chunk leaves its entry point for personalize.js, which reads it when the script has run. */
export const CHUNK_GLOBAL = '__p13nShopify';

export interface ShopifyHooks {
  readonly track: (event: string, params: Record<string, unknown>) => void;
  readonly cart: (cart: CartTotals) => void;
}

export interface ShopifyChunk {
  start(env: SourceEnv, hooks: ShopifyHooks, pending: Pending): void;
}
