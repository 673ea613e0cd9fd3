/**
 * The one public surface of the shopper's script: `window.p13n`, the events it sends on `document`,
 * and the records it posts to the config's `endpoint`. Themes, the debug panel and the report read
 * these types; docs/api.md describes them. The record types are defined
 * beside the pure code that builds them (core/track/records.ts: core imports nothing from app/) and
 * are public from here.
 */
import type { Decision } from '../core/decide/rules.js';
import type { Profile } from '../core/profile/model.js';
import type { Attributes } from '../core/types.js';
import type { ConsentResolution } from '../core/consent/resolve.js';
import type { ConversionRecord, ExposureRecord } from '../core/track/records.js';
import type { Inspection } from './inspect.js';

export type { BeaconRecord, ConversionRecord, ExposureRecord } from '../core/track/records.js';
export { RECORD_VERSION } from '../core/track/records.js';
export type { Attributes, Decision, Inspection, Profile };

export interface P13nApi {
  readonly version: string;
  /** Settles after the first decisions are applied, also when anything failed. Never rejects. */
  readonly ready: Promise<void>;
  profile(): Profile | null;
  attributes(): Attributes | null;
  segments(): string[];
  decisions(): Decision[];
  matches(expression: string): boolean;
  track(event: string, params?: Record<string, unknown>): void;
  consent(granted: boolean): Promise<void>;
  forget(): Promise<void>;
  refresh(): Promise<void>;
  /** A read-only snapshot for the debug panel: profile, segments, decisions and why, problems, preview. */
  inspect(): Inspection;
}

/** `p13n:ready`: the first decisions are applied (also when anything failed: then none). */
export interface ReadyDetail {
  readonly decisions: readonly Decision[];
}

/** `p13n:consent`: where the profile may live changed. */
export type ConsentDetail = ConsentResolution;

/** The CustomEvents on `document`, by name, with their `detail`. */
export interface P13nEvents {
  'p13n:ready': ReadyDetail;
  'p13n:consent': ConsentDetail;
  'p13n:exposure': ExposureRecord;
  'p13n:conversion': ConversionRecord;
}
