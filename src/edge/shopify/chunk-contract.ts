/** What personalize.js and its Shopify chunk (dist/personalize-shopify.js) agree on. Types only: bundled into both. */
import type { CartTotals } from '../../core/profile/cart.js';
import type { Warn } from '../warn.js';
import type { Pending, SourceEnv } from './sources.js';

export interface ShopifyHooks {
  readonly track: (event: string, params: Record<string, unknown>) => void;
  readonly cart: (cart: CartTotals) => void;
}

export interface ShopifyChunk {
  start(env: SourceEnv, hooks: ShopifyHooks, pending: Pending, warn: Warn): void;
}
