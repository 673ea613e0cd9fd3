// @vitest-environment node
// Pure code: no DOM globals needed (documents come from happy-dom's Window where a test needs one).
import fc from 'fast-check';
import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { interestKey, pageType, parsePrice } from '../../../../src/core/classify/page.js';
import { readProductFromJsonLd } from '../../../../src/edge/page/json-ld.js';

/** A document holding these JSON-LD blocks (happy-dom, so the test runs in any environment). */
function docWith(...blocks: string[]): Document {
  const win = new HappyWindow({ url: 'https://shop.example/products/x' });
  win.document.body.innerHTML = blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join('');
  return win.document as unknown as Document;
}

describe('pageType()', () => {
  it.each([
    ['/', 'home'],
    ['', 'home'],
    ['/collections', 'collection'],
    ['/collections/all', 'collection'],
    ['/collections/running-shoes', 'collection'],
    ['/collections/running-shoes/', 'collection'],
    ['/products/air-zoom', 'product'],
    ['/collections/running-shoes/products/air-zoom', 'product'],
    ['/Products/Air-Zoom?variant=123', 'product'],
    ['/cart', 'cart'],
    ['/cart/', 'cart'],
    ['/search', 'search'],
    ['/search?q=shoes', 'search'],
    ['/pages/about', 'other'],
    ['/blogs/news/spring', 'other'],
    ['/account', 'other'],
    ['/products', 'other'],
    ['/collections/a/b', 'other'],
    ['/cart/change', 'other'],
    // Shopify Markets locale prefixes.
    ['/en', 'home'],
    ['/nb-no/', 'home'],
    ['/en-gb/products/air-zoom', 'product'],
    ['/zh-hant-tw/collections/sale', 'collection'],
  ] as const)('calls %j a %s page', (path, type) => expect(pageType(path, null)).toBe(type));

  it("lets the server's page_type win, with Shopify's names", () => {
    expect(pageType('/pages/lookbook', { page_type: 'product' })).toBe('product');
    expect(pageType('/', { page_type: 'index' })).toBe('home');
    expect(pageType('/collections', { page_type: 'list-collections' })).toBe('collection');
    expect(pageType('/products/x', { page_type: 'article' })).toBe('other');
    expect(pageType('/products/x', { page_type: '' })).toBe('product');
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (path, server) => {
        expect(['home', 'collection', 'product', 'cart', 'search', 'other']).toContain(
          pageType(path as string, server as never),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('readProductFromJsonLd()', () => {
  it('reads a plain Product with one offer', () => {
    const doc = docWith(
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'Product',
        name: 'Air Zoom',
        sku: 'AZ-42',
        category: 'Running Shoes',
        offers: { '@type': 'Offer', price: '129.90', priceCurrency: 'EUR' },
      }),
    );
    expect(readProductFromJsonLd(doc)).toEqual({
      id: 'AZ-42',
      name: 'Air Zoom',
      category: 'Running Shoes',
      price: 129.9,
    });
  });

  it('reads an offer list, an @graph, and takes the most specific level of a breadcrumb-like category', () => {
    const doc = docWith(
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'Organization', name: 'Shop' },
          {
            '@type': 'WebPage',
            mainEntity: {
              '@type': ['Product', 'Thing'],
              productID: 991,
              name: 'Trail Boot',
              category: 'Apparel & Accessories > Shoes > Hiking Boots',
              offers: [{ '@type': 'Offer' }, { price: 1499 }],
            },
          },
        ],
      }),
    );
    expect(readProductFromJsonLd(doc)).toEqual({
      id: '991',
      name: 'Trail Boot',
      category: 'Hiking Boots',
      price: 1499,
    });
  });

  it('reads an array of objects, skips other types and broken blocks, and finds ProductGroup', () => {
    const doc = docWith(
      '{ "@type": "Product", "name": ',
      JSON.stringify([
        { '@type': 'BreadcrumbList' },
        {
          '@type': 'ProductGroup',
          name: 'Tee',
          category: { name: 'T-Shirts' },
          offers: { '@type': 'AggregateOffer', lowPrice: '19.00', highPrice: '29.00' },
        },
      ]),
    );
    expect(readProductFromJsonLd(doc)).toEqual({ name: 'Tee', category: 'T-Shirts', price: 19 });
  });

  it('tolerates what themes print: trailing commas, raw newlines in strings, HTML comments', () => {
    const doc = docWith(`<!--
      { "@type": "Product", "name": "Wool
      Sweater", "category": ["Knitwear"], "offers": { "price": "1.299,00", }, }
    -->`);
    expect(readProductFromJsonLd(doc)).toEqual({ name: 'Wool Sweater', category: 'Knitwear', price: 1299 });
  });

  it('returns null without a Product, and never throws on hostile JSON', () => {
    expect(readProductFromJsonLd(docWith(JSON.stringify({ '@type': 'Article', headline: 'x' })))).toBeNull();
    expect(readProductFromJsonLd(docWith())).toBeNull();
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(readProductFromJsonLd(docWith(deep, 'null', '"Product"', '42'))).toBeNull();
    expect(
      readProductFromJsonLd({
        querySelectorAll: () => {
          throw new Error('boom');
        },
      } as unknown as Document),
    ).toBeNull();
  });
});

describe('parsePrice()', () => {
  it.each([
    [19.99, 19.99],
    ['19.99', 19.99],
    ['1,299.00', 1299],
    ['1.299,00', 1299],
    ['1299', 1299],
    ['kr 249,-', 249],
    ['€ 9,5', 9.5],
    ['', undefined],
    ['free', undefined],
    [null, undefined],
    [-5, undefined],
    [Infinity, undefined],
  ] as const)('reads %j as %j', (input, price) => expect(parsePrice(input)).toBe(price));
});

describe('interestKey()', () => {
  it.each([
    ['Running Shoes', 'running_shoes'],
    ['T-Shirts', 't_shirts'],
    ['  Sko & Støvler ', 'sko_stovler'],
    ['Crème Brûlée', 'creme_brulee'],
    ['Straße', 'strasse'],
    ['Kids/Baby (0-2)', 'kids_baby_0_2'],
    ['a'.repeat(60), 'a'.repeat(40)],
    ['日本語', ''],
    ['', ''],
  ])('turns %j into %j', (category, key) => expect(interestKey(category)).toBe(key));

  it('always yields [a-z0-9_], at most 40 characters, without edge underscores', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        expect(interestKey(s)).toMatch(/^(?:[a-z0-9](?:[a-z0-9_]{0,38}[a-z0-9])?)?$/);
      }),
      { numRuns: 200 },
    );
    expect(interestKey(42 as never)).toBe('');
  });
});
