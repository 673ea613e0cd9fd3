/** What the classifiers conclude from a `PageContext`: plain data, no DOM. */
import type { CHANNELS, DEVICES, REFERRER_TYPES } from '../attributes/registry.js';

export type Channel = (typeof CHANNELS)[number];
export type ReferrerType = (typeof REFERRER_TYPES)[number];
export type DeviceClass = (typeof DEVICES)[number];

/** Where a visit came from. Kept in the profile for the current visit and, once, as first touch. */
export interface TrafficSource {
  readonly channel: Channel;
  readonly source: string;
  readonly medium: string;
  readonly campaign: string | null;
  readonly content: string | null;
  readonly term: string | null;
  readonly referrerType: ReferrerType;
  /** Host of an external referrer, without query string. */
  readonly referrerHost: string | null;
}

export interface DeviceFacts {
  readonly device: DeviceClass;
  readonly bot: boolean;
  readonly os: string | null;
  readonly browser: string | null;
}

export interface LocationFacts {
  readonly country: string | null;
  readonly timezone: string | null;
  readonly language: string | null;
  /** From the zone's principal city (season.ts): null near the equator, for UTC and unknown zones. */
  readonly hemisphere: 'north' | 'south' | null;
  /** `timezone` is the runtime's own: local days and hours come from Date, without Intl. */
  readonly ownZone?: boolean;
}

/** Visitor's local time, computed in their time zone. */
export interface LocalTime {
  readonly hour: number;
  /** 1 = Monday … 7 = Sunday (ISO 8601). */
  readonly weekday: number;
  readonly month: number;
  /** The calendar day, 'YYYY-MM-DD'. */
  readonly day: string;
}

/** Everything classification concludes about this page view. */
export interface Facts {
  /** `null` when the page was reached from the store itself (internal navigation keeps the visit's source). */
  readonly source: TrafficSource | null;
  readonly device: DeviceFacts;
  readonly location: LocationFacts;
  readonly time: LocalTime;
  readonly path: string;
  readonly pageType: string;
  /** Login state the page shows (server context or a detector); `null` when the page does not say. */
  readonly loggedIn: boolean | null;
}
