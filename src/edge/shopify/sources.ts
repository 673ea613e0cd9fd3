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
 * What the cache holds is checked again when it is read, not trusted because the chunk wrote it: any
 * script of the store can write localStorage (a 50,000-card entry once rendered 50,000 cards, 12.6 s).
 * So the text is sized before it is parsed, an entry is fresh only for 10 minutes after a time that is
 * not in the future (a clock set a year ahead, then corrected, kept an entry "fresh" for that year),
 * and a source shows at most its `limit` cards, each cut to the fields and lengths of a card.
 * This file is on the critical path: fetching, parsing and formatting live in ./catalog.ts (chunk).
 */
import type { Content, ProductItem, ProductSource } from '../../core/config/types.js';
import type { Decision } from '../../core/decide/rules.js';
import type { Renderer, View } from '../render/renderer.js';
import type { ServerContext } from '../page/context.js';
import { parseJson } from '../../core/json.js';
import { attempt } from '../guard.js';

export const CATALOG_KEY = 'p13n:catalog';
export const RECENT_KEY = 'p13n:recent';
/** Catalog answers go stale quickly (prices, stock): 10 minutes, about one shopping visit. */
export const CATALOG_TTL_MS = 10 * 60 * 1000;
/** Cards a source shows at most (the config's `limit` allows 1-10; 4 without one). */
export const MAX_SOURCE_ITEMS = 10;
export const DEFAULT_SOURCE_ITEMS = 4;
/**
 * Characters of the stored catalog, checked before parsing: 20 sources × 10 cards of a real store's
 * title, link, image and price take about 80 KB. A longer text reads as an empty cache.
 */
export const MAX_CATALOG_CHARS = 256 * 1024;
/** Characters of the recently viewed cards (10 of them). */
export const MAX_RECENT_CHARS = 64 * 1024;
/** Characters of a card's fields, as the chunk writes them. */
export const MAX_TITLE_LENGTH = 200;
export const MAX_URL_LENGTH = 2000;
export const MAX_PRICE_LENGTH = 40;

export interface CachedSource {
  readonly at: number;
  readonly items: readonly ProductItem[];
}
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

/** An object or array stored under `key`, or `fallback` when it is missing, unreadable or over `maxChars`. */
export function readJson<T>(win: Window, key: string, fallback: T, maxChars: number): T {
  return attempt(() => {
    const text = win.localStorage.getItem(key) ?? 'null';
    if (text.length > maxChars) return fallback;
    const value: unknown = parseJson(text);
    return value && typeof value === 'object' ? (value as T) : fallback;
  }, fallback);
}

const field = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value !== '' && value.length <= max ? value : undefined;

/** A stored card as the renderer may take it: a title, and only a card's fields within their lengths. */
export function cardOf(value: unknown): ProductItem | null {
  if (typeof value !== 'object' || value === null) return null;
  const card = value as Record<string, unknown>;
  const title = field(card.title, MAX_TITLE_LENGTH);
  if (!title) return null;
  const href = field(card.href, MAX_URL_LENGTH);
  const image = field(card.image, MAX_URL_LENGTH);
  const price =
    typeof card.price === 'number' && Number.isFinite(card.price) ? card.price : field(card.price, MAX_PRICE_LENGTH);
  return { title, ...(href ? { href } : {}), ...(image ? { image } : {}), ...(price !== undefined ? { price } : {}) };
}

/** At most `limit` valid cards of a stored list, read no further than needed. */
export function cardsOf(list: unknown, limit: number): ProductItem[] {
  const cards: ProductItem[] = [];
  if (!Array.isArray(list)) return cards;
  for (let i = 0; i < list.length && cards.length < limit; i++) {
    const card = cardOf(list[i]);
    if (card) cards.push(card);
  }
  return cards;
}

/** How many cards a source shows: its `limit` within 1-10. */
export const limitOf = (source: ProductSource): number => {
  const limit =
    'limit' in source ? Number(source.limit) : 'recently_viewed' in source ? Number(source.recently_viewed) : NaN;
  return Number.isInteger(limit) ? Math.min(Math.max(limit, 1), MAX_SOURCE_ITEMS) : DEFAULT_SOURCE_ITEMS;
};

/** A cached entry's time is in the last 10 minutes: never in the future, which a clock set ahead leaves. */
export const isFresh = (at: unknown, now: number): boolean =>
  typeof at === 'number' && now - at >= 0 && now - at < CATALOG_TTL_MS;

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
  if ('collection' in source) return `c|${source.collection}|${source.limit ?? DEFAULT_SOURCE_ITEMS}|${currency}`;
  if (!('recommendations' in source)) return null;
  const product = currentProduct(env);
  return product
    ? `r|${source.recommendations}|${product.id ?? `h:${product.handle}`}|${source.limit ?? DEFAULT_SOURCE_ITEMS}|${currency}`
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
    const limit = limitOf(source);
    if ('recently_viewed' in source) {
      return answer(`v|${limit}`, () => {
        const current = currentProduct(env)?.id;
        const recent = env.consent() ? readJson<unknown[]>(env.win, RECENT_KEY, [], MAX_RECENT_CHARS) : [];
        const others = (Array.isArray(recent) ? recent : []).filter(
          (card) => (card as RecentCard | null)?.id !== current,
        );
        const cards = cardsOf(others, limit);
        return cards.length ? cards : null;
      });
    }
    const key = keyOf(source, env);
    if (key === null) return null;
    return answer(key, () => {
      const entry = readJson<Record<string, Partial<CachedSource> | undefined>>(
        env.win,
        CATALOG_KEY,
        {},
        MAX_CATALOG_CHARS,
      )[key];
      const cards = entry && isFresh(entry.at, env.now()) ? cardsOf(entry.items, limit) : [];
      if (cards.length === 0) pending.set(key, source);
      return cards.length ? cards : null;
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
