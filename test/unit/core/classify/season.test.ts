// @vitest-environment node
/** `season` and `hemisphere` (README "Attributes"): December is summer in Sydney. */
import { describe, expect, it } from 'vitest';
import { toAttributes } from '../../../../src/core/attributes/from-profile.js';
import { hemisphereOf, seasonOf } from '../../../../src/core/classify/season.js';
import { localTime } from '../../../../src/core/classify/time.js';
import type { Facts } from '../../../../src/core/classify/types.js';
import { newProfile } from '../../../../src/core/profile/model.js';

/** The attributes a visitor in `timezone` sees at `now`, through the same path as a page view. */
function attributesAt(timezone: string | null, now: number) {
  const facts: Facts = {
    source: null,
    device: { device: 'mobile', bot: false, os: null, browser: null },
    location: { country: null, timezone, language: null, hemisphere: hemisphereOf(timezone) },
    time: localTime(now, timezone),
    path: '/',
    pageType: 'home',
    loggedIn: null,
  };
  return toAttributes({ profile: newProfile('x', now), facts, tags: null, consent: true, now });
}

const JUNE = Date.UTC(2026, 5, 15, 12);
const DECEMBER = Date.UTC(2026, 11, 15, 12);

describe('season and hemisphere', () => {
  it.each([
    ['Europe/Oslo', JUNE, 'north', 'summer'],
    ['Europe/Oslo', DECEMBER, 'north', 'winter'],
    ['Australia/Sydney', JUNE, 'south', 'winter'],
    ['Australia/Sydney', DECEMBER, 'south', 'summer'],
  ])('in %s at %i: %s, %s', (zone, now, hemisphere, season) => {
    const attrs = attributesAt(zone, now);
    expect(attrs.hemisphere).toBe(hemisphere);
    expect(attrs.season).toBe(season);
  });

  it('follows the local month: New Year in Sydney is already summer while it is still 31 December in UTC', () => {
    expect(attributesAt('Australia/Sydney', Date.UTC(2026, 1, 28, 14)).season).toBe('autumn'); // 1 March, 01:00 local
  });

  it('is null near the equator, for UTC and for an unknown zone', () => {
    for (const zone of [
      'Asia/Singapore',
      'Africa/Nairobi',
      'America/Bogota',
      'Etc/UTC',
      'UTC',
      'Mars/Olympus_Mons',
      null,
    ]) {
      const attrs = attributesAt(zone, JUNE);
      expect([zone, attrs.hemisphere, attrs.season]).toEqual([zone, null, null]);
    }
  });

  it('knows zones in areas of both hemispheres, and old names browsers report', () => {
    expect(hemisphereOf('America/Argentina/Buenos_Aires')).toBe('south');
    expect(hemisphereOf('America/Sao_Paulo')).toBe('south');
    expect(hemisphereOf('America/New_York')).toBe('north');
    expect(hemisphereOf('Africa/Johannesburg')).toBe('south');
    expect(hemisphereOf('Asia/Calcutta')).toBe('north');
    expect(hemisphereOf('NZ')).toBe('south');
    expect(hemisphereOf('Iceland')).toBe('north'); // a link to Africa/Abidjan (5°N) since tzdata 2022
  });

  it('uses meteorological seasons: whole months', () => {
    expect([12, 1, 2, 3, 5, 6, 8, 9, 11].map((m) => seasonOf(m, 'north'))).toEqual([
      'winter',
      'winter',
      'winter',
      'spring',
      'spring',
      'summer',
      'summer',
      'autumn',
      'autumn',
    ]);
    expect([12, 3, 6, 9].map((m) => seasonOf(m, 'south'))).toEqual(['summer', 'autumn', 'winter', 'spring']);
  });
});
