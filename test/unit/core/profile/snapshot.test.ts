import { afterEach, describe, expect, it } from 'vitest';
import { newProfile, type Profile } from '../../../../src/core/profile/model.js';
import {
  fromSnapshot,
  MAX_SNAPSHOT_CHARS,
  readSnapshotText,
  toSnapshot,
} from '../../../../src/core/profile/snapshot.js';
import { eraseSnapshot, readSnapshot, SNAPSHOT_KEY, writeSnapshot } from '../../../../src/edge/storage/snapshot.js';

const T0 = Date.UTC(2026, 10, 1);
const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;
const returning: Profile = {
  ...newProfile('visitor-1', T0 - 40 * DAY),
  visits: 4,
  pageviews: 9,
  lastSeen: T0 - DAY,
  previousVisitEnd: T0 - 3 * DAY,
  cartValue: 59,
  cartItems: 1,
  orders: 2,
  totalSpent: 120,
  lastOrderAt: T0 - 10 * DAY,
  transactions: ['#1001', '#1002'],
  interest: { running: 3 },
  events: { newsletter_signup: 1 },
  assignments: { 'hero:test': 'video' },
};

describe('the profile snapshot (pure)', () => {
  it('keeps what deciding reads and drops the purchase ids', () => {
    const text = toSnapshot(returning);
    expect(text).not.toContain('#1001');
    expect(fromSnapshot(text, T0, YEAR)).toEqual({ ...returning, transactions: [] });
  });

  it('ignores a corrupt, foreign, other-version, oversized or expired snapshot', () => {
    const text = toSnapshot(returning);
    for (const bad of [
      null,
      '',
      '{',
      'null',
      '[]',
      '{"snapshot":1}',
      text.replace('"snapshot":1', '"snapshot":2'),
      text.replace('"visits":4', '"visits":-4'),
      `${text}${' '.repeat(MAX_SNAPSHOT_CHARS)}`,
    ]) {
      expect(fromSnapshot(bad, T0, YEAR)).toBeNull();
    }
    expect(fromSnapshot(text, T0 + 2 * YEAR, YEAR)).toBeNull();
  });

  it('past its bound, leaves a marker that a profile exists: a page must wait for IndexedDB, not start a new visitor', () => {
    const huge = {
      ...returning,
      events: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`event_${'x'.repeat(200)}_${i}`, 1])),
    };
    const text = toSnapshot(huge);
    expect(text.length).toBeLessThan(100);
    expect(fromSnapshot(text, T0, YEAR)).toBeNull();
    expect(readSnapshotText(text, T0, YEAR, JSON.parse)).toBe('stored');
    expect(readSnapshotText(toSnapshot(returning), T0, YEAR, JSON.parse)).toMatchObject({ pageviews: 9 });
  });
});

describe('the snapshot in localStorage', () => {
  afterEach(() => localStorage.clear());

  it('round-trips, is erased, and a stale one gives way to the marker when the profile outgrows the bound', () => {
    writeSnapshot(window, returning);
    expect(readSnapshot(window, T0, YEAR)?.pageviews).toBe(9);
    eraseSnapshot(window);
    expect(localStorage.getItem(SNAPSHOT_KEY)).toBeNull();
    writeSnapshot(window, returning);
    writeSnapshot(window, {
      ...returning,
      events: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`e${'x'.repeat(200)}${i}`, 1])),
    });
    expect(readSnapshot(window, T0, YEAR)).toBeNull();
    expect(JSON.parse(localStorage.getItem(SNAPSHOT_KEY)!)).toEqual({ snapshot: 1, stored: true });
  });

  it('reads as no snapshot when localStorage throws', () => {
    const hostile = {
      get localStorage(): Storage {
        throw new Error('SecurityError');
      },
    } as unknown as Window;
    expect(readSnapshot(hostile, T0, YEAR)).toBeNull();
    expect(() => writeSnapshot(hostile, returning)).not.toThrow();
  });
});
