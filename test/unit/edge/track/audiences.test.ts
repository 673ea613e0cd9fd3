/**
 * Segments for ad audiences: the GA4 user property `p13n_segments` on each page view with consent
 * (gtag.js or the dataLayer, as the site has it), Shopify's customer event, and nothing at all
 * without consent, for a bot, or for a preview.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeasuredState } from '../../../../src/edge/track/measure.js';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { newProfile } from '../../../../src/core/profile/model.js';
import { audienceValue, USER_PROPERTY_MAX } from '../../../../src/core/track/audiences.js';
import type { ProfileSession } from '../../../../src/edge/storage/session.js';
import { createMeasurement } from '../../../../src/edge/track/measure.js';

type Win = Window & { dataLayer?: unknown[]; gtag?: unknown; Shopify?: unknown };

function pageState(options: { consent?: boolean; bot?: boolean; forced?: boolean } = {}) {
  const compiled = compileConfig(
    parseConfig({
      segments: { returning: 'visits >= 2', big_spender: 'total_spent >= 200', lapsed: 'visits >= 99' },
      slots: {},
    }).config,
  );
  const profile = newProfile('visitor-1', 0);
  return {
    compiled,
    session: { current: () => profile, storeKind: () => 'indexeddb' } as unknown as ProfileSession,
    evaluation: compiled.segments.evaluation({ visits: 3, total_spent: 250 }),
    consent: options.consent ?? true,
    facts: { device: { bot: options.bot ?? false } },
    forcedSegments: new Set(options.forced ? ['returning'] : []),
    forcedVariants: new Map(),
  } as unknown as MeasuredState;
}

const pushes = () =>
  ((window as Win).dataLayer ?? []).filter((e) => (e as { event?: string }).event === 'p13n_segments');

beforeEach(() => {
  delete (window as Win).dataLayer;
  delete (window as Win).gtag;
  delete (window as Win).Shopify;
});
afterEach(() => vi.restoreAllMocks());

describe('audienceValue()', () => {
  it('sorts the names and joins them with commas', () => {
    expect(audienceValue(['returning', 'big_spender', 'mobile'])).toEqual({
      value: 'big_spender,mobile,returning',
      left: [],
    });
  });

  it(`keeps within GA4's ${USER_PROPERTY_MAX} characters: a name that would pass them is left out, shorter later ones still go in`, () => {
    const { value, left } = audienceValue([
      'aaaaaaaaaa',
      'bbbbbbbbbb',
      'cccccccccccccccc',
      'dd',
      'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee',
    ]);
    expect(value).toBe('aaaaaaaaaa,bbbbbbbbbb,dd');
    expect(value.length).toBeLessThanOrEqual(USER_PROPERTY_MAX);
    expect(left).toEqual(['cccccccccccccccc', 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee']);
  });

  it('says (none) for a visitor in no segment, so an old value does not stay', () => {
    expect(audienceValue([]).value).toBe('(none)');
  });
});

describe('the p13n_segments user property', () => {
  it('is pushed to the dataLayer on a page view with consent, for a GA4 tag in Google Tag Manager', () => {
    createMeasurement(window, () => pageState());
    expect(pushes()).toEqual([{ event: 'p13n_segments', p13n_segments: 'big_spender,returning' }]);
  });

  it("is set with gtag('set', 'user_properties', …) where gtag.js is installed", () => {
    const gtag = vi.fn();
    (window as Win).gtag = gtag;
    createMeasurement(window, () => pageState());
    expect(gtag).toHaveBeenCalledWith('set', 'user_properties', { p13n_segments: 'big_spender,returning' });
    expect(pushes()).toEqual([]);
  });

  it("is published on Shopify as the customer event 'p13n_segments'", () => {
    const publish = vi.fn();
    (window as Win).Shopify = { analytics: { publish } };
    createMeasurement(window, () => pageState());
    expect(publish).toHaveBeenCalledWith('p13n_segments', {
      segments: ['big_spender', 'returning'],
      value: 'big_spender,returning',
    });
  });

  it.each([
    ['without consent (pending, refused, or Global Privacy Control)', { consent: false }],
    ['for a bot', { bot: true }],
    ['for a tab previewing forced segments', { forced: true }],
  ])('is never sent %s', (_, options) => {
    const gtag = vi.fn();
    const publish = vi.fn();
    (window as Win).Shopify = { analytics: { publish } };
    createMeasurement(window, () => pageState(options));
    expect(pushes()).toEqual([]);
    (window as Win).gtag = gtag;
    createMeasurement(window, () => pageState(options));
    expect(gtag).not.toHaveBeenCalled();
    expect(publish).not.toHaveBeenCalled();
  });

  it('is sent once per page view: again after a route change, and when consent comes later', async () => {
    let state = pageState({ consent: false });
    const measurement = createMeasurement(window, () => state);
    expect(pushes()).toEqual([]);
    state = pageState();
    document.dispatchEvent(new CustomEvent('p13n:consent', { detail: { state: 'granted', reason: 'test' } }));
    expect(pushes()).toHaveLength(1);
    measurement.exposed({
      slot: 'x',
      selector: '',
      rule: null,
      variant: null,
      content: null,
      experiment: null,
      reason: '',
    });
    expect(pushes()).toHaveLength(1);
    measurement.newPage();
    await Promise.resolve();
    expect(pushes()).toHaveLength(2);
  });

  it('is cleared when consent is withdrawn', () => {
    const gtag = vi.fn();
    (window as Win).gtag = gtag;
    const measurement = createMeasurement(window, () => pageState());
    measurement.consentWithdrawn();
    expect(gtag).toHaveBeenLastCalledWith('set', 'user_properties', { p13n_segments: null });
  });
});
