// @vitest-environment node
// Pure code: no DOM globals needed (documents come from happy-dom's Window where a test needs one).
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyLocation, countryForZone } from '../../../../src/core/classify/location.js';
import { TZ_COUNTRIES } from '../../../../src/core/classify/tz-countries.js';
import type { PageContext } from '../../../../src/edge/page/context.js';

const ctx = (over: Partial<PageContext>): PageContext => ({
  url: 'https://shop.example/',
  referrer: '',
  title: '',
  userAgent: '',
  clientHints: null,
  maxTouchPoints: 0,
  language: 'en-US',
  timezone: null,
  server: null,
  globalPrivacyControl: false,
  ...over,
});

describe('countryForZone()', () => {
  it.each([
    ['Europe/Oslo', 'NO'],
    ['Europe/Stockholm', 'SE'],
    ['America/New_York', 'US'],
    ['America/Toronto', 'CA'],
    ['America/Sao_Paulo', 'BR'],
    ['America/Argentina/Buenos_Aires', 'AR'],
    ['America/Indiana/Knox', 'US'],
    ['America/Kentucky/Louisville', 'US'],
    ['America/North_Dakota/Beulah', 'US'],
    ['Asia/Kolkata', 'IN'],
    ['Asia/Tokyo', 'JP'],
    ['Asia/Shanghai', 'CN'],
    ['Asia/Yekaterinburg', 'RU'],
    ['Europe/Moscow', 'RU'],
    ['Australia/Sydney', 'AU'],
    ['Pacific/Auckland', 'NZ'],
    ['Africa/Lagos', 'NG'],
    ['Africa/Johannesburg', 'ZA'],
    ['Antarctica/Macquarie', 'AU'],
    ['Antarctica/Troll', 'AQ'],
    ['Arctic/Longyearbyen', 'SJ'],
    ['Atlantic/Reykjavik', 'IS'],
    ['Europe/Busingen', 'DE'],
    ['Europe/Vatican', 'VA'],
    ['Europe/San_Marino', 'SM'],
    ['Europe/Bratislava', 'SK'],
    ['Asia/Macau', 'MO'],
    ['Asia/Macao', 'MO'],
    ['America/Ciudad_Juarez', 'MX'],
    ['America/Port_of_Spain', 'TT'],
    ['America/Porto_Velho', 'BR'],
    ['America/Port-au-Prince', 'HT'],
    ['Indian/Reunion', 'RE'],
    ['Pacific/Kanton', 'KI'],
  ])('maps %s to %s', (zone, country) => expect(countryForZone(zone)).toBe(country));

  it.each([
    // Old names browsers still report (ICU keeps them as canonical ids).
    ['Asia/Calcutta', 'IN'],
    ['Europe/Kiev', 'UA'],
    ['Asia/Saigon', 'VN'],
    ['Asia/Katmandu', 'NP'],
    ['Asia/Rangoon', 'MM'],
    ['Atlantic/Faeroe', 'FO'],
    ['America/Godthab', 'GL'],
    ['America/Buenos_Aires', 'AR'],
    ['America/Indianapolis', 'US'],
    ['Pacific/Truk', 'FM'],
    ['Pacific/Ponape', 'FM'],
    ['America/Coral_Harbour', 'CA'],
    ['Africa/Asmera', 'ER'],
    ['Asia/Istanbul', 'TR'],
    ['Europe/Nicosia', 'CY'],
    ['Asia/Ulan_Bator', 'MN'],
    ['Europe/Uzhgorod', 'UA'],
    // Backward names.
    ['US/Eastern', 'US'],
    ['US/Pacific', 'US'],
    ['US/Hawaii', 'US'],
    ['US/Samoa', 'AS'],
    ['Canada/Atlantic', 'CA'],
    ['Brazil/East', 'BR'],
    ['Mexico/General', 'MX'],
    ['Chile/EasterIsland', 'CL'],
    ['Australia/ACT', 'AU'],
    ['GB', 'GB'],
    ['GB-Eire', 'GB'],
    ['Eire', 'IE'],
    ['Iceland', 'IS'],
    ['Japan', 'JP'],
    ['PRC', 'CN'],
    ['ROC', 'TW'],
    ['ROK', 'KR'],
    ['NZ', 'NZ'],
    ['W-SU', 'RU'],
    ['Navajo', 'US'],
    ['Europe/Belfast', 'GB'],
  ])('maps the link %s to %s', (zone, country) => expect(countryForZone(zone)).toBe(country));

  it.each([
    'UTC',
    'Etc/UTC',
    'Etc/GMT',
    'Etc/GMT+5',
    'GMT',
    'Universal',
    'Zulu',
    'CET',
    'EST',
    'EST5EDT',
    'PST8PDT',
    'MST',
    'WET',
    '',
    'Mars/Olympus',
    'Europe',
  ])('has no country for %j', (zone) => expect(countryForZone(zone)).toBeNull());

  it('gives every zone this runtime knows (Intl.supportedValuesOf) a country', () => {
    const zones = Intl.supportedValuesOf('timeZone').filter((z) => !/^(Etc\/|UTC$)/.test(z));
    expect(zones.filter((zone) => countryForZone(zone) === null)).toEqual([]);
  });

  // The generated table must match the tzdata it was generated from; skipped elsewhere.
  const zoneTab = '/usr/share/zoneinfo/zone.tab';
  const version = existsSync('/usr/share/zoneinfo/tzdata.zi')
    ? /^# version (\S+)/m.exec(readFileSync('/usr/share/zoneinfo/tzdata.zi', 'utf8'))?.[1]
    : undefined;
  const generatedFrom = /\(tzdata (\S+)\)/.exec(
    readFileSync(join(import.meta.dirname, '../../../../src/core/classify/tz-countries.ts'), 'utf8'),
  )?.[1];
  it.skipIf(!existsSync(zoneTab) || version !== generatedFrom)('maps every zone of zone.tab to its country', () => {
    const wrong: string[] = [];
    for (const line of readFileSync(zoneTab, 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [country, , zone] = line.split('\t');
      if (countryForZone(zone!) !== country) wrong.push(`${zone} → ${countryForZone(zone!)}, want ${country}`);
    }
    expect(wrong).toEqual([]);
  });

  it('stays small: the table is under 2 KB gzipped', async () => {
    const { gzipSync } = await import('node:zlib');
    expect(gzipSync(TZ_COUNTRIES).length).toBeLessThan(2048);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (zone) => {
        const country = countryForZone(zone as string);
        expect(country === null || /^[A-Z]{2}$/.test(country)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('classifyLocation()', () => {
  it('takes the country from the server context first, upper-cased', () => {
    expect(classifyLocation(ctx({ server: { country: 'no' }, timezone: 'America/New_York' })).country).toBe('NO');
  });

  it('falls back to the time zone when the server country is missing or not two letters', () => {
    expect(classifyLocation(ctx({ timezone: 'Europe/Oslo' })).country).toBe('NO');
    expect(classifyLocation(ctx({ server: { country: 'Norway' }, timezone: 'Europe/Stockholm' })).country).toBe('SE');
    expect(classifyLocation(ctx({ server: { country: 'XX' }, timezone: 'Europe/Stockholm' })).country).toBe('SE');
    expect(classifyLocation(ctx({ server: { country: 42 } as never, timezone: 'UTC' })).country).toBeNull();
  });

  it('keeps the time zone and the primary language subtag, lower case', () => {
    expect(classifyLocation(ctx({ timezone: 'Europe/Oslo', language: 'nb-NO' }))).toEqual({
      country: 'NO',
      timezone: 'Europe/Oslo',
      language: 'nb',
      hemisphere: 'north',
      ownZone: false,
    });
    expect(classifyLocation(ctx({ language: 'EN' })).language).toBe('en');
    expect(classifyLocation(ctx({ language: 'zh_Hant_TW' })).language).toBe('zh');
    expect(classifyLocation(ctx({ language: 'fil-PH' })).language).toBe('fil');
    expect(classifyLocation(ctx({ language: '' })).language).toBeNull();
    expect(classifyLocation(ctx({ language: '*' })).language).toBeNull();
  });

  it('never throws on a hostile context', () => {
    expect(() => classifyLocation(null as never)).not.toThrow();
    expect(classifyLocation(ctx({ timezone: 'x'.repeat(100_000), language: 7 as never }))).toMatchObject({
      country: null,
      language: null,
    });
  });
});
