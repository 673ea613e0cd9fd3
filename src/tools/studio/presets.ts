/**
 * Visitors for the simulator: a plain first visit on a desktop, and the presets an owner thinks in.
 * Values are spelled as the script reports them (see the attribute registry), so what matches here
 * matches in the store.
 */
import type { Attributes } from '../../core/types.js';

export interface Preset {
  readonly name: string;
  readonly attributes: Attributes;
  readonly consent: boolean;
}

/** A first, direct visit on a desktop, anonymous, nothing in the cart, consent given. */
export const BASE: Attributes = {
  channel: 'Direct',
  source: '(direct)',
  medium: '(none)',
  campaign: null,
  utm_content: null,
  utm_term: null,
  referrer_type: 'direct',
  referrer_host: null,
  first_channel: 'Direct',
  first_source: '(direct)',
  first_medium: '(none)',
  first_campaign: null,
  device: 'desktop',
  bot: false,
  os: 'windows',
  browser: 'chrome',
  country: 'US',
  timezone: 'America/New_York',
  language: 'en',
  hour: 14,
  weekday: 3,
  month: 11,
  path: '/',
  page_type: 'home',
  visits: 1,
  pageviews: 1,
  visit_pageviews: 1,
  new_visitor: true,
  days_since_last_visit: null,
  days_since_first_visit: 0,
  logged_in: false,
  tags: null,
  cart_value: 0,
  cart_items: 0,
  abandoned_cart: false,
  orders: 0,
  total_spent: 0,
  average_order_value: null,
  days_since_last_order: null,
  interest: {},
  events: {},
  consent: true,
};

const returning = {
  new_visitor: false,
  first_channel: 'Organic Search',
  first_source: 'google',
  first_medium: 'organic',
};

export const PRESETS: readonly Preset[] = [
  { name: 'First visit, direct, on a desktop', consent: true, attributes: BASE },
  {
    name: 'First visit from Instagram on a phone',
    consent: true,
    attributes: {
      ...BASE,
      channel: 'Organic Social',
      source: 'instagram.com',
      medium: 'referral',
      referrer_type: 'social',
      referrer_host: 'l.instagram.com',
      first_channel: 'Organic Social',
      first_source: 'instagram.com',
      first_medium: 'referral',
      device: 'mobile',
      os: 'ios',
      browser: 'mobile safari',
    },
  },
  {
    name: 'Lapsed VIP',
    consent: true,
    attributes: {
      ...BASE,
      ...returning,
      visits: 14,
      pageviews: 61,
      days_since_last_visit: 45,
      days_since_first_visit: 420,
      logged_in: true,
      tags: ['vip'],
      orders: 6,
      total_spent: 840,
      average_order_value: 140,
      days_since_last_order: 52,
      interest: { hiking: 5 },
      country: 'NO',
      timezone: 'Europe/Oslo',
      language: 'nb',
    },
  },
  {
    name: 'Returning, cart waiting',
    consent: true,
    attributes: {
      ...BASE,
      ...returning,
      visits: 3,
      pageviews: 9,
      days_since_last_visit: 2,
      days_since_first_visit: 9,
      cart_value: 129,
      cart_items: 1,
      abandoned_cart: true,
      interest: { running: 3 },
    },
  },
  {
    name: 'Newsletter reader (email campaign)',
    consent: true,
    attributes: {
      ...BASE,
      ...returning,
      channel: 'Email',
      source: 'newsletter',
      medium: 'email',
      campaign: 'winter-sale',
      referrer_type: 'email',
      visits: 2,
      days_since_last_visit: 6,
    },
  },
];
