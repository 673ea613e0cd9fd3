// @vitest-environment node
// Pure code: no DOM globals needed (documents come from happy-dom's Window where a test needs one).
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channelFor, sourceCategory } from '../../../../src/core/classify/channel.js';
import { lookupSite } from '../../../../src/core/classify/sites.js';

/** Google's list, as the generator read it: the test checks the compact encoding against the original. */
const GOOGLE_LIST = readFileSync(
  join(import.meta.dirname, '../../../../scripts/data/ga4-source-categories.csv'),
  'utf8',
)
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const comma = line.lastIndexOf(',');
    return [
      line.slice(0, comma),
      line
        .slice(comma + 1)
        .replace('SOURCE_CATEGORY_', '')
        .toLowerCase(),
    ] as const;
  });

describe('sourceCategory()', () => {
  it("knows all of Google's list", () => expect(GOOGLE_LIST.length).toBe(819));

  it('maps each listed source to its category', () => {
    const wrong = GOOGLE_LIST.filter(([source, category]) => sourceCategory(source) !== category);
    expect(wrong).toEqual([]); // lists every mismatch at once
  });

  it('matches case-insensitively and exactly', () => {
    expect(sourceCategory('Facebook')).toBe('social');
    expect(sourceCategory('IGShopping')).toBe('shopping');
    expect(sourceCategory('facebook.co')).toBeNull();
    expect(sourceCategory('')).toBeNull();
  });
});

describe('channelFor()', () => {
  it.each([
    ['(direct)', '(none)', null, 'Direct'],
    ['(direct)', '(not set)', null, 'Direct'],
    ['google', 'cpc', 'PMax: cross-network', 'Cross-network'],
    ['google', 'cpc', 'spring_shopping', 'Paid Shopping'],
    ['amazon', 'ppc', null, 'Paid Shopping'],
    ['instagram', 'paid', 'eshop-launch', 'Paid Shopping'],
    ['bing', 'cpc', null, 'Paid Search'],
    ['facebook', 'paid_social', null, 'Paid Social'],
    ['ig', 'cpm', null, 'Paid Social'],
    ['youtube', 'cpv', null, 'Paid Video'],
    ['criteo', 'display', null, 'Display'],
    ['criteo', 'cpm', null, 'Display'],
    ['newsletter', 'banner', null, 'Display'],
    ['criteo', 'retargeting', null, 'Paid Other'],
    ['partner', 'paidsearch', null, 'Paid Other'],
    ['shop.app', 'referral', null, 'Organic Shopping'],
    ['instagram', 'story', 'summer_shop', 'Organic Shopping'],
    ['t.co', 'referral', null, 'Organic Social'],
    ['newsletter', 'social-media', null, 'Organic Social'],
    ['vimeo.com', 'referral', null, 'Organic Video'],
    ['partner', 'video_embed', null, 'Organic Video'],
    ['duckduckgo', 'referral', null, 'Organic Search'],
    ['kagi', 'organic', null, 'Organic Search'],
    ['blog.example', 'referral', null, 'Referral'],
    ['partner', 'app', null, 'Referral'],
    ['partner', 'link', null, 'Referral'],
    ['newsletter', 'e-mail', null, 'Email'],
    ['email', 'newsletter', null, 'Email'],
    ['awin', 'affiliate', null, 'Affiliates'],
    ['spotify', 'audio', null, 'Audio'],
    ['sms', 'text', null, 'SMS'],
    ['attentive', 'sms', null, 'SMS'],
    ['klaviyo', 'push', null, 'Mobile Push Notifications'],
    ['app', 'mobile-notification', null, 'Mobile Push Notifications'],
    ['firebase', 'inapp', null, 'Mobile Push Notifications'],
    ['foo', 'bar', null, 'Unassigned'],
    ['(not set)', '(not set)', null, 'Unassigned'],
  ] as const)('%s / %s (campaign %s) is %s', (source, medium, campaign, channel) => {
    expect(channelFor(source, medium, campaign)).toBe(channel);
  });

  it("applies GA4's rules in GA4's order: a paid shopping campaign beats the social source", () => {
    expect(channelFor('facebook', 'cpc', 'shop_now')).toBe('Paid Shopping');
    expect(channelFor('facebook', 'cpc', 'workshop')).toBe('Paid Social'); // "workshop": 'k' before "shop"
  });

  it('ignores case, as GA4 does', () => {
    expect(channelFor('Google', 'CPC', null)).toBe('Paid Search');
    expect(channelFor('Newsletter', 'Email', null)).toBe('Email');
  });
});

describe('lookupSite()', () => {
  it('prefers the most specific pattern: mail.google.com is webmail, google.* search, docs.google.com unknown', () => {
    expect(lookupSite('mail.google.com')).toEqual({ name: 'mail.google.com', type: 'email' });
    expect(lookupSite('google.com.br')).toEqual({ name: 'google', type: 'search' });
    expect(lookupSite('docs.google.com')).toBeNull();
  });

  it('matches Android app ids only exactly', () => {
    expect(lookupSite('com.google.android.gm', true)?.type).toBe('email');
    expect(lookupSite('com.example.app', true)).toBeNull();
  });

  it('names every folded site by a plain source name', () => {
    for (const host of ['l.facebook.com', 'amazon.co.jp', 'de.pinterest.com', 'shopping.google.de', 'www.idealo.fr']) {
      expect(lookupSite(host)?.name).not.toMatch(/\*|^\./);
    }
  });
});
