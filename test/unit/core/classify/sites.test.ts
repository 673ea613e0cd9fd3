// @vitest-environment node
// Referrer hosts that the held-out sets of bench/accuracy.mjs (Snowplow's referers.yml and
// bench/data/modern-referrers.json) showed misread, each a real host; see bench/ACCURACY.md.
import { describe, expect, it } from 'vitest';
import { lookupSite } from '../../../../src/core/classify/sites.js';
import { classifySource } from '../../../../src/core/classify/source.js';

const visit = (referrer: string) => classifySource({ url: 'https://shop.example/', referrer, internalHosts: [] });

describe('lookupSite()', () => {
  it.each([
    ['suche.t-online.de'],
    ['search.lilo.org'],
    ['ricerca.virgilio.it'],
    ['busca.uol.com.br'],
    ['szukaj.wp.pl'],
    ['pesquisa.sapo.pt'],
    ['search.nate.com'],
    ['search.earthlink.net'],
  ])('takes the portal result page %s for a search engine, named by its host', (host) => {
    expect(lookupSite(host)).toEqual({ name: host, type: 'search' });
  });

  it('tells GMX and WEB.DE search from their webmail', () => {
    expect(lookupSite('suche.gmx.net')).toEqual({ name: 'suche.gmx.net', type: 'search' });
    expect(lookupSite('suche.gmx.at')?.type).toBe('search');
    expect(lookupSite('suche.web.de')?.type).toBe('search');
    expect(lookupSite('3c.gmx.net')?.type).toBe('email');
    expect(lookupSite('navigator.web.de')?.type).toBe('email');
  });

  it("knows Yandex Images and Shenma (Alibaba's mobile search: m.sm.cn, quark.sm.cn)", () => {
    expect(lookupSite('images.yandex.ru')).toEqual({ name: 'yandex', type: 'search' });
    expect(lookupSite('m.sm.cn')).toEqual({ name: 'shenma', type: 'search' });
    expect(lookupSite('quark.sm.cn')).toEqual({ name: 'shenma', type: 'search' });
  });

  it('takes Mastodon servers that say so in their name for social, each under its own host', () => {
    for (const host of ['mastodon.online', 'mastodon.world', 'mstdn.social', 'mstdn.jp', 'fosstodon.org', 'todon.eu']) {
      expect(lookupSite(host)).toEqual({ name: host, type: 'social' });
    }
    expect(lookupSite('mastodon.social')).toEqual({ name: 'mastodon.social', type: 'social' });
  });

  it('keeps the generic patterns from claiming known sites or look-alike names', () => {
    expect(lookupSite('search.google.com')).toEqual({ name: 'google', type: 'search' });
    expect(lookupSite('search.tumblr.com')?.type).toBe('social');
    expect(lookupSite('searchengineland.com')).toBeNull();
    expect(lookupSite('research.example.edu')).toBeNull();
    expect(lookupSite('photodonation.org')).toBeNull();
  });

  it("knows Weibo's t.cn short links, Polish webmail (poczta.*) and more AI assistants", () => {
    expect(lookupSite('t.cn')).toEqual({ name: 'weibo.com', type: 'social' });
    expect(lookupSite('poczta.onet.pl')?.type).toBe('email');
    expect(lookupSite('poczta.wp.pl')?.type).toBe('email');
    expect(lookupSite('yuanbao.tencent.com')?.type).toBe('ai');
    expect(lookupSite('chat.z.ai')).toEqual({ name: 'z.ai', type: 'ai' });
  });

  it('knows the Android apps of Bluesky, Mastodon and Perplexity', () => {
    expect(lookupSite('xyz.blueskyweb.app', true)).toEqual({ name: 'bsky.app', type: 'social' });
    expect(lookupSite('org.joinmastodon.android', true)).toEqual({ name: 'mastodon.social', type: 'social' });
    expect(lookupSite('ai.perplexity.app.android', true)).toEqual({ name: 'perplexity.ai', type: 'ai' });
  });
});

describe('classifySource() on those hosts', () => {
  it('gives portal search pages medium organic and the Organic Search channel', () => {
    expect(visit('https://suche.t-online.de/fast-suche.html?q=laufschuhe')).toMatchObject({
      source: 'suche.t-online.de',
      medium: 'organic',
      channel: 'Organic Search',
      referrerType: 'search',
    });
  });

  it("keeps GA4's channel for social hosts that are not on Google's list: Referral, with referrer_type social", () => {
    expect(visit('https://fosstodon.org/')).toMatchObject({
      channel: 'Referral',
      referrerType: 'social',
      source: 'fosstodon.org',
    });
    expect(visit('android-app://xyz.blueskyweb.app/')).toMatchObject({
      channel: 'Referral',
      referrerType: 'social',
      source: 'bsky.app',
    });
  });
});
