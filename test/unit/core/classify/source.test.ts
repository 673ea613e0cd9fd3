// @vitest-environment node
// Pure code: no DOM globals needed (documents come from happy-dom's Window where a test needs one).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, REFERRER_TYPES } from '../../../../src/core/attributes/registry.js';
import { classifySource } from '../../../../src/core/classify/source.js';
import referrers from './fixtures/referrers.json';

const PAGE = 'https://shop.example/';
const visit = (referrer: string, url = PAGE, internalHosts: readonly string[] = []) =>
  classifySource({ url, referrer, internalHosts });

describe('classifySource()', () => {
  describe('real-world referrers and landing URLs (fixtures/referrers.json)', () => {
    it.each(referrers.map((c) => [`${c.referrer || '(no referrer)'} ${c.url.slice(PAGE.length)}`, c] as const))(
      '%s',
      (_, c) => {
        const source = visit(c.referrer, c.url);
        expect(source && [source.channel, source.source, source.medium, source.referrerType]).toEqual([
          c.channel,
          c.source,
          c.medium,
          c.referrerType,
        ]);
      },
    );
  });

  it.each([
    ['https://l.threads.com/', 'social', 'Referral'],
    ['https://l.workplace.com/', 'social', 'Referral'],
    ['https://go.bsky.app/', 'social', 'Referral'],
    ['https://ok.ru/', 'social', 'Referral'],
    ['https://staff.tumblr.com/post/1', 'social', 'Organic Social'],
    ['https://deref-gmx.net/mail/client/x/dereferrer/?redirectUrl=https%3A%2F%2Fshop.example', 'email', 'Referral'],
    ['https://deref-web.de/mail/client/x/dereferrer/', 'email', 'Referral'],
    ['https://mail.live.com/', 'email', 'Referral'],
    ['https://mail.bluewin.ch/', 'email', 'Referral'],
  ])('says %s is %s, and keeps the channel GA4 gives it (%s)', (referrer, type, channel) => {
    expect(visit(referrer)).toMatchObject({ referrerType: type, channel });
  });

  it('treats gclid as google / cpc, Paid Search', () => {
    expect(visit('', `${PAGE}?gclid=abc`)).toMatchObject({
      source: 'google',
      medium: 'cpc',
      channel: 'Paid Search',
      referrerType: 'paid',
    });
  });

  it('lets UTM parameters win over a click id, as GA4 does with manual tagging', () => {
    expect(visit('', `${PAGE}?msclkid=x&utm_source=newsletter&utm_medium=email`)).toMatchObject({
      source: 'newsletter',
      channel: 'Email',
    });
  });

  it('keeps utm_campaign, utm_content and utm_term (or utm_id as the campaign)', () => {
    expect(
      visit('', `${PAGE}?utm_source=fb&utm_medium=paid&utm_campaign=Winter%20Sale&utm_content=video&utm_term=boots`),
    ).toMatchObject({
      campaign: 'Winter Sale',
      content: 'video',
      term: 'boots',
      channel: 'Paid Social',
    });
    expect(visit('', `${PAGE}?utm_source=x&utm_medium=email&utm_id=cmp-42`)?.campaign).toBe('cmp-42');
  });

  it('keeps the campaign of a click id visit', () => {
    expect(visit('', `${PAGE}?gclid=x&utm_campaign=brand`)).toMatchObject({ source: 'google', campaign: 'brand' });
  });

  it('says what GA4 does with fbclid: it is ignored, the referrer decides (Organic Social, not paid)', () => {
    expect(visit('https://lm.facebook.com/', `${PAGE}?fbclid=x`)).toMatchObject({
      channel: 'Organic Social',
      medium: 'referral',
    });
    expect(visit('', `${PAGE}?fbclid=x&utm_source=facebook&utm_medium=cpc`)).toMatchObject({ channel: 'Paid Social' });
  });

  it('reads parameter names case-insensitively (Snapchat sends ScCid) and ignores the fragment', () => {
    expect(visit('', `${PAGE}?SCCID=1`)?.source).toBe('snapchat');
    expect(visit('', `${PAGE}#utm_source=x&utm_medium=email`)?.channel).toBe('Direct');
  });

  it('records the external referrer host as the browser gave it', () => {
    expect(visit('https://www.google.co.uk/search?q=x')?.referrerHost).toBe('www.google.co.uk');
    expect(visit('')?.referrerHost).toBeNull();
  });

  describe('internal navigation', () => {
    it('returns null when the referrer is the page itself or its www twin', () => {
      expect(visit('https://shop.example/collections/all', `${PAGE}products/x`)).toBeNull();
      expect(visit('https://www.shop.example/', PAGE)).toBeNull();
      expect(visit('https://shop.example/', 'https://www.shop.example/cart')).toBeNull();
    });

    it('returns null for configured internal hosts (checkout domain), with subdomains for a leading dot', () => {
      expect(visit('https://checkout.shop.example/', PAGE, ['checkout.shop.example'])).toBeNull();
      expect(visit('https://pay.shop.example/', PAGE, ['https://pay.shop.example/return'])).toBeNull();
      expect(visit('https://my-store.myshopify.com/', PAGE, ['.myshopify.com'])).toBeNull();
      expect(visit('https://other.example/', PAGE, ['checkout.shop.example'])?.referrerType).toBe('referral');
    });

    it('starts a new source when an internal link is tagged', () => {
      expect(visit('https://shop.example/', `${PAGE}?utm_source=banner&utm_medium=referral`)).toMatchObject({
        source: 'banner',
        channel: 'Referral',
        referrerHost: null,
      });
      expect(visit('https://shop.example/', `${PAGE}?gclid=x`)?.source).toBe('google');
    });

    it('does not count a sub- or sister domain as internal unless configured', () => {
      expect(visit('https://blog.shop.example/', PAGE)?.source).toBe('blog.shop.example');
    });
  });

  it('fills a missing utm_medium from the referrer, else (not set)', () => {
    expect(visit('https://www.perplexity.ai/', `${PAGE}?utm_source=perplexity`)).toMatchObject({
      medium: 'referral',
      referrerType: 'ai',
    });
    expect(visit('', `${PAGE}?utm_source=perplexity`)).toMatchObject({ medium: '(not set)', channel: 'Unassigned' });
  });

  it('caps parameter values at 100 characters and drops control characters', () => {
    const source = visit('', `${PAGE}?utm_source=${'a'.repeat(500)}&utm_medium=e%0Amail&utm_campaign=%00x`);
    expect(source?.source).toHaveLength(100);
    expect(source?.medium).toBe('email');
    expect(source?.campaign).toBe('x');
  });

  it('never throws, and always returns a valid channel and referrer type', () => {
    // URL-shaped strings from pieces (fc.webUrl is slow to generate), plus anything at all.
    const urlish = fc
      .tuple(
        fc.constantFrom('https://', 'http://', 'android-app://', 'about:', ''),
        fc.constantFrom('www.google.com', 'l.facebook.com', 'shop.example', 'mail.yahoo.co.jp', '[::1]', ''),
        fc.string(),
        fc.constantFrom('?utm_source=', '?utm_medium=', '?gclid=', '?fbclid=', '&utm_campaign=', '#', ''),
        fc.string(),
      )
      .map((parts) => parts.join(''));
    const anything = fc.oneof(urlish, fc.string(), fc.anything({ maxDepth: 1 }));
    fc.assert(
      fc.property(anything, anything, fc.oneof(fc.array(fc.string()), fc.anything()), (url, referrer, hosts) => {
        const source = classifySource({ url, referrer, internalHosts: hosts } as never);
        if (source) {
          expect(CHANNELS).toContain(source.channel);
          expect(REFERRER_TYPES).toContain(source.referrerType);
        }
      }),
      { numRuns: 250 },
    );
    expect(() => classifySource(null as never)).not.toThrow();
    expect(visit(`https://${'a'.repeat(100_000)}.com/`, `${PAGE}?${'utm_source=x&'.repeat(20_000)}`)).not.toBeNull();
  });
});
