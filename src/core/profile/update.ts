/**
 * Pure profile updates: (profile, event, now) → profile. The same function runs twice per change:
 * on the copy read before deciding, and again inside the IndexedDB read-modify-write transaction on
 * whatever is stored by then, so page views from two open tabs both count.
 */
import type { TrafficSource } from '../classify/types.js';
import { MAX_TRANSACTIONS, VISIT_TIMEOUT_MS, type Profile } from './model.js';

export type Change = (profile: Profile) => Profile;

/** The most interest keys and custom event names kept; the least used fall off. */
export const MAX_KEYS = 50;

/** What the server knows about a signed-in customer; it wins over what we counted. */
export interface CustomerFacts {
  readonly orders?: number;
  readonly totalSpent?: number;
  readonly lastOrderAt?: number;
}

export interface PageView {
  /** External source of this page view; null for internal navigation or when unknown. */
  readonly source: TrafficSource | null;
  /** What the page says about login; null when it says nothing. */
  readonly loggedIn: boolean | null;
  readonly customer: CustomerFacts | null;
}

/**
 * Time since the latest page view, never negative. A clock set ahead and then corrected leaves
 * `lastSeen` in the future, for as long as it was ahead: the page view's own wall time
 * (`lastViewAt`) then measures it, so a visit still ends after 30 minutes without a page view by the
 * corrected clock. When both lie in the future (the first page view after the clock went back), the
 * time is unknown: that page view continues the visit, and the next ones are measured from it.
 */
export function sinceLastView(profile: Profile, now: number): number {
  if (profile.lastSeen <= now) return now - profile.lastSeen;
  const viewed = profile.lastViewAt ?? profile.lastSeen;
  return viewed <= now ? now - viewed : 0;
}

export function isNewVisit(profile: Profile, now: number): boolean {
  return profile.visits === 0 || sinceLastView(profile, now) > VISIT_TIMEOUT_MS;
}

/** The longest host name DNS allows; a longer "host" in a referrer is noise that would bloat the record. */
export const MAX_HOST = 253;

/** Caps what the referrer puts in a stored source (UTM values are capped where they are read). */
function capped(source: TrafficSource | null): TrafficSource | null {
  if (!source) return source;
  const tooLong = (value: string | null) => value !== null && value.length > MAX_HOST;
  if (!tooLong(source.referrerHost) && !tooLong(source.source)) return source;
  return {
    ...source,
    source: source.source.slice(0, MAX_HOST),
    referrerHost: source.referrerHost?.slice(0, MAX_HOST) ?? null,
  };
}

export function recordPageView(profile: Profile, pageView: PageView, now: number): Profile {
  const view = { ...pageView, source: capped(pageView.source) };
  const newVisit = isNewVisit(profile, now);
  const next: Profile = newVisit
    ? {
        ...profile,
        visits: profile.visits + 1,
        visitStart: now,
        visitPageviews: 1,
        // By the clock of this page view: never in its future, so recency is never negative.
        previousVisitEnd: profile.visits > 0 ? now - sinceLastView(profile, now) : null,
        // Arriving from the store itself after a pause continues the previous source (GA4 does not
        // start a new campaign for an internal referrer either).
        source: view.source ?? profile.source,
        abandonedCart: profile.visits > 0 && (profile.cartItems > 0 || profile.cartValue > 0),
      }
    : { ...profile, visitPageviews: profile.visitPageviews + 1 };
  return withCustomer(
    {
      ...next,
      pageviews: profile.pageviews + 1,
      // A clock that went backwards (another tab, a corrected system time) must not rewind the visit.
      lastSeen: Math.max(profile.lastSeen, now),
      lastViewAt: now,
      firstSource: profile.firstSource ?? next.source,
      loggedIn: view.loggedIn ?? profile.loggedIn,
    },
    view.customer,
  );
}

function withCustomer(profile: Profile, customer: CustomerFacts | null): Profile {
  if (!customer) return profile;
  return {
    ...profile,
    orders: customer.orders ?? profile.orders,
    totalSpent: customer.totalSpent ?? profile.totalSpent,
    lastOrderAt: customer.lastOrderAt ?? profile.lastOrderAt,
  };
}

export interface TrackEvent {
  readonly name: string;
  readonly value?: number;
  readonly quantity?: number;
  /** Already normalised interest key, e.g. `running_shoes`. */
  readonly interest?: string;
  readonly transactionId?: string;
  /** Product id, to count one view per product per page. */
  readonly item?: string;
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
/**
 * Largest amount or quantity one event may add. A page can report anything (a typo, a currency in
 * minor units, a hostile dataLayer push); a sum that overflowed to Infinity would be stored as null,
 * and the next page would set the whole profile aside as unreadable.
 */
export const MAX_AMOUNT = 1e12;
const money = (value: number) => Math.min(Number.MAX_SAFE_INTEGER, Math.round(value * 100) / 100);
const positive = (value: number | undefined) =>
  value !== undefined && Number.isFinite(value) && value > 0 ? Math.min(value, MAX_AMOUNT) : 0;

export function applyEvent(profile: Profile, event: TrackEvent, now: number): Profile {
  const value = positive(event.value);
  switch (event.name) {
    case 'view_item':
      return event.interest ? { ...profile, interest: bump(profile.interest, event.interest) } : profile;
    case 'add_to_cart':
      return {
        ...profile,
        cartValue: money(profile.cartValue + value),
        cartItems: Math.min(Number.MAX_SAFE_INTEGER, profile.cartItems + (positive(event.quantity) || 1)),
        interest: event.interest ? bump(profile.interest, event.interest) : profile.interest,
      };
    case 'remove_from_cart': {
      const cartItems = Math.max(0, profile.cartItems - (positive(event.quantity) || 1));
      return { ...profile, cartItems, cartValue: cartItems === 0 ? 0 : money(Math.max(0, profile.cartValue - value)) };
    }
    case 'purchase': {
      if (event.transactionId && profile.transactions.includes(event.transactionId)) return profile;
      const transactions = event.transactionId
        ? [...profile.transactions, event.transactionId].slice(-MAX_TRANSACTIONS)
        : profile.transactions;
      return {
        ...profile,
        orders: profile.orders + 1,
        totalSpent: money(profile.totalSpent + value),
        lastOrderAt: now,
        transactions,
        cartValue: 0,
        cartItems: 0,
        abandonedCart: false,
      };
    }
    case 'login':
      return { ...profile, loggedIn: true };
    case 'logout':
      return { ...profile, loggedIn: false };
    default:
      return { ...profile, events: bump(profile.events, event.name) };
  }
}

/** Adds one to `key`, keeping at most MAX_KEYS keys by dropping the smallest count. */
export function bump(counts: Readonly<Record<string, number>>, key: string): Record<string, number> {
  const next: Record<string, number> = { ...counts, [key]: (hasOwn(counts, key) ? counts[key]! : 0) + 1 };
  const keys = Object.keys(next);
  if (keys.length > MAX_KEYS) {
    const smallest = keys.filter((k) => k !== key).reduce((a, b) => (next[a]! <= next[b]! ? a : b));
    delete next[smallest];
  }
  return next;
}

export function withAssignments(profile: Profile, assignments: Readonly<Record<string, string>>): Profile {
  return Object.keys(assignments).length
    ? { ...profile, assignments: { ...profile.assignments, ...assignments } }
    : profile;
}
