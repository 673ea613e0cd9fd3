/**
 * Filling the catalog cache for the next page, and remembering recently viewed cards (Shopify chunk,
 * off the critical path). The store's public storefront endpoints:
 * - `/collections/HANDLE/products.json?limit=N`: prices as strings in units (`"129.00"`, variants[0]);
 * - `/recommendations/products.json?product_id=ID&limit=N&intent=related|complementary` (the Product
 *   Recommendations API, limit 1-10): prices as integers in cents (`12900`), like the other Ajax endpoints.
 * Cards keep the price formatted in the shop's currency, so rendering them needs no Intl call (a
 * page's first Intl call is its slowest, see ../page/context.ts). Every string is data: the renderer
 * inserts it as text and checks the URLs.
 */
import type { ProductItem, ProductSource } from '../../core/config/types.js';
import { toJson } from '../../core/json.js';
import {
  CATALOG_KEY,
  cardOf,
  cardsOf,
  currencyOf,
  currentProduct,
  isFresh,
  limitOf,
  MAX_CATALOG_CHARS,
  MAX_RECENT_CHARS,
  MAX_SOURCE_ITEMS,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  readJson,
  RECENT_KEY,
  type CachedSource,
  type Pending,
  type RecentCard,
  type SourceEnv,
} from './sources.js';
import { isObject } from '../../core/is-object.js';
import { attempt } from '../guard.js';

const MAX_CACHED_SOURCES = 20;
const MAX_RECENT = 10;

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
/** A URL is kept whole or not at all: a cut one would lead nowhere. */
const url = (value: unknown) =>
  typeof value === 'string' && value.trim() && value.trim().length <= MAX_URL_LENGTH ? value.trim() : undefined;

const formats = new Map<string, Intl.NumberFormat>();
/** `129.5` in NOK for `nb` → "kr 129,50"; without a known currency, two decimals. */
export function formatPrice(amount: number, currency: string | null, locale: string | undefined): string {
  if (!currency) return amount.toFixed(2);
  const key = `${locale ?? ''}|${currency}`;
  return attempt(
    () => {
      let format = formats.get(key);
      if (!format)
        formats.set(key, (format = new Intl.NumberFormat(locale || undefined, { style: 'currency', currency })));
      return format.format(amount);
    },
    `${amount.toFixed(2)} ${currency}`, // an unknown currency code or locale
  );
}

export interface PriceFormat {
  readonly currency: string | null;
  readonly locale: string | undefined;
}

const priceFormat = (env: SourceEnv): PriceFormat => ({
  currency: currencyOf(env),
  locale: env.win.document.documentElement.lang || env.win.navigator.language || undefined,
});

/** A catalog product (either endpoint's shape) → a card, or null when it has no title. */
export function productCard(product: unknown, root: string, money: PriceFormat): ProductItem | null {
  if (!isObject(product)) return null;
  const title = text(product.title, MAX_TITLE_LENGTH);
  if (!title) return null;
  const handle = text(product.handle, 255);
  const variant = Array.isArray(product.variants) && isObject(product.variants[0]) ? product.variants[0] : {};
  // Recommendations (Ajax product): `price` in cents. products.json: no top-level price, the variant's a string in units.
  const cents =
    typeof product.price === 'number' ? product.price : typeof variant.price === 'number' ? variant.price : undefined;
  const units =
    cents !== undefined
      ? cents / 100
      : typeof variant.price === 'string' && variant.price.trim() !== ''
        ? Number(variant.price)
        : NaN;
  const firstImage = Array.isArray(product.images) ? product.images[0] : undefined;
  const image =
    url(product.featured_image) ??
    (isObject(product.featured_image) ? url(product.featured_image.src) : undefined) ??
    (isObject(firstImage) ? url(firstImage.src) : url(firstImage));
  const href = url(product.url) ?? (handle ? `${root}products/${encodeURIComponent(handle)}` : undefined);
  return {
    title,
    ...(href ? { href } : {}),
    ...(image ? { image } : {}),
    ...(Number.isFinite(units) ? { price: formatPrice(units, money.currency, money.locale) } : {}),
  };
}

/** The cards in a catalog response (`{ products: [...] }`), at most `limit`. */
export function productCards(response: unknown, limit: number, root: string, money: PriceFormat): ProductItem[] {
  const products = isObject(response) && Array.isArray(response.products) ? response.products : [];
  return products
    .map((p) => productCard(p, root, money))
    .filter((card): card is ProductItem => card !== null)
    .slice(0, limit);
}

