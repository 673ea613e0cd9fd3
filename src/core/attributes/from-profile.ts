/**
 * The attributes of `src/attributes.ts`, computed from the profile and this page's facts. Pure.
 * Missing facts are null, so comparisons with them are false (see the segment language).
 */
import type { Facts } from '../classify/types.js';
import type { Attributes } from '../types.js';
import type { Profile } from '../profile/model.js';

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
}

export function toAttributes({ profile, facts, tags, consent, now }: AttributeInput): Attributes {
  const source = profile.source;
  const first = profile.firstSource;
  const loggedIn = facts.loggedIn ?? profile.loggedIn ?? false;
  return {
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
    get device() { return facts.device.device; },
    bot: facts.device.bot,
    get os() { return facts.device.os; },
    get browser() { return facts.device.browser; },
    get country() { return facts.location.country; },
    get timezone() { return facts.location.timezone; },
    language: facts.location.language,
    get hour() { return facts.time.hour; },
    get weekday() { return facts.time.weekday; },
    get month() { return facts.time.month; },
    path: facts.path,
    page_type: facts.pageType,
    visits: profile.visits,
    pageviews: profile.pageviews,
    visit_pageviews: profile.visitPageviews,
    new_visitor: profile.visits <= 1,
    days_since_last_visit: profile.previousVisitEnd === null ? null : wholeDays(profile.previousVisitEnd, now),
    days_since_first_visit: wholeDays(profile.firstSeen, now),
    logged_in: loggedIn,
    tags: loggedIn ? tags ?? [] : tags,
    cart_value: profile.cartValue,
    cart_items: profile.cartItems,
    abandoned_cart: profile.abandonedCart,
    orders: profile.orders,
    total_spent: profile.totalSpent,
    average_order_value: profile.orders > 0 ? Math.round((profile.totalSpent / profile.orders) * 100) / 100 : null,
    days_since_last_order: profile.lastOrderAt === null ? null : wholeDays(profile.lastOrderAt, now),
    interest: profile.interest,
    events: profile.events,
    consent,
  };
}
