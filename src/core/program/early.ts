/**
 * What the inline decider needs beyond the program's config and conditions (`program.early`), and
 * the attributes it cannot know, as data: both written ahead of time by the compiler
 * (tools/snippet/), read by the decider in the page's <head> (app/early.ts). Pure.
 */
import type { PrunedSources } from '../classify/pruned-sources.js';

export interface EarlyData {
  /** Our site list and GA4's names, pruned to what the rules tell apart (absent: not read). */
  readonly sources?: PrunedSources;
  /** The zone → country table, pruned the same way (absent: the country is not read from the zone). */
  readonly zones?: string;
  /** The decider carries the zone → hemisphere table, whole (absent: `season` and `hemisphere` are not read). */
  readonly hemispheres?: true;
}

/** Attributes the visit's source decides; `first_*` too when this page view is the first one. */
export const SOURCE_ATTRIBUTES = [
  'channel',
  'source',
  'medium',
  'campaign',
  'utm_content',
  'utm_term',
  'referrer_type',
  'referrer_host',
];
export const FIRST_SOURCE_ATTRIBUTES = ['first_channel', 'first_source', 'first_medium', 'first_campaign'];

/** Attributes the stored profile decides (with `visitor`, its id and A/B assignments). */
export const PROFILE_ATTRIBUTES = [
  'visits',
  'pageviews',
  'visit_pageviews',
  'new_visitor',
  'days_since_last_visit',
  'days_since_first_visit',
  'first_visit_date',
  'last_visit_date',
  'cart_value',
  'cart_items',
  'abandoned_cart',
  'orders',
  'total_spent',
  'average_order_value',
  'days_since_last_order',
  'last_order_date',
  'first_order_date',
  'interest',
  'events',
  ...FIRST_SOURCE_ATTRIBUTES,
];
