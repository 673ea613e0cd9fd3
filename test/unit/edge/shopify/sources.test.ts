/**
 * Product sources: resolved from the cache into plain items before rendering, the default when
 * nothing is cached (and the source queued for the chunk to fetch), never a late swap; the catalog's
 * two price formats; recently viewed only with consent.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProductsContent } from '../../../../src/core/config/types.js';
import type { Decision } from '../../../../src/core/decide/rules.js';
import type { Renderer, View } from '../../../../src/edge/render/renderer.js';
import {
  CATALOG_KEY,
  CATALOG_TTL_MS,
  createProductSources,
  MAX_CATALOG_CHARS,
  RECENT_KEY,
  type SourceEnv,
} from '../../../../src/edge/shopify/sources.js';
import { fillCatalog, formatPrice, productCards, rememberViewed } from '../../../../src/edge/shopify/catalog.js';
import type { ServerContext } from '../../../../src/edge/page/context.js';
import { validateConfig } from '../../../../src/core/config/validate.js';

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

const NOW = 1_800_000_000_000;
const env = (server: ServerContext | null, consent = true): SourceEnv => ({
  win: window,
  server: () => server,
  consent: () => consent,
  now: () => NOW,
});
const shop: ServerContext = {
  cart: { total_price: 0, item_count: 0, currency: 'NOK' },
  product: { id: 7, title: 'Trail', url: '/products/trail', price: 129.5, image: '//cdn.shopify.test/t.jpg' },
};

const decision = (content: ProductsContent): Decision =>
  ({
    slot: 'picks',
    selector: '[data-p13n-slot="picks"]',
    rule: 'r',
    variant: null,
    content,
    experiment: null,
    reason: 'test',
  }) as unknown as Decision;
function rendered(sources: ReturnType<typeof createProductSources>, content: ProductsContent) {
  const seen: View[] = [];
  const renderer = sources.wrap({
    renderAll: (view: View) => void seen.push(view),
    observe: () => undefined,
  } as unknown as Renderer);
  renderer.renderAll({ decisions: [decision(content)], attrs: {} } as unknown as View);
  return seen[0]!.decisions[0]!.content;
}

const collection: ProductsContent = {
  type: 'products',
  title: 'Running',
  items: [],
  source: { collection: 'running', limit: 2 },
};

describe('a products source on the critical path', () => {
  it('keeps the default when nothing is cached, and queues the source for the chunk', () => {
    const sources = createProductSources(env(shop));
    expect(rendered(sources, collection)).toBeNull();
    expect([...sources.pending.values()]).toEqual([{ collection: 'running', limit: 2 }]);
  });

  it('renders cached cards as plain items', () => {
    const items = [{ title: 'Ridgeline', href: '/products/ridgeline', price: 'kr 1 299,00' }];
    localStorage.setItem(CATALOG_KEY, JSON.stringify({ 'c|running|2|NOK': { at: NOW - 1000, items } }));
    const sources = createProductSources(env(shop));
    expect(rendered(sources, collection)).toEqual({ ...collection, items });
    expect(sources.pending.size).toBe(0);
  });

  it('treats a cache older than 10 minutes as empty', () => {
    localStorage.setItem(
      CATALOG_KEY,
      JSON.stringify({ 'c|running|2|NOK': { at: NOW - CATALOG_TTL_MS, items: [{ title: 'Old' }] } }),
    );
    expect(rendered(createProductSources(env(shop)), collection)).toBeNull();
  });

  it('shows at most the source’s limit of a cached entry, each card cut to a card’s fields', () => {
    // A 50,000-card entry for a source with `limit: 10` once rendered 50,000 cards (ready after 12.6 s);
    // that one is over MAX_CATALOG_CHARS (below), these 2,000 are not.
    const items = Array.from({ length: 2_000 }, (_, i) => ({ title: `P${i}`, href: `/products/p${i}`, onclick: 'x' }));
    localStorage.setItem(CATALOG_KEY, JSON.stringify({ 'c|running|2|NOK': { at: NOW - 1000, items } }));
    expect(rendered(createProductSources(env(shop)), collection)).toEqual({
      ...collection,
      items: [
        { title: 'P0', href: '/products/p0' },
        { title: 'P1', href: '/products/p1' },
      ],
    });
  });

  it('skips cached cards without a title or with fields longer than a card’s', () => {
    const items = [{ href: '/a' }, { title: 'x'.repeat(10_000) }, { title: 'Kept', image: 'y'.repeat(100_000) }, 42];
    localStorage.setItem(CATALOG_KEY, JSON.stringify({ 'c|running|2|NOK': { at: NOW, items } }));
    expect(rendered(createProductSources(env(shop)), collection)).toMatchObject({ items: [{ title: 'Kept' }] });
  });

  it('reads a stored catalog longer than MAX_CATALOG_CHARS as empty, without parsing it', () => {
    const items = [{ title: 'Fine' }];
    const padding = 'x'.repeat(MAX_CATALOG_CHARS);
    localStorage.setItem(
      CATALOG_KEY,
      JSON.stringify({
        'c|running|2|NOK': { at: NOW, items },
        'c|other|4|NOK': { at: NOW, items: [{ title: padding }] },
      }),
    );
    const sources = createProductSources(env(shop));
    expect(rendered(sources, collection)).toBeNull();
    expect(sources.pending.size).toBe(1); // fetched again, for the next page
  });

  it('treats an entry written in the future (a clock set ahead, then corrected) as stale', () => {
    localStorage.setItem(
      CATALOG_KEY,
      JSON.stringify({
        'c|running|2|NOK': { at: NOW + 365 * 24 * 3600 * 1000, items: [{ title: 'Old', price: '$10.00' }] },
      }),
    );
    const sources = createProductSources(env(shop));
    expect(rendered(sources, collection)).toBeNull();
    expect(sources.pending.size).toBe(1);
  });

  it('keeps its first answer for the page: a fetch landing later swaps nothing', () => {
    const sources = createProductSources(env(shop));
    expect(rendered(sources, collection)).toBeNull();
    localStorage.setItem(CATALOG_KEY, JSON.stringify({ 'c|running|2|NOK': { at: NOW, items: [{ title: 'Late' }] } }));
    expect(rendered(sources, collection)).toBeNull();
    expect(rendered(createProductSources(env(shop)), collection)).toMatchObject({ items: [{ title: 'Late' }] }); // the next page
  });

  it('shows recently viewed cards only with consent, never the product on screen', () => {
    const recent = [
      { id: '7', title: 'Trail' },
      { id: '8', title: 'Summit', href: '/products/summit' },
      { id: '9', title: 'Ridge' },
    ];
    localStorage.setItem(RECENT_KEY, JSON.stringify(recent));
    const content: ProductsContent = { type: 'products', items: [], source: { recently_viewed: 1 } };
    expect(rendered(createProductSources(env(shop)), content)).toEqual({
      ...content,
      items: [{ title: 'Summit', href: '/products/summit' }],
    });
    expect(rendered(createProductSources(env(shop, false)), content)).toBeNull();
  });

  it('shows at most 10 recently viewed cards, whatever the stored list holds', () => {
    const recent = Array.from({ length: 500 }, (_, i) => ({ id: String(100 + i), title: `R${i}` }));
    localStorage.setItem(RECENT_KEY, JSON.stringify(recent));
    const content = { type: 'products', items: [], source: { recently_viewed: 99 } } as unknown as ProductsContent;
    expect(rendered(createProductSources(env(shop)), content)).toMatchObject({ items: { length: 10 } });
  });
});

describe('the catalog (Shopify chunk)', () => {
  const money = { currency: 'NOK', locale: 'en' };
  it('reads recommendations’ prices in cents and products.json prices as strings, both in the shop’s currency', () => {
    const recommendations = {
      products: [
        {
          id: 1,
          title: 'Ridgeline',
          handle: 'ridgeline',
          price: 129900,
          url: '/products/ridgeline?pr_prod_strat=x',
          featured_image: '//cdn.shopify.test/r.jpg',
        },
      ],
    };
    const collectionJson = {
      products: [
        {
          id: 2,
          title: 'Summit <b>',
          handle: 'summit',
          variants: [{ price: '1299.00' }],
          images: [{ src: 'https://cdn.shopify.test/s.jpg' }],
        },
      ],
    };
    const expected = formatPrice(1299, 'NOK', 'en');
    expect(expected).toMatch(/1,299\.00/);
    expect(productCards(recommendations, 4, '/', money)).toEqual([
      {
        title: 'Ridgeline',
        href: '/products/ridgeline?pr_prod_strat=x',
        image: '//cdn.shopify.test/r.jpg',
        price: expected,
      },
    ]);
    expect(productCards(collectionJson, 4, '/en-us/', money)).toEqual([
      { title: 'Summit <b>', href: '/en-us/products/summit', image: 'https://cdn.shopify.test/s.jpg', price: expected },
    ]);
  });

  it('fills the cache for the queued sources from the store’s endpoints', async () => {
    const fetchSpy = vi
      .spyOn(window, 'fetch')
      .mockImplementation(
        async () => new Response(JSON.stringify({ products: [{ title: 'A', handle: 'a', price: 1000 }] })),
      );
    const sources = createProductSources(env(shop));
    rendered(sources, collection);
    rendered(sources, { type: 'products', items: [], source: { recommendations: 'complementary', limit: 3 } });
    await fillCatalog(env(shop), sources.pending);
    expect(fetchSpy.mock.calls.map((call) => String(call[0]))).toEqual([
      '/collections/running/products.json?limit=2',
      '/recommendations/products.json?product_id=7&limit=3&intent=complementary',
    ]);
    const cache = JSON.parse(localStorage.getItem(CATALOG_KEY)!);
    expect(Object.keys(cache).sort()).toEqual(['c|running|2|NOK', 'r|complementary|7|3|NOK']);
    expect(sources.pending.size).toBe(0);
  });

  it('drops entries written in the future when it fills the cache, and keeps the cache within MAX_CATALOG_CHARS', async () => {
    vi.spyOn(window, 'fetch').mockImplementation(
      async () => new Response(JSON.stringify({ products: [{ title: 'New', handle: 'n', price: 9900 }] })),
    );
    const future = { at: NOW + 365 * 24 * 3600 * 1000, items: [{ title: 'Old' }] };
    const huge = { at: NOW - 1, items: Array.from({ length: 5_000 }, (_, i) => ({ title: `H${i}` })) };
    localStorage.setItem(CATALOG_KEY, JSON.stringify({ 'c|future|4|NOK': future, 'c|huge|4|NOK': huge }));
    const sources = createProductSources(env(shop));
    rendered(sources, collection);
    await fillCatalog(env(shop), sources.pending);
    const text = localStorage.getItem(CATALOG_KEY)!;
    expect(text.length).toBeLessThanOrEqual(MAX_CATALOG_CHARS);
    const cache = JSON.parse(text);
    expect(Object.keys(cache).sort()).toEqual(['c|huge|4|NOK', 'c|running|2|NOK']);
    expect(cache['c|huge|4|NOK'].items).toHaveLength(10);
  });

  it('remembers the product page’s card only with consent', () => {
    rememberViewed(env(shop, false));
    expect(localStorage.getItem(RECENT_KEY)).toBeNull();
    rememberViewed(env(shop));
    expect(JSON.parse(localStorage.getItem(RECENT_KEY)!)).toEqual([
      {
        id: '7',
        title: 'Trail',
        href: '/products/trail',
        image: '//cdn.shopify.test/t.jpg',
        price: formatPrice(129.5, 'NOK', undefined),
      },
    ]);
  });
});

describe('validating a source', () => {
  const config = (source: unknown, extra: object = {}) => ({
    segments: {},
    slots: { picks: { rules: [{ id: 'p', content: { type: 'products', source, ...extra } }] } },
  });
  const errors = (json: unknown) =>
    validateConfig(json)
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.path}: ${p.message}`);
  it.each([{ collection: 'running', limit: 4 }, { recommendations: 'related' }, { recently_viewed: 4 }])(
    'accepts %j',
    (source) => {
      expect(errors(config(source))).toEqual([]);
    },
  );
  it.each([
    [
      { collection: 'Running Shoes' },
      'slots.picks.rules[0].content.source.collection: must be a collection handle: lower-case letters, digits and dashes',
    ],
    [
      { recommendations: 'similar' },
      'slots.picks.rules[0].content.source.recommendations: must be "related" or "complementary"',
    ],
    [{ collection: 'a', limit: 50 }, 'slots.picks.rules[0].content.source.limit: must be a whole number from 1 to 10'],
    [
      { collection: 'a', recently_viewed: 2 },
      'slots.picks.rules[0].content.source: a product source names one of "collection", "recommendations", "recently_viewed"',
    ],
  ])('refuses %j', (source, message) => {
    expect(errors(config(source))).toContain(message);
  });
  it('refuses items and a source together', () => {
    expect(errors(config({ collection: 'a' }, { items: [{ title: 'x' }] }))).toContain(
      'slots.picks.rules[0].content.source: a products block takes "items" or a "source", not both',
    );
  });
});