/** The storefront's locale-aware root (`/`, `/en-us/`): Ajax requests should use it (shopify.dev, Ajax API). */
function rootOf(win: Window): string {
  const root = (win as Window & { Shopify?: { routes?: { root?: unknown } } }).Shopify?.routes?.root;
  return typeof root === 'string' && root.startsWith('/') ? (root.endsWith('/') ? root : `${root}/`) : '/';
}

async function fetchJson(win: Window, url: string): Promise<unknown> {
  const response = await win.fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

async function fetchSource(source: ProductSource, env: SourceEnv): Promise<ProductItem[]> {
  const root = rootOf(env.win);
  const limit = limitOf(source);
  if ('collection' in source) {
    return productCards(
      await fetchJson(
        env.win,
        `${root}collections/${encodeURIComponent(source.collection)}/products.json?limit=${limit}`,
      ),
      limit,
      root,
      priceFormat(env),
    );
  }
  if (!('recommendations' in source)) return [];
  const product = currentProduct(env);
  let id = product?.id;
  if (!id && product?.handle) {
    const json = await fetchJson(env.win, `${root}products/${product.handle}.js`);
    id = isObject(json) && json.id !== undefined ? String(json.id) : undefined;
  }
  if (!id) return [];
  const url = `${root}recommendations/products.json?product_id=${encodeURIComponent(id)}&limit=${limit}&intent=${source.recommendations}`;
  return productCards(await fetchJson(env.win, url), limit, root, priceFormat(env));
}

/** Storage full or blocked: the next page shows the default again. */
const writeText = (win: Window, key: string, text: string | undefined) =>
  attempt(() => text !== undefined && win.localStorage.setItem(key, text));

/**
 * The cache with `key` answered now: fresh entries only (none from the future), each checked as the
 * reader checks it, the newest 20 that fit MAX_CATALOG_CHARS. Our own writer (core/json.ts): a theme's
 * JSON.stringify may throw or mangle arrays.
 */
function nextCache(
  stored: Record<string, Partial<CachedSource> | undefined>,
  key: string,
  now: number,
  items: ProductItem[],
) {
  const entries = Object.entries({ ...stored, [key]: { at: now, items } })
    .filter((pair): pair is [string, CachedSource] => !!pair[1] && isFresh(pair[1].at, now))
    .map(([name, entry]): [string, CachedSource] => [
      name,
      { at: entry.at, items: cardsOf(entry.items, MAX_SOURCE_ITEMS) },
    ])
    .sort((a, b) => b[1].at - a[1].at)
    .slice(0, MAX_CACHED_SOURCES);
  for (;;) {
    const text = toJson(Object.fromEntries(entries));
    if (text === undefined || text.length <= MAX_CATALOG_CHARS || entries.length <= 1) return text;
    entries.pop();
  }
}

/** Fetches the sources this page could not show into the cache. Never throws. */
export async function fillCatalog(env: SourceEnv, pending: Pending): Promise<void> {
  for (const [key, source] of [...pending]) {
    pending.delete(key);
    // A try of its own: each source is awaited in turn.
    try {
      const items = await fetchSource(source, env);
      const stored = readJson<Record<string, Partial<CachedSource> | undefined>>(
        env.win,
        CATALOG_KEY,
        {},
        MAX_CATALOG_CHARS,
      );
      writeText(env.win, CATALOG_KEY, nextCache(stored, key, env.now(), items));
    } catch {
      // Offline, a removed collection, a store without the endpoint: the slot keeps its default.
    }
  }
}

/** Remembers this product page's card for `recently_viewed` (with consent only: it is personal). */
export function rememberViewed(env: SourceEnv): void {
  const product = env.server()?.product;
  if (!env.consent() || !product || product.id === undefined || typeof product.title !== 'string') return;
  const { currency, locale } = priceFormat(env);
  const href = url(product.url);
  const image = url(product.image);
  const card: RecentCard = {
    id: String(product.id).slice(0, 100),
    title: product.title.slice(0, MAX_TITLE_LENGTH),
    ...(href ? { href } : {}),
    ...(image ? { image } : {}),
    ...(typeof product.price === 'number' ? { price: formatPrice(product.price, currency, locale) } : {}),
  };
  const recent = readJson<RecentCard[]>(env.win, RECENT_KEY, [], MAX_RECENT_CHARS);
  writeText(
    env.win,
    RECENT_KEY,
    toJson(
      [
        card,
        ...(Array.isArray(recent) ? recent : []).filter(
          (c) => typeof c?.id === 'string' && c.id !== card.id && cardOf(c) !== null,
        ),
      ].slice(0, MAX_RECENT),
    ),
  );
}
