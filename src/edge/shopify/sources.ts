/**
 * `products` content with a `source` instead of `items`: the cards are resolved into plain `items`
 * before the renderer sees the decision, so rendering code does not change. A source answers only
 * from its short-lived cache, and a slot never waits on the network:
 *   cached → its cards; not cached → this page keeps the default (the decision's content is null),
 *   and the Shopify chunk fetches the source after the page's decisions, for the next page.
 * What one page answered for a source it keeps answering: no late swap when the fetch lands.
 *
 * Collections and recommendations are the shop's public catalog (localStorage, any consent).
 * Recently viewed cards are personal: read and kept only with consent, like the profile, and erased
 * when consent is withdrawn or the visitor is forgotten.
 * This file is on the critical path: fetching, parsing and formatting live in ./catalog.ts (chunk).
 */
import type { Content, ProductItem, ProductSource } from '../../core/config/types.js';
import type { Decision } from '../../core/decide/rules.js';
import type { Renderer, View } from '../render/renderer.js';
import type { ServerContext } from '../page/context.js';
import { parseJson } from '../../core/json.js';

export const CATALOG_KEY = 'p13n:catalog';
export const RECENT_KEY = 'p13n:recent';
/** Catalog answers go stale quickly (prices, stock): 10 minutes, about one shopping visit. */
export const CATALOG_TTL_MS = 10 * 60 * 1000;

export interface CachedSource {
  readonly at: number;
  readonly items: readonly ProductItem[];
}
export type CatalogCache = Record<string, CachedSource>;
export interface RecentCard extends ProductItem {
  readonly id: string;
}
/** Sources this page could not show: cache key → source. */
export type Pending = Map<string, ProductSource>;

export interface SourceEnv {
  readonly win: Window;
  /** Read when needed: the context is read after the renderer is created. */
  readonly server: () => ServerContext | null;
  readonly consent: () => boolean;
  readonly now: () => number;
}

export function readJson<T>(win: Window, key: string, fallback: T): T {
  try {
    const value: unknown = parseJson(win.localStorage.getItem(key) ?? 'null');
    return value && typeof value === 'object' ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

/** The shop's currency for this page: the cart's (Shopify's presentment currency). */
export const currencyOf = (env: SourceEnv): string | null => {
  const currency = env.server()?.cart?.currency;
  return typeof currency === 'string' ? currency : null;
};

/** The product of this page: p13n-context's, else the handle in a /products/HANDLE URL. */
export function currentProduct(env: SourceEnv): { id?: string; handle?: string } | null {
  const product = env.server()?.product;
  if (product?.id !== undefined) return { id: String(product.id) };
  const handle = /\/products\/([^/?#]+)/.exec(env.win.location.pathname)?.[1];
  return handle ? { handle } : null;
}

/** The cache key of a source on this page; null when it cannot apply here (recommendations without a product). */
function keyOf(source: ProductSource, env: SourceEnv): string | null {
  const currency = currencyOf(env) ?? '';
  if ('collection' in source) return `c|${source.collection}|${source.limit ?? 4}|${currency}`;
  if (!('recommendations' in source)) return null;
  const product = currentProduct(env);
  return product
    ? `r|${source.recommendations}|${product.id ?? `h:${product.handle}`}|${source.limit ?? 4}|${currency}`
    : null;
}

export function createProductSources(env: SourceEnv) {
  const answered = new Map<string, readonly ProductItem[] | null>();
  const pending: Pending = new Map();

  function answer(key: string, read: () => readonly ProductItem[] | null): readonly ProductItem[] | null {
    if (!answered.has(key)) answered.set(key, read());
    return answered.get(key)!;
  }

  function itemsFor(source: ProductSource): readonly ProductItem[] | null {
    if ('recently_viewed' in source) {
      const count = Number(source.recently_viewed) || 0;
      return answer(`v|${count}`, () => {
        const current = currentProduct(env)?.id;
        const recent = env.consent() ? readJson<RecentCard[]>(env.win, RECENT_KEY, []) : [];
        const cards = (Array.isArray(recent) ? recent : [])
          .filter((card) => card?.id !== current && typeof card?.title === 'string')
          .slice(0, count);
        return cards.length ? cards.map(({ id: _id, ...item }) => item) : null;
      });
    }
    const key = keyOf(source, env);
    if (key === null) return null;
    return answer(key, () => {
      const entry = readJson<CatalogCache>(env.win, CATALOG_KEY, {})[key];
      const fresh =
        entry && Array.isArray(entry.items) && entry.items.length > 0 && env.now() - entry.at < CATALOG_TTL_MS;
      if (!fresh) pending.set(key, source);
      return fresh ? entry.items : null;
    });
  }

  const resolve = (d: Decision): Decision => {
    const content: Content | null = d.content;
    if (content?.type !== 'products' || !content.source) return d;
    const items = itemsFor(content.source);
    return { ...d, content: items ? { ...content, items } : null };
  };
  const resolveView = (view: View): View => ({ ...view, decisions: view.decisions.map(resolve) });

  return {
    pending,
    /** The renderer, seeing sourced products as plain items. */
    wrap: (renderer: Renderer): Renderer => ({
      ...renderer,
      renderAll: (view, only) => renderer.renderAll(resolveView(view), only),
      observe: (current, beforeRender) =>
        renderer.observe(() => {
          const view = current();
          return view && resolveView(view);
        }, beforeRender),
    }),
  };
}
