/**
 * A time-limited rule through boot (README "Config reference", `from` / `until`): with the page's
 * clock moved, the same page shows the default before the window, the offer inside it, and the
 * default again after it; `date` follows the same clock.
 */
import { describe, expect, it } from 'vitest';
import { durableStore, load } from './page-load.js';

const FROM = '2026-11-27T00:00:00+01:00';
const UNTIL = '2026-12-01T00:00:00+01:00';
const config = {
  timezone: 'Europe/Oslo',
  slots: {
    hero: {
      rules: [
        { id: 'black-friday', from: FROM, until: UNTIL, content: { type: 'hero', heading: 'Black Friday: {{date}}' } },
      ],
    },
  },
};
const body = '<section data-p13n-slot="hero"><h1>Default hero</h1></section>';

describe('a rule with from / until', () => {
  it('switches on at from and off at until, as the clock moves', async () => {
    const store = durableStore();
    const heroAt = async (instant: string) => {
      const page = await load({ config, body, store, now: Date.parse(instant) });
      expect(page.warnings).toEqual([]);
      return page;
    };

    expect((await heroAt('2026-11-26T22:59:59Z')).text('[data-p13n-slot="hero"]')).toBe('Default hero'); // 23:59:59 in Oslo
    expect((await heroAt('2026-11-26T23:00:00Z')).text('[data-p13n-slot="hero"]')).toBe('Black Friday: 2026-11-27');
    expect((await heroAt('2026-11-30T22:59:59Z')).text('[data-p13n-slot="hero"]')).toBe('Black Friday: 2026-11-30');
    const after = await heroAt('2026-11-30T23:00:00Z');
    expect(after.text('[data-p13n-slot="hero"]')).toBe('Default hero');
    expect(after.api.decisions()[0]).toMatchObject({
      rule: null,
      reason: "no rule matched; rule 'black-friday' is scheduled: ended 1 minute ago",
    });
  });
});
