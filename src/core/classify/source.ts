/**
 * Where a visit came from: source / medium / campaign and GA4's channel, from the landing URL and
 * `document.referrer`. Pure, and total: malformed URLs, giant strings and non-strings never throw.
 *
 * Order, as GA4 (https://support.google.com/analytics/answer/11242841): UTM parameters, then ad click ids,
 * then the referrer; nothing at all is `(direct) / (none)`.
 */
import { redactPersonalData } from '../privacy/redact.js';
import { channelIn } from './channel.js';
import { fullSourceTables, lookupSiteIn, sourceSiteTypeIn, type SourceTables } from './sites.js';
import { hostOf, isInternal, parseReferrer, str, stripWww } from './referrer.js';
import type { Channel, ReferrerType, TrafficSource } from './types.js';

export type { SourceInput } from './referrer.js';
import type { SourceInput } from './referrer.js';

/** GA4 itself truncates campaign values at 100 characters. */
const MAX_VALUE = 100;

/**
 * Click ids that ad platforms (and two mail tools) append to every click, with the source / medium
 * they stand for. GA4 itself only reads Google's (gclid, gbraid, wbraid, dclid); the others make an
 * untagged ad click land in its paid channel instead of `(direct)`.
 */
export const CLICK_IDS: readonly (readonly [param: string, source: string, medium: string, type: ReferrerType])[] = [
  ['gclid', 'google', 'cpc', 'paid'],
  ['gbraid', 'google', 'cpc', 'paid'], // iOS app-to-web clicks (https://support.google.com/google-ads/answer/10417364)
  ['wbraid', 'google', 'cpc', 'paid'],
  ['dclid', 'google', 'cpc', 'paid'], // Campaign Manager / Display & Video 360
  ['gad_source', 'google', 'cpc', 'paid'], // sent with or instead of gclid since 2023
  ['msclkid', 'bing', 'cpc', 'paid'],
  ['ttclid', 'tiktok', 'cpc', 'paid'],
  ['twclid', 'twitter', 'cpc', 'paid'],
  ['li_fat_id', 'linkedin', 'cpc', 'paid'],
  ['epik', 'pinterest', 'cpc', 'paid'],
  ['sccid', 'snapchat', 'cpc', 'paid'],
  ['rdt_cid', 'reddit', 'cpc', 'paid'],
  ['qclid', 'quora', 'cpc', 'paid'],
  ['yclid', 'yandex', 'cpc', 'paid'],
  ['mc_cid', 'mailchimp', 'email', 'email'],
  ['_kx', 'klaviyo', 'email', 'email'],
  ['irclickid', 'impact', 'affiliate', 'referral'],
];

const PAID_CHANNELS: readonly Channel[] = [
  'Cross-network',
  'Paid Shopping',
  'Paid Search',
  'Paid Social',
  'Paid Video',
  'Display',
  'Paid Other',
];
const ORGANIC: Partial<Record<Channel, ReferrerType>> = {
  'Organic Search': 'search',
  'Organic Social': 'social',
  'Organic Video': 'video',
  'Organic Shopping': 'shopping',
  Email: 'email',
  Direct: 'direct',
};

/** Query parameters with lower-cased names; values trimmed, control characters dropped, capped. */
function readParams(url: string): Map<string, string> {
  const params = new Map<string, string>();
  const q = url.indexOf('?');
  if (q < 0) return params;
  const hash = url.indexOf('#', q);
  let search: URLSearchParams;
  try {
    search = new URLSearchParams(url.slice(q + 1, hash < 0 ? undefined : hash));
  } catch {
    return params;
  }
  for (const [key, raw] of search) {
    // No email address ever reaches the profile through a campaign tag (privacy/redact.ts).
    const value = redactPersonalData(raw.replace(/[\u0000-\u001f\u007f]/g, '').trim()).slice(0, MAX_VALUE);
    const name = key.toLowerCase();
    if (value && !params.has(name)) params.set(name, value);
  }
  return params;
}

export function classifySource(input: SourceInput): TrafficSource | null {
  return classifySourceIn(fullSourceTables(), input);
}

/** The same, with the site and GA4 tables given (pruned ones may throw UNSURE: see sites.ts). */
export function classifySourceIn(tables: SourceTables, input: SourceInput): TrafficSource | null {
  const url = str(input?.url);
  const params = readParams(url);
  const get = (name: string) => params.get(name) ?? null;
  const utmSource = get('utm_source')?.toLowerCase() ?? null;
  const utmMedium = get('utm_medium')?.toLowerCase() ?? null;
  const campaign = get('utm_campaign') ?? get('utm_id');
  const click = CLICK_IDS.find(([name]) => params.has(name));

  const referrer = parseReferrer(str(input?.referrer));
  const hosts = Array.isArray(input?.internalHosts) ? input.internalHosts : [];
  const internal = referrer !== null && !referrer.app && isInternal(referrer.host, hostOf(url), hosts);
  // Internal navigation keeps the visit's source, unless the link itself was tagged.
  if (internal && !utmSource && !utmMedium && !click) return null;
  const external = internal ? null : referrer;

  const site = external
    ? lookupSiteIn(tables, external.app ? external.host : stripWww(external.host), external.app)
    : null;
  const siteName = external ? (site?.name ?? (external.app ? external.host : stripWww(external.host))) : null;
  const siteMedium = site?.type === 'search' ? 'organic' : 'referral';

  const make = (source: string, medium: string, type: (channel: Channel) => ReferrerType): TrafficSource => {
    const channel = channelIn(tables.category, source, medium, campaign);
    return {
      channel,
      source,
      medium,
      campaign,
      content: get('utm_content'),
      term: get('utm_term'),
      referrerType: type(channel),
      referrerHost: external?.host ?? null,
    };
  };

  if (utmSource || utmMedium) {
    // GA4 reports a missing utm_medium (or utm_source) as `(not set)`, which sends ChatGPT's
    // `?utm_source=chatgpt.com` links to Unassigned; with a referrer at hand we take it from the referrer.
    const medium = utmMedium ?? (external ? siteMedium : '(not set)');
    return make(utmSource ?? siteName ?? '(not set)', medium, (channel) =>
      click?.[3] === 'paid' || PAID_CHANNELS.includes(channel)
        ? 'paid'
        : channel === 'Email'
          ? 'email'
          : ((utmSource ? sourceSiteTypeIn(tables, utmSource) : null) ?? ORGANIC[channel] ?? site?.type ?? 'referral'),
    );
  }
  if (click) return make(click[1], click[2], () => click[3]);
  if (external && siteName) return make(siteName, siteMedium, () => site?.type ?? 'referral');
  // No referrer. Meta appends fbclid to every outbound link, paid or not, and its in-app browsers often
  // drop the referrer; GA4 ignores fbclid and says (direct), we keep the visit social. srsltid marks
  // Google's organic (free) product listings.
  if (params.has('fbclid')) return make('facebook.com', 'referral', () => 'social');
  if (params.has('srsltid')) return make('google', 'organic', () => 'search');
  return make('(direct)', '(none)', () => 'direct');
}
