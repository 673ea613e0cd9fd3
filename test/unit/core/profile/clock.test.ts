/**
 * Clock changes, with a fake clock: a visit starts after 30 minutes without a page
 * view by the clock in force, whether it was moved back or set ahead and then corrected, and no
 * recency is ever negative.
 */
import { describe, expect, it } from 'vitest';
import { newProfile, VISIT_TIMEOUT_MS, type Profile } from '../../../../src/core/profile/model.js';
import { recordPageView, MAX_HOST } from '../../../../src/core/profile/update.js';
import { wholeDays } from '../../../../src/core/attributes/from-profile.js';
import type { TrafficSource } from '../../../../src/core/classify/types.js';

const T0 = Date.UTC(2026, 10, 1, 12);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const view = { source: null, loggedIn: null, customer: null };

/** Page views at the given clock readings, in order; returns the profile after each. */
function browse(start: Profile, ...clock: number[]): Profile[] {
  const seen: Profile[] = [];
  let p = start;
  for (const t of clock) seen.push((p = recordPageView(p, view, t)));
  return seen;
}

/** What the attributes would say about recency at `now`. */
const recency = (p: Profile, now: number) => ({
  daysSinceLastVisit: p.previousVisitEnd === null ? null : wholeDays(p.previousVisitEnd, now),
  rawSinceLastVisit: p.previousVisitEnd === null ? null : now - p.previousVisitEnd,
  daysSinceFirst: wholeDays(p.firstSeen, now),
});

describe('a clock moved back two days', () => {
  it('continues the visit, then starts one after 30 minutes by the new clock, never negative', () => {
    const back = T0 - 2 * DAY;
    const [, moved, later, newVisit] = browse(
      newProfile('id', T0),
      T0,
      back,
      back + 10 * MINUTE,
      back + 10 * MINUTE + VISIT_TIMEOUT_MS + 1,
    );
    expect(moved).toMatchObject({ visits: 1, pageviews: 2, lastSeen: T0 });
    expect(later).toMatchObject({ visits: 1, pageviews: 3 });
    expect(newVisit).toMatchObject({
      visits: 2,
      pageviews: 4,
      visitPageviews: 1,
      previousVisitEnd: back + 10 * MINUTE,
    });
    const now = back + 10 * MINUTE + VISIT_TIMEOUT_MS + 1;
    expect(recency(newVisit!, now).rawSinceLastVisit).toBeGreaterThanOrEqual(0);
    expect(recency(newVisit!, now)).toMatchObject({ daysSinceLastVisit: 0, daysSinceFirst: 0 });
  });
});

describe('a clock set two days ahead, then corrected', () => {
  it('starts a new visit after 30 minutes without a page view by the corrected clock', () => {
    const ahead = T0 + 2 * DAY;
    const pages = browse(
      newProfile('id', ahead),
      ahead,
      ahead + 5 * MINUTE,
      T0,
      T0 + 20 * MINUTE,
      T0 + 20 * MINUTE + VISIT_TIMEOUT_MS + 1,
      T0 + 3 * 60 * MINUTE,
    );
    expect(pages.map((p) => p.visits)).toEqual([1, 1, 1, 1, 2, 3]);
    const last = pages.at(-1)!;
    // Without the corrected clock's own reading, no visit would start for two days.
    expect(last.previousVisitEnd).toBe(T0 + 20 * MINUTE + VISIT_TIMEOUT_MS + 1);
    expect(last.lastSeen).toBe(ahead + 5 * MINUTE);
    for (const p of pages) {
      if (p.previousVisitEnd !== null) expect(p.previousVisitEnd).toBeLessThanOrEqual(p.lastViewAt!);
    }
    expect(recency(last, T0 + 3 * 60 * MINUTE)).toMatchObject({ daysSinceLastVisit: 0, daysSinceFirst: 0 });
  });

  it('also for a record written before lastViewAt existed', () => {
    const ahead = T0 + 2 * DAY;
    const { lastViewAt: _none, ...old } = recordPageView(newProfile('id', ahead), view, ahead);
    const pages = browse(old as Profile, T0, T0 + 40 * MINUTE);
    expect(pages.map((p) => p.visits)).toEqual([1, 2]);
  });

  it('and the days since the last visit read from the ahead clock are never negative', () => {
    const ahead = T0 + 2 * DAY;
    const [, second] = browse(newProfile('id', T0 - DAY), T0 - DAY, ahead);
    expect(second!.previousVisitEnd).toBe(T0 - DAY);
    expect(wholeDays(second!.previousVisitEnd!, T0)).toBe(1);
    expect(wholeDays(ahead, T0)).toBe(0);
  });
});

describe('the stored referrer', () => {
  it('caps the host at the longest DNS name', () => {
    const host = `${'a'.repeat(16 * 1024)}.example`;
    const source: TrafficSource = {
      channel: 'Referral',
      source: host,
      medium: 'referral',
      campaign: null,
      content: null,
      term: null,
      referrerType: 'referral',
      referrerHost: host,
    };
    const p = recordPageView(newProfile('id', T0), { ...view, source }, T0);
    expect(p.source!.referrerHost).toHaveLength(MAX_HOST);
    expect(p.source!.source).toHaveLength(MAX_HOST);
    expect(p.firstSource!.referrerHost).toHaveLength(MAX_HOST);
    expect(JSON.stringify(p).length).toBeLessThan(2 * 1024);
  });
});
