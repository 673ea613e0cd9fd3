/**
 * Classification of a page load through boot: the landing URL, document.referrer and the user agent
 * as the browser reports them, read at the edge and carried into the attributes. (Chromium's own
 * reading of a real navigation, the Facebook in-app browser's client hints and internal navigation
 * across loads stay in test/browser/classify.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { durableStore, load } from './page-load.js';

const config = { segments: { from_search: "channel = 'Organic Search'" }, slots: {} };
const NOW = Date.parse('2026-11-02T10:00:00Z');

const landing = async (query: string, referrer?: string) =>
  (
    await load({
      config,
      body: '<p>landing</p>',
      url: `https://shop.example/fixture/landing${query}`,
      referrer,
      now: NOW,
      store: durableStore(),
    })
  ).api.attributes();

describe('the traffic source of a landing page', () => {
  it('is Organic Search from a Google referrer', async () => {
    expect(await landing('', 'https://www.google.com/')).toMatchObject({
      channel: 'Organic Search',
      source: 'google',
      medium: 'organic',
      referrer_type: 'search',
    });
  });

  it('is Paid Search with a gclid', async () => {
    expect(await landing('?gclid=EAIaIQobChMI', 'https://www.google.com/')).toMatchObject({
      channel: 'Paid Search',
      source: 'google',
      medium: 'cpc',
    });
  });

  it('is Email with UTM email parameters', async () => {
    expect(await landing('?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale')).toMatchObject({
      channel: 'Email',
      source: 'newsletter',
      medium: 'email',
      campaign: 'winter-sale',
    });
  });
});

describe('a product page', () => {
  it('counts interest from its Product JSON-LD with no tracking code', async () => {
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Trail shoe',
      sku: 'TS-1',
      category: 'Running Shoes',
      offers: { '@type': 'Offer', price: '129.00', priceCurrency: 'USD' },
    });
    const { api, warnings } = await load({
      config,
      body: `<h1>Trail shoe</h1><script type="application/ld+json">${jsonLd}</script>`,
      url: 'https://shop.example/products/fixture-trail-shoe',
      now: NOW,
      store: durableStore(),
    });
    await expect.poll(() => (api.attributes()!.interest as Record<string, number>).running_shoes).toBe(1);
    expect(api.matches("interest.running_shoes >= 1 AND page_type = 'product'")).toBe(true);
    expect(warnings).toEqual([]);
  });
});
