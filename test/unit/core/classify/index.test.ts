// @vitest-environment node
// Pure code: no DOM globals needed (documents come from happy-dom's Window where a test needs one).
import { describe, expect, it } from 'vitest';
import { classify, pathOf } from '../../../../src/core/classify/index.js';
import type { PageContext } from '../../../../src/edge/page/context.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 337.0.3.23.54 (iPhone14,5; iOS 17_5_1; nb_NO; nb; scale=3.00; 1170x2532; 614419806)';

const ctx: PageContext = {
  url: 'https://shop.example/collections/running/products/air-zoom?utm_source=ig&utm_medium=social',
  referrer: 'https://l.instagram.com/',
  title: 'Air Zoom',
  userAgent: IPHONE,
  clientHints: null,
  maxTouchPoints: 5,
  language: 'nb-NO',
  timezone: 'Europe/Oslo',
  server: null,
  globalPrivacyControl: false,
};

describe('classify()', () => {
  it('composes source, device, location, local time, page and login', () => {
    const facts = classify(ctx, { now: Date.UTC(2026, 2, 30, 10, 0), internalHosts: [], loggedIn: null });
    expect(facts).toEqual({
      source: {
        channel: 'Organic Social',
        source: 'ig',
        medium: 'social',
        campaign: null,
        content: null,
        term: null,
        referrerType: 'social',
        referrerHost: 'l.instagram.com',
      },
      device: { device: 'mobile', bot: false, os: 'ios', browser: 'instagram' },
      location: { country: 'NO', timezone: 'Europe/Oslo', language: 'nb', hemisphere: 'north', ownZone: false },
      time: { hour: 12, weekday: 1, month: 3, day: '2026-03-30' },
      path: '/collections/running/products/air-zoom',
      pageType: 'product',
      loggedIn: null,
    });
  });

  it("keeps the visit's source on internal navigation (source null)", () => {
    const facts = classify(
      { ...ctx, url: 'https://shop.example/cart', referrer: 'https://checkout.example/' },
      {
        now: 0,
        internalHosts: ['checkout.example'],
        loggedIn: true,
      },
    );
    expect(facts.source).toBeNull();
    expect(facts.pageType).toBe('cart');
    expect(facts.loggedIn).toBe(true);
  });

  it('reads the login state from the server context when the caller has none', () => {
    const facts = classify(
      { ...ctx, server: { customer: { id: 5 }, country: 'se', page_type: 'index' } },
      { now: 0, internalHosts: [], loggedIn: null },
    );
    expect(facts).toMatchObject({ loggedIn: true, pageType: 'home', location: { country: 'SE' } });
  });
});

describe('pathOf()', () => {
  it.each([
    ['https://shop.example/a/b?x=1#y', '/a/b'],
    ['https://shop.example', '/'],
    ['/relative/path?q', '/relative/path'],
    ['not a url', '/'],
    ['', '/'],
  ])('reads the path of %j as %j', (url, path) => expect(pathOf(url)).toBe(path));
});
