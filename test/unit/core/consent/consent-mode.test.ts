// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { consentCommand, consentModeDefault } from '../../../../src/core/consent/consent-mode.js';

/** What `gtag(...)` pushes: its `arguments` object. */
function gtag(..._args: unknown[]): IArguments {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
}

describe('consentCommand()', () => {
  it('reads personalization_storage from gtag arguments and from plain arrays', () => {
    expect(
      consentCommand(gtag('consent', 'update', { personalization_storage: 'granted', analytics_storage: 'denied' })),
    ).toEqual({ kind: 'update', granted: true, regions: null });
    expect(consentCommand(['consent', 'default', { personalization_storage: 'denied' }])).toEqual({
      kind: 'default',
      granted: false,
      regions: null,
    });
  });

  it('falls back to analytics_storage when a banner sends only the four Google Ads types', () => {
    expect(
      consentCommand(
        gtag('consent', 'update', {
          ad_storage: 'granted',
          ad_user_data: 'granted',
          ad_personalization: 'granted',
          analytics_storage: 'denied',
        }),
      ),
    ).toMatchObject({ granted: false });
  });

  it('says nothing for commands about other types, other commands and junk', () => {
    for (const entry of [
      gtag('consent', 'update', { ad_storage: 'denied' }),
      gtag('consent', 'update', { analytics_storage: 'maybe' }),
      gtag('event', 'purchase', { value: 1 }),
      gtag('consent', 'reset', { analytics_storage: 'denied' }),
      { event: 'gtm.js' },
      null,
      'consent',
      ['consent', 'update'],
      { length: 3, 0: 'consent', 1: 'update', 2: null },
    ])
      expect(consentCommand(entry)).toBeNull();
  });

  it("keeps a default's regions, upper case", () => {
    expect(
      consentCommand(gtag('consent', 'default', { analytics_storage: 'denied', region: ['no', 'SE', 7, 'US-CA'] })),
    ).toEqual({ kind: 'default', granted: false, regions: ['NO', 'SE', 'US-CA'] });
  });

  it('survives a hostile entry', () => {
    const hostile = new Proxy([], {
      get() {
        throw new Error('no');
      },
    });
    expect(consentCommand(hostile)).toBeNull();
  });
});

describe('consentModeDefault()', () => {
  const global = (granted: boolean) => ({ kind: 'default' as const, granted, regions: null });
  const regional = (granted: boolean, regions: string[]) => ({ kind: 'default' as const, granted, regions });

  it("prefers a default for the visitor's region over a global one, in either order", () => {
    expect(consentModeDefault([regional(false, ['NO', 'SE']), global(true)], 'NO')).toBe(false);
    expect(consentModeDefault([global(true), regional(false, ['NO'])], 'NO')).toBe(false);
    expect(consentModeDefault([regional(false, ['NO']), global(true)], 'US')).toBe(true);
  });

  it('takes the later of two equally specific defaults, and none when none applies', () => {
    expect(consentModeDefault([global(false), global(true)], null)).toBe(true);
    expect(consentModeDefault([regional(false, ['NO'])], null)).toBeNull();
    expect(consentModeDefault([regional(false, ['US-CA'])], 'US')).toBeNull();
  });
});
