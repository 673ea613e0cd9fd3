/**
 * What kind of page this is (pure), and the product it shows, read from the schema.org Product
 * JSON-LD most themes print for Google (edge reader: it takes a Document), so `interest.*` works
 * without any tracking code.
 */
import type { ServerContext } from './context.js';
import { parseJson } from '../json.js';

export type PageType = 'home' | 'collection' | 'product' | 'cart' | 'search' | 'other';

/** Shopify's `request.page_type` values (https://shopify.dev/docs/api/liquid/objects/request#request-page_type). */
const SERVER_TYPES: Readonly<Record<string, PageType>> = {
  index: 'home',
  home: 'home',
  collection: 'collection',
  'list-collections': 'collection',
  product: 'product',
  cart: 'cart',
  search: 'search',
};

/** Shopify Markets prefix every path with the locale: `/en/…`, `/nb-no/…`, `/zh-hant-tw/…`. */
const LOCALE = /^\/[a-z]{2}(?:-[a-z]{2,4}){0,2}(?=\/|$)/;

export function pageType(path: string, server: ServerContext | null): PageType {
  const given = server?.page_type;
  if (typeof given === 'string' && given) return SERVER_TYPES[given.toLowerCase()] ?? 'other';
  if (typeof path !== 'string') return 'other';
  const p = path.slice(0, 2048).split(/[?#]/)[0]!.toLowerCase().replace(LOCALE, '').replace(/\/+$/, '');
  if (p === '' || p === '/index.html') return 'home';
  if (/^\/(collections\/[^/]+\/)?products\/[^/]+$/.test(p)) return 'product';
  if (/^\/collections(\/[^/]+)?$/.test(p)) return 'collection';
  if (p === '/cart') return 'cart';
  if (p === '/search') return 'search';
  return 'other';
}

export interface JsonLdProduct {
  id?: string;
  name?: string;
  category?: string;
  price?: number;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim()
    ? v.trim().replace(/\s+/g, ' ').slice(0, 200)
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : undefined;

/** A price as themes print it: 19.99, "19.99", "1,299.00", "1.299,00", "kr 249". */
export function parsePrice(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  let s = v.replace(/[^\d.,]/g, '');
  // The last separator followed by 1-2 digits is the decimal mark; every other one groups thousands.
  const decimal = /[.,](\d{1,2})$/.exec(s);
  s = decimal ? `${s.slice(0, decimal.index).replace(/[.,]/g, '')}.${decimal[1]}` : s.replace(/[.,]/g, '');
  const n = s ? Number(s) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** `Apparel > Shoes > Running Shoes` → `Running Shoes`: the most specific level. */
function category(v: unknown): string | undefined {
  const raw = Array.isArray(v) ? v.find((c) => text(c) ?? text((c as { name?: unknown })?.name)) : v;
  const name = text(raw) ?? (raw && typeof raw === 'object' ? text((raw as { name?: unknown }).name) : undefined);
  const levels = name?.split(/\s*[>»›|]\s*|\s+\/\s+/).filter(Boolean);
  return levels?.[levels.length - 1];
}

function price(offers: unknown): number | undefined {
  for (const o of Array.isArray(offers) ? offers : [offers]) {
    if (!o || typeof o !== 'object') continue;
    const offer = o as { price?: unknown; lowPrice?: unknown; priceSpecification?: { price?: unknown } };
    const p = parsePrice(offer.price) ?? parsePrice(offer.lowPrice) ?? parsePrice(offer.priceSpecification?.price);
    if (p !== undefined) return p;
  }
  return undefined;
}

const isProduct = (t: unknown) =>
  t === 'Product' ||
  t === 'ProductGroup' ||
  (Array.isArray(t) && (t.includes('Product') || t.includes('ProductGroup')));

/** Depth-first search through arrays, `@graph` and nested entities (WebPage.mainEntity), bounded. */
function findProduct(node: unknown, depth = 0, budget = { left: 2000 }): Record<string, unknown> | null {
  if (!node || typeof node !== 'object' || depth > 8 || --budget.left < 0) return null;
  if (Array.isArray(node)) {
    for (const item of node) {
      const hit = findProduct(item, depth + 1, budget);
      if (hit) return hit;
    }
    return null;
  }
  const obj = node as Record<string, unknown>;
  if (isProduct(obj['@type'])) return obj;
  for (const key of Object.keys(obj)) {
    const hit = findProduct(obj[key], depth + 1, budget);
    if (hit) return hit;
  }
  return null;
}

/** JSON as themes print it: tolerate HTML comment wrappers, trailing commas and raw newlines in strings. */
function parseLoose(source: string): unknown {
  try {
    return parseJson(source);
  } catch {
    try {
      const fixed = source
        .replace(/^\s*<!--|-->\s*$/g, '')
        .replace(/,\s*([}\]])/g, '$1')
        .replace(/[\u0000-\u001f]+/g, ' ');
      return parseJson(fixed);
    } catch {
      return undefined;
    }
  }
}

/** The first product in the page's JSON-LD blocks (their text, in document order). */
export function productFromJsonLd(blocks: readonly string[]): JsonLdProduct | null {
  for (let i = 0; i < blocks.length && i < 50; i++) {
    const product = findProduct(parseLoose(String(blocks[i] ?? '').slice(0, 500_000)));
    if (!product) continue;
    const result: JsonLdProduct = {};
    const id = text(product.productID) ?? text(product.sku) ?? text(product['@id']);
    const name = text(product.name);
    const cat = category(product.category);
    const p = price(product.offers);
    if (id !== undefined) result.id = id;
    if (name !== undefined) result.name = name;
    if (cat !== undefined) result.category = cat;
    if (p !== undefined) result.price = p;
    return result;
  }
  return null;
}

/** Letters JavaScript's NFKD does not take apart. */
const FOLD: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};

/** `Running Shoes` → `running_shoes`, `Sko & Støvler` → `sko_stovler`: a key for `interest.KEY`, at most 40 characters. */
export function interestKey(category: string): string {
  if (typeof category !== 'string') return '';
  return category
    .slice(0, 200)
    .toLowerCase()
    .replace(/[øæœßðþłđı]/g, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // the accents NFKD split off: é → e
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
}
