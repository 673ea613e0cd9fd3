/**
 * Expensive facts are computed only when read: a page's first Intl call (the time zone) and the
 * user-agent parse behind device, os and browser. Reading them gives what eager code gave.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classify, classifyWith } from '../../../../src/core/classify/index.js';
import { uaFacts } from '../../../../src/core/classify/device.js';
import { countryForZone } from '../../../../src/core/classify/location.js';
import { hemisphereOf } from '../../../../src/core/classify/season.js';
import { classifySource } from '../../../../src/core/classify/source.js';
import type { ClassifyOptions } from '../../../../src/core/classify/facts.js';
import type { PageContext } from '../../../../src/core/classify/context.js';
import { readPageContext, readTimeZone } from '../../../../src/edge/page/context.js';
import { newProfile } from '../../../../src/core/profile/model.js';
import { toAttributes } from '../../../../src/core/attributes/from-profile.js';

/** The user-agent parse behind device, os and browser, counted: the classifiers' `ua` part, given as the shopper's script gives it. */
const parses = { count: 0 };
const countingParse: typeof uaFacts = (...args) => {
  parses.count++;
  return uaFacts(...args);
};
const classifyCounting = (context: PageContext, options: ClassifyOptions) =>
  classifyWith(
    context,
    options,
    { ua: countingParse, tz: { countryForZone, hemisphereOf }, sources: classifySource },
    () => undefined,
  );

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ctx: PageContext = {
  url: 'https://shop.example/',
  referrer: '',
  title: '',
  userAgent: IPHONE,
  clientHints: null,
  maxTouchPoints: 5,
  language: 'nb-NO',
  timezone: 'Europe/Oslo',
  server: null,
  globalPrivacyControl: false,
};
const NOW = Date.UTC(2026, 2, 30, 10, 0);

afterEach(() => {
  vi.restoreAllMocks();
  parses.count = 0;
});

describe('lazy facts', () => {
  it('parses the user agent only when device, os or browser is read, and once', () => {
    const facts = classifyCounting(ctx, { now: NOW, internalHosts: [], loggedIn: null });
    expect(facts.device.bot).toBe(false);
    expect(parses.count).toBe(0);
    expect(facts.device.device).toBe('mobile');
    expect([facts.device.os, facts.device.browser]).toEqual(['ios', 'safari']);
    expect(parses.count).toBe(1);
  });

  it('keeps attributes lazy too, and complete when copied', () => {
    const attrs = toAttributes({
      profile: newProfile('v', NOW),
      facts: classifyCounting(ctx, { now: NOW, internalHosts: [], loggedIn: null }),
      tags: null,
      consent: true,
      now: NOW,
    });
    expect(attrs.bot).toBe(false);
    expect(parses.count).toBe(0);
    expect(JSON.parse(JSON.stringify(attrs))).toMatchObject({
      device: 'mobile',
      os: 'ios',
      country: 'NO',
      timezone: 'Europe/Oslo',
      hour: 12,
      weekday: 1,
      month: 3,
    });
    expect(parses.count).toBe(1);
  });

  it('asks Intl for the time zone only when it is read, and the local time never needs it in the browser’s own zone', () => {
    const zone = vi.spyOn(Intl, 'DateTimeFormat');
    const page = readPageContext(window, { country: 'SE' });
    const facts = classify(page, { now: Date.now(), internalHosts: [], loggedIn: null });
    const local = new Date();
    expect(facts.time).toMatchObject({ hour: local.getHours(), month: local.getMonth() + 1 });
    expect(facts.location.country).toBe('SE'); // the server's country: no zone needed
    expect(zone).not.toHaveBeenCalled();
    expect(facts.location.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(zone).toHaveBeenCalledTimes(2); // once by the fact, once by this test
    expect(page.timezone).toBe(facts.location.timezone);
    expect(zone).toHaveBeenCalledTimes(2); // read once, kept
  });

  it('asks Temporal for the time zone where the browser has it, and never builds an Intl formatter then', () => {
    const zone = vi.spyOn(Intl, 'DateTimeFormat');
    const withTemporal = Object.assign(Object.create(window), {
      Temporal: { Now: { timeZoneId: () => 'America/Sao_Paulo' } },
    }) as Window;
    expect(readTimeZone(withTemporal)).toBe('America/Sao_Paulo');
    expect(zone).not.toHaveBeenCalled();
    const broken = Object.assign(Object.create(window), { Temporal: { Now: { timeZoneId: () => '' } } }) as Window;
    expect(readTimeZone(broken)).toBeNull();
    expect(readTimeZone(window)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
