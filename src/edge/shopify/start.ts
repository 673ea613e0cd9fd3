/**
 * The script's Shopify side, for boot.ts: product sources resolved around the renderer (critical
 * path, from cache only), and after the first decisions the Shopify chunk (./chunk.ts), loaded from
 * beside personalize.js on Shopify stores only. The cart in `p13n-context` is read before deciding
 * (boot.ts), so `cart_value` segments decide on the first page already.
 */
import type { ServerContext } from '../page/context.js';
import type { Renderer } from '../render/renderer.js';
import type { Warn } from '../warn.js';
import { CHUNK_FILE, CHUNK_GLOBAL, type ShopifyChunk, type ShopifyHooks } from './chunk-contract.js';
import { createProductSources, RECENT_KEY, type SourceEnv } from './sources.js';

/** A store that runs our snippet or app embed prints a cart; other stores have nothing for the chunk. */
export const onShopify = (win: Window, server: ServerContext | null) =>
  !!server?.cart || !!(win as Window & { Shopify?: { shop?: unknown } }).Shopify?.shop;

export function createShopify(env: SourceEnv, script: HTMLScriptElement | null, warn: Warn) {
  const sources = createProductSources(env);
  return {
    wrap: (renderer: Renderer) => sources.wrap(renderer),
    /** After the first decisions: loads the chunk on Shopify and hands it this page. */
    start(hooks: ShopifyHooks): void {
      const { win } = env;
      if (!onShopify(win, env.server())) return;
      let src: string;
      try {
        src = new URL(CHUNK_FILE, script?.src || undefined).href;
      } catch {
        return warn(
          'shopify',
          `cart, orders and product sources are off: ${CHUNK_FILE} loads next to personalize.js, which this page did not load with <script src>`,
        );
      }
      const doc = win.document;
      const element = doc.createElement('script');
      element.src = src;
      element.async = true;
      if (script?.nonce) element.nonce = script.nonce;
      element.onload = () =>
        (win as unknown as Record<string, ShopifyChunk | undefined>)[CHUNK_GLOBAL]?.start(env, hooks, sources.pending);
      element.onerror = () =>
        warn(
          'shopify',
          `cart, orders and product sources are off: ${src} could not be loaded (upload ${CHUNK_FILE} next to personalize.js)`,
        );
      (doc.head ?? doc.documentElement).appendChild(element);
    },
    /** Consent withdrawn or `forget()`: the recently viewed cards go with the profile. */
    forget(): void {
      try {
        env.win.localStorage.removeItem(RECENT_KEY);
      } catch {
        // blocked storage holds nothing of ours
      }
    },
  };
}
