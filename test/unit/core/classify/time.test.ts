// @vitest-environment node
// Pure code: no DOM globals needed (documents come from happy-dom's Window where a test needs one).
import { describe, expect, it } from 'vitest';
import { localTime } from '../../../../src/core/classify/time.js';

// Monday 2026-03-30 23:30 UTC.
const NOW = Date.UTC(2026, 2, 30, 23, 30);

describe('localTime()', () => {
  it("reads the hour, ISO weekday, month and day in the visitor's zone", () => {
    expect(localTime(NOW, 'UTC')).toEqual({ hour: 23, weekday: 1, month: 3, day: '2026-03-30' });
    expect(localTime(NOW, 'Europe/Oslo')).toEqual({ hour: 1, weekday: 2, month: 3, day: '2026-03-31' }); // CEST, already Tuesday
    expect(localTime(NOW, 'America/Los_Angeles')).toEqual({ hour: 16, weekday: 1, month: 3, day: '2026-03-30' });
    expect(localTime(NOW, 'Pacific/Kiritimati')).toEqual({ hour: 13, weekday: 2, month: 3, day: '2026-03-31' }); // UTC+14
  });

  it('numbers Sunday 7 and crosses months and years in the zone', () => {
    const sundayNight = Date.UTC(2026, 0, 4, 23, 0); // Sunday 4 January, UTC
    expect(localTime(sundayNight, 'UTC').weekday).toBe(7);
    expect(localTime(Date.UTC(2025, 11, 31, 23, 0), 'Asia/Tokyo')).toEqual({
      hour: 8,
      weekday: 4,
      month: 1,
      day: '2026-01-01',
    });
  });

  it('accepts old zone names', () => {
    expect(localTime(NOW, 'Asia/Calcutta')).toEqual({ hour: 5, weekday: 2, month: 3, day: '2026-03-31' });
  });

  it('says 0, never 24, at midnight', () => {
    expect(localTime(Date.UTC(2026, 5, 1, 0, 0), 'UTC').hour).toBe(0);
  });

  it("falls back to the runtime's local time for an unknown or missing zone", () => {
    const d = new Date(NOW);
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const local = { hour: d.getHours(), weekday: d.getDay() || 7, month: d.getMonth() + 1, day };
    expect(localTime(NOW, 'Mars/Olympus_Mons')).toEqual(local);
    expect(localTime(NOW, null)).toEqual(local);
  });

  it('reads no clock of its own: a clock that is not one gives the epoch, the same on every call', () => {
    for (const now of [NaN, Infinity, -1e300])
      expect(localTime(now, 'UTC')).toEqual({ hour: 0, weekday: 4, month: 1, day: '1970-01-01' });
  });

  it('never throws on a hostile clock', () => {
    for (const now of [NaN, Infinity, -Infinity, 1e300, -1e300]) {
      const t = localTime(now, 'Europe/Oslo');
      expect(t.hour).toBeGreaterThanOrEqual(0);
      expect(t.weekday).toBeGreaterThanOrEqual(1);
    }
  });
});
