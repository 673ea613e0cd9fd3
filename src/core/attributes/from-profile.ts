/**
 * The attributes of `src/attributes.ts`, computed from the profile and this page's facts. Pure.
 * Missing facts are null, so comparisons with them are false (see the segment language).
 */
import type { Facts } from '../classify/types.js';
import type { Attributes } from '../types.js';
import type { Profile } from '../profile/model.js';
import { seasonOf } from '../classify/season.js';
import type { CustomerAttributes } from './customer.js';
import { dayIn, dayOfText } from './days.js';
import type { Model } from '../model/types.js';
import { predictedPurchase } from './predicted.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days between two instants; never negative (clocks drift between tabs and devices). */
export const wholeDays = (from: number, to: number) => Math.max(0, Math.floor((to - from) / DAY_MS));

export interface AttributeInput {
  readonly profile: Profile;
  readonly facts: Facts;
  /** Customer tags from the server context, null for an anonymous visitor. */
  readonly tags: readonly string[] | null;
  readonly consent: boolean;
  readonly now: number;
  /** The store's IANA zone (config `timezone`): whole days of the date attributes; else the visitor's. */
  readonly timezone?: string | null;
  /** What the server context says about the customer beyond tags; null for an anonymous visitor. */
  readonly customer?: CustomerAttributes | null;
  /** The config's `models.purchase`: `predicted_purchase` is null without one. */
  readonly model?: Model | null;
}

export function toAttributes({
  profile,
  facts,
  tags,
  consent,
  now,
  timezone,
  customer,
  model,
}: AttributeInput): Attributes {
  // Whole days: the store's zone, else the visitor's; the visitor's own clock needs no Intl (see lazy.ts).
  const dayZone = () => timezone ?? (facts.location.ownZone ? null : facts.location.timezone);
  const source = profile.source;
  const first = profile.firstSource;
  const loggedIn = facts.loggedIn ?? profile.loggedIn ?? false;
  const attrs: Attributes = {
    channel: source?.channel ?? null,
    source: source?.source ?? null,
    medium: source?.medium ?? null,
    campaign: source?.campaign ?? null,
    utm_content: source?.content ?? null,
    utm_term: source?.term ?? null,
    referrer_type: source?.referrerType ?? null,
    referrer_host: source?.referrerHost ?? null,
    first_channel: first?.channel ?? null,
    first_source: first?.source ?? null,
    first_medium: first?.medium ?? null,
    first_campaign: first?.campaign ?? null,
    // Getters: these facts are computed on first read (see ../lazy.ts).
    get device() {
      return facts.device.device;
    },
    bot: facts.device.bot,
    get os() {
      return facts.device.os;
    },
    get browser() {
      return facts.device.browser;
    },
    get country() {
      return facts.location.country;
    },
    get timezone() {
      return facts.location.timezone;
    },
    language: facts.location.language,
    get hour() {
      return facts.time.hour;
    },
    get weekday() {
      return facts.time.weekday;
    },
    get month() {
      return facts.time.month;
    },
    get date() {
      return dayIn(now, dayZone());
    },
    get season() {
      return seasonOf(facts.time.month, facts.location.hemisphere);
    },
    get hemisphere() {
      return facts.location.hemisphere;
    },
    path: facts.path,
    page_type: facts.pageType,
    visits: profile.visits,
    pageviews: profile.pageviews,
    visit_pageviews: profile.visitPageviews,
    new_visitor: profile.visits <= 1,
    days_since_last_visit: profile.previousVisitEnd === null ? null : wholeDays(profile.previousVisitEnd, now),
    days_since_first_visit: wholeDays(profile.firstSeen, now),
    get first_visit_date() {
      return dayIn(profile.firstSeen, dayZone());
    },
    get last_visit_date() {
      return dayIn(profile.previousVisitEnd, dayZone());
    },
    logged_in: loggedIn,
    tags: loggedIn ? (tags ?? []) : tags,
    cart_value: profile.cartValue,
    cart_items: profile.cartItems,
    abandoned_cart: profile.abandonedCart,
    orders: profile.orders,
    total_spent: profile.totalSpent,
    average_order_value: profile.orders > 0 ? Math.round((profile.totalSpent / profile.orders) * 100) / 100 : null,
    days_since_last_order: profile.lastOrderAt === null ? null : wholeDays(profile.lastOrderAt, now),
    get last_order_date() {
      return lastOrderDay(profile, customer, dayZone());
    },
    get first_order_date() {
      return firstOrderDay(profile, customer, dayZone());
    },
    email_subscription_status:
      typeof customer?.acceptsMarketing === 'boolean'
        ? customer.acceptsMarketing
          ? 'SUBSCRIBED'
          : 'NOT_SUBSCRIBED'
        : null,
    customer_countries: customer?.countries ?? null,
    interest: profile.interest,
    events: profile.events,
    consent,
    // Computed on every read, never kept: it reads facts a chunk may not have loaded yet (then null),
    // and a decision is kept only from a run where every fact it read was there (app/needs.ts).
    get predicted_purchase() {
      return predictedPurchase(model, attrs);
    },
  };
  return attrs;
}

/**
 * The server's day as printed ('2026-10-01' is that day in any zone), unless the profile counted a
 * purchase after it (the pixel, or `track('purchase')`, on this device since the page was rendered).
 */
function lastOrderDay(
  profile: Profile,
  customer: CustomerAttributes | null | undefined,
  zone: string | null,
): string | null {
  const printed = customer?.lastOrderAt ?? null;
  const at = printed === null ? NaN : Date.parse(printed);
  return profile.lastOrderAt !== null && !(profile.lastOrderAt <= at + DAY_MS)
    ? dayIn(profile.lastOrderAt, zone)
    : dayOfText(printed, zone);
}

/** The server's `first_order_at`; else, for a customer with exactly one order, that order. */
function firstOrderDay(
  profile: Profile,
  customer: CustomerAttributes | null | undefined,
  zone: string | null,
): string | null {
  if (customer?.firstOrderAt) return dayOfText(customer.firstOrderAt, zone);
  return profile.orders === 1 && profile.lastOrderAt !== null ? dayIn(profile.lastOrderAt, zone) : null;
}
