/**
 * The shopper's critical path classifies internal and direct page views without the source tables
 * (core/classify/referrer.ts); it must say exactly what the full classifier says, or defer to it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quickSource } from '../../../../src/core/classify/referrer.js';
import { CLICK_IDS, classifySource } from '../../../../src/core/classify/source.js';

const PAGE = 'https://shop.example/collections/shoes';

describe('quickSource()', () => {
  it.each([
    ['no referrer', PAGE, ''],
    ['the store itself', PAGE, 'https://shop.example/'],
    ['its www twin', PAGE, 'https://www.shop.example/cart'],
    ['a configured host', PAGE, 'https://checkout.example/'],
    ['a query without tags', `${PAGE}?variant=42&page=2`, ''],
    ['a referrer that is no URL', PAGE, 'not a url'],
    ['a non-web referrer', PAGE, 'file:///x'],
  ])('answers as classifySource() for %s', (_what, url, referrer) => {
    const input = { url, referrer, internalHosts: ['checkout.example'] };
    const quick = quickSource(input);
    expect(quick).toBeDefined();
    expect(quick!.source).toEqual(classifySource(input));
  });

  it.each([
    ['another site', PAGE, 'https://www.google.com/'],
    ['an Android app', PAGE, 'android-app://com.google.android.gm/'],
    ['UTM tags on an internal link', `${PAGE}?utm_source=newsletter`, 'https://shop.example/'],
    ['a click id', `${PAGE}?gclid=abc`, ''],
    ['fbclid', `${PAGE}?fbclid=abc`, ''],
    ['srsltid', `${PAGE}?srsltid=abc`, ''],
    ['an upper-case tag', `${PAGE}?UTM_MEDIUM=email`, ''],
  ])('leaves %s to the full classifier', (_what, url, referrer) => {
    expect(quickSource({ url, referrer, internalHosts: [] })).toBeUndefined();
  });

  it('leaves every click id of source.ts to the full classifier', () => {
    const missed = CLICK_IDS.map(([param]) => param).filter(
      (param) => quickSource({ url: `${PAGE}?${param}=1`, referrer: '', internalHosts: [] }) !== undefined,
    );
    expect(missed).toEqual([]);
  });

  it('never disagrees with classifySource() on arbitrary input', () => {
    const part = fc.constantFrom(
      '',
      'https://shop.example/',
      'https://www.shop.example/a',
      'https://other.example/',
      '?utm_source=x',
      '?a=1',
      '?gclid=1',
      '#x',
      'https://shop.example/?q=1',
    );
    fc.assert(
      fc.property(part, part, fc.string(), (a, b, noise) => {
        const input = {
          url: `https://shop.example/p${a.startsWith('?') || a.startsWith('#') ? a : ''}`,
          referrer: b + (noise.length % 3 === 0 ? '' : noise),
          internalHosts: [],
        };
        const quick = quickSource(input);
        if (quick) expect(quick.source).toEqual(classifySource(input));
      }),
      { numRuns: 500 },
    );
  });
});
