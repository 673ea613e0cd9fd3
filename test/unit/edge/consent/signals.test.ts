import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsentSignals, type ConsentSignals } from '../../../../src/edge/consent/signals.js';

type TestWindow = Window & { dataLayer?: unknown[]; Shopify?: unknown };
const w = window as TestWindow;
const config = {};
const eu = { country: 'DE', gpc: false };
let signals: ConsentSignals | undefined;

afterEach(() => {
  signals?.stop();
  delete w.dataLayer;
  delete w.Shopify;
  vi.useRealTimers();
});

function gtag(..._args: unknown[]): IArguments {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
}

describe('createConsentSignals()', () => {
  it('reads Consent Mode commands pushed before the script ran, in order', () => {
    w.dataLayer = [
      gtag('consent', 'default', { analytics_storage: 'denied' }),
      gtag('consent', 'update', { analytics_storage: 'granted' }),
    ];
    signals = createConsentSignals(window, () => undefined, { polls: 0 });
    expect(signals.resolve(config, eu)).toEqual({ state: 'granted', reason: 'Google Consent Mode update: granted' });
  });

  it('hears a later push once, even when the watcher replays the whole array', () => {
    const onChange = vi.fn();
    const update = gtag('consent', 'update', { personalization_storage: 'denied' });
    signals = createConsentSignals(window, onChange, { polls: 0 });
    signals.dataLayerEntry(update);
    signals.choose(true, 'p13n.consent()');
    signals.dataLayerEntry(update); // replayed: must not undo the later choice
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(signals.resolve(config, eu).state).toBe('granted');
  });

  it("reads Shopify's API at load, and its visitorConsentCollected event later", () => {
    w.Shopify = { customerPrivacy: { preferencesProcessingAllowed: () => false } };
    const onChange = vi.fn();
    signals = createConsentSignals(window, onChange, { polls: 0 });
    expect(signals.resolve({ consent: 'implied' }, eu).state).toBe('pending');
    document.dispatchEvent(
      new CustomEvent('visitorConsentCollected', { detail: { preferencesAllowed: true, analyticsAllowed: false } }),
    );
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(signals.resolve(config, eu)).toEqual({
      state: 'granted',
      reason: 'Shopify visitorConsentCollected: granted',
    });
    document.dispatchEvent(new CustomEvent('visitorConsentCollected', { detail: { marketingAllowed: true } }));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('polls a bounded number of times for the API, which Shopify loads asynchronously', () => {
    vi.useFakeTimers();
    const onChange = vi.fn();
    signals = createConsentSignals(window, onChange, { pollMs: 100, polls: 5 });
    vi.advanceTimersByTime(250);
    w.Shopify = { customerPrivacy: { preferencesProcessingAllowed: () => true } };
    vi.advanceTimersByTime(100);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(signals.resolve(config, eu).state).toBe('granted');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops polling after the last try', () => {
    vi.useFakeTimers();
    signals = createConsentSignals(window, () => undefined, { pollMs: 100, polls: 3 });
    vi.advanceTimersByTime(1000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('survives an API that throws and a hostile dataLayer', () => {
    w.Shopify = {
      customerPrivacy: {
        preferencesProcessingAllowed: () => {
          throw new Error('not ready');
        },
      },
    };
    Object.defineProperty(window, 'dataLayer', {
      configurable: true,
      get() {
        throw new Error('no');
      },
    });
    signals = createConsentSignals(
      window,
      () => {
        throw new Error('listener');
      },
      { polls: 0 },
    );
    expect(signals.resolve(config, { country: 'US', gpc: false }).state).toBe('granted');
    signals.choose(false, 'p13n.consent()');
    expect(() =>
      document.dispatchEvent(new CustomEvent('visitorConsentCollected', { detail: { preferencesAllowed: true } })),
    ).not.toThrow();
    delete (window as TestWindow).dataLayer;
  });
});
