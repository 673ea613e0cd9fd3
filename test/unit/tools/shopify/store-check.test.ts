// @vitest-environment node
/** `p13n shopify`'s warnings: addresses that work on the demo server but not on a Shopify storefront. */
import { describe, expect, it } from 'vitest';
import { shopifyStoreProblems } from '../../../../src/tools/shopify/store-check.js';

const withEndpoint = (endpoint: string) => shopifyStoreProblems({ endpoint, segments: {}, slots: {} });
const withContent = (content: unknown) =>
  shopifyStoreProblems({ segments: {}, slots: { hero: { rules: [{ id: 'r', content }] } } });

describe('shopifyStoreProblems()', () => {
  it.each(['/collect', 'collect', '/cdn/shop/collect'])(
    'warns that endpoint %j does not exist on a store',
    (endpoint) => {
      expect(withEndpoint(endpoint)).toEqual([
        expect.objectContaining({ severity: 'warning', code: 'shopify-store', path: 'endpoint' }),
      ]);
      expect(withEndpoint(endpoint)[0]!.hint).toContain('npx p13n report --ga4');
    },
  );

  it('warns that a plain-http endpoint is blocked on an https store', () => {
    expect(withEndpoint('http://collect.example.com/p13n')[0]!.message).toContain('is plain http');
  });

  it.each(['https://collect.example.com/p13n', '//collect.example.com/p13n', '/apps/p13n/collect'])(
    'accepts endpoint %j (a server of its own, or an app proxy)',
    (endpoint) => {
      expect(withEndpoint(endpoint)).toEqual([]);
    },
  );

  it('finds images that are paths on the store: a hero, product cards, the owner’s HTML (src, srcset, poster)', () => {
    const problems = shopifyStoreProblems({
      segments: {},
      slots: {
        hero: {
          rules: [
            { id: 'a', content: { type: 'hero', heading: 'x', image: '/img/hero.svg' } },
            {
              id: 'b',
              variants: [
                { id: 'control', weight: 1, content: null },
                { id: 'v', weight: 1, content: { type: 'products', items: [{ title: 't', image: 'img/card.png' }] } },
              ],
            },
            {
              id: 'c',
              content: {
                type: 'html',
                html: '<img src="/img/a.png" srcset="/img/a-2x.png 2x, https://cdn.shopify.com/b.png 3x"><video poster=/img/p.jpg></video>',
              },
            },
            { id: 'd', content: { type: 'hero', heading: 'x', image: '/img/hero.svg' } },
          ],
        },
      },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: 'slots.hero.rules[0].content.image',
      where: 'slot "hero", rule "a"',
      message:
        '5 images are paths on the store itself ("/img/hero.svg", "img/card.png", "/img/a.png" and 2 more): a Shopify store has no such files, so they show no picture',
    });
    expect(problems[0]!.hint).toContain('used in 6 places');
  });

  it.each([
    'https://cdn.shopify.com/s/files/1/hero.jpg',
    '//shop.example.com/cdn/shop/files/hero.jpg',
    '/cdn/shop/files/hero.jpg',
    'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
  ])('accepts image %j', (image) => {
    expect(withContent({ type: 'hero', heading: 'x', image })).toEqual([]);
  });

  it('prints no control character of the config', () => {
    const [problem] = withEndpoint('/\u001b[2J\u009b31m');
    expect(problem!.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
