/**
 * GA4's default channel group, rule for rule and in GA4's order, from a session's source, medium and
 * campaign: https://support.google.com/analytics/answer/9756891 ("Channels for manual traffic").
 * GA4 matches case-insensitively, so everything is lower-cased first.
 */
import { GA4_SOURCE_CATEGORIES } from './ga4-categories.js';
import type { Channel } from './types.js';

export type SourceCategory = keyof typeof GA4_SOURCE_CATEGORIES;

let categories: Map<string, SourceCategory> | undefined;

/** Decodes the generated list on first use (`x~` is `x` and `x.com`). */
function categoryMap(): Map<string, SourceCategory> {
  if (categories) return categories;
  categories = new Map();
  for (const category of Object.keys(GA4_SOURCE_CATEGORIES) as SourceCategory[]) {
    for (const word of GA4_SOURCE_CATEGORIES[category].split(',')) {
      const stem = word.endsWith('~') ? word.slice(0, -1) : word;
      categories.set(stem, category);
      if (stem !== word) categories.set(`${stem}.com`, category);
    }
  }
  // Our referrer table folds t.co and twitter.com (both on Google's list as social) into 'x.com', which
  // the published list predates: keep that traffic in the channel GA4 gives it.
  categories.set('x.com', 'social');
  return categories;
}

/** SOURCE_CATEGORY_SEARCH / SOCIAL / SHOPPING / VIDEO of a source, by exact (case-insensitive) match. */
export function sourceCategory(source: string): SourceCategory | null {
  return categoryMap().get(source.toLowerCase()) ?? null;
}

// The regular expressions and value lists below are GA4's own, quoted from the page above.
const PAID = /^(.*cp.*|ppc|retargeting|paid.*)$/;
const SHOPPING_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
const DISPLAY = ['display', 'banner', 'expandable', 'interstitial', 'cpm'];
const SOCIAL = ['social', 'social-network', 'social-media', 'sm', 'social network', 'social media'];
const REFERRAL = ['referral', 'app', 'link'];
const EMAIL = ['email', 'e-mail', 'e_mail', 'e mail'];

/** True for the mediums GA4 counts as paid (`cpc`, `ppc`, `paid_social`, `retargeting`, `cpm` …). */
export const isPaidMedium = (medium: string): boolean => PAID.test(medium.toLowerCase());

export function channelFor(source: string, medium: string, campaign: string | null): Channel {
  return channelIn(sourceCategory, source, medium, campaign);
}

/** The same, with GA4's source categories looked up in `categoryOf` (a pruned table, in the inline decider). */
export function channelIn(
  categoryOf: (source: string) => SourceCategory | null,
  source: string,
  medium: string,
  campaign: string | null,
): Channel {
  const s = source.toLowerCase();
  const m = medium.toLowerCase();
  const c = (campaign ?? '').toLowerCase();
  const category = categoryOf(s);
  const paid = PAID.test(m);
  const shopping = category === 'shopping' || SHOPPING_CAMPAIGN.test(c);

  if (s === '(direct)' && (m === '(none)' || m === '(not set)')) return 'Direct';
  if (c.includes('cross-network')) return 'Cross-network';
  if (shopping && paid) return 'Paid Shopping';
  if (category === 'search' && paid) return 'Paid Search';
  if (category === 'social' && paid) return 'Paid Social';
  if (category === 'video' && paid) return 'Paid Video';
  if (DISPLAY.includes(m)) return 'Display';
  if (paid) return 'Paid Other';
  if (shopping) return 'Organic Shopping';
  if (category === 'social' || SOCIAL.includes(m)) return 'Organic Social';
  if (category === 'video' || m.includes('video')) return 'Organic Video';
  if (category === 'search' || m === 'organic') return 'Organic Search';
  if (REFERRAL.includes(m)) return 'Referral';
  if (EMAIL.includes(s) || EMAIL.includes(m)) return 'Email';
  if (m === 'affiliate') return 'Affiliates';
  if (m === 'audio') return 'Audio';
  if (s === 'sms' || m === 'sms') return 'SMS';
  if (m.endsWith('push') || m.includes('mobile') || m.includes('notification') || s === 'firebase') {
    return 'Mobile Push Notifications';
  }
  return 'Unassigned';
}
