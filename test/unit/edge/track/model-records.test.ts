/**
 * What the beacon says for `p13n learn` and the report's intent bands: exposures carry the visitor's
 * score when the config has a model; with `collect: ["pageviews"]` each page view sends its features
 * (only what a model may read) and every purchase is sent, in a test or not.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toAttributes } from '../../../../src/core/attributes/from-profile.js';
import { classify } from '../../../../src/core/classify/index.js';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { decide } from '../../../../src/core/decide/rules.js';
import { LEVEL_FEATURES, NUMBER_FEATURES } from '../../../../src/core/model/features.js';
import type { Model } from '../../../../src/core/model/types.js';
import { newProfile, type Profile } from '../../../../src/core/profile/model.js';
import type { RuntimeState } from '../../../../src/app/runtime.js';
import type { ProfileSession } from '../../../../src/edge/storage/session.js';
import { createMeasurement } from '../../../../src/edge/track/measure.js';

const T = Date.parse('2026-11-02T10:00:00Z');
const MODEL: Model = {
  v: 1,
  b: -2,
  f: [
    { a: 'cart_value', l: 0.5 },
    { a: 'visits', l: 0.2 },
  ],
};

function pageState(options: { model?: boolean; collect?: boolean; consent?: boolean } = {}) {
  const parsed = parseConfig({
    endpoint: '/collect',
    ...(options.model === false ? {} : { models: { purchase: MODEL } }),
    ...(options.collect ? { collect: ['pageviews'] } : {}),
    slots: {
      hero: {
        rules: [
          {
            id: 'hero-test',
            variants: [
              { id: 'control', weight: 50, content: null },
              { id: 'welcome', weight: 50, content: { type: 'hero', heading: 'Hi' } },
            ],
          },
        ],
      },
    },
  });
  const compiled = compileConfig(parsed.config);
  let profile: Profile = {
    ...newProfile('visitor-1', T - 60_000),
    visits: 3,
    pageviews: 9,
    cartValue: 40,
    interest: { running: 2 },
    // Never sent: a model may not read them.
    source: {
      channel: 'Email',
      source: 'newsletter',
      medium: 'email',
      campaign: 'jane@example.com',
      content: null,
      term: null,
      referrerType: 'email',
      referrerHost: null,
    },
  };
  const facts = classify(
    {
      url: 'https://shop.example/collections/secret-path?email=jane@example.com',
      referrer: '',
      title: '',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      clientHints: null,
      maxTouchPoints: 5,
      language: 'en-US',
      timezone: 'Europe/Oslo',
      server: null,
      globalPrivacyControl: false,
    },
    { now: T, internalHosts: [], loggedIn: null },
  );
  const session = {
    current: () => profile,
    change: (change: (p: Profile) => Profile) => (profile = change(profile)),
    storeKind: () => 'indexeddb',
  } as unknown as ProfileSession;
  const attrs = toAttributes({
    profile,
    facts,
    tags: ['vip'],
    consent: true,
    now: T,
    model: parsed.config.models?.purchase,
  });
  return {
    compiled,
    session,
    evaluation: compiled.segments.evaluation(attrs),
    consent: options.consent ?? true,
    attrs,
    tags: ['vip'],
    facts,
    forcedSegments: new Set(),
    forcedVariants: new Map(),
    decisions: [],
  } as unknown as RuntimeState;
}

let sent: string[];
beforeEach(() => {
  delete (window as { dataLayer?: unknown }).dataLayer;
  sent = [];
  Object.defineProperty(window.navigator, 'sendBeacon', {
    configurable: true,
    value: vi.fn((_url: string, body: string) => (sent.push(body), true)),
  });
  // The beacon queue sends by keepalive fetch while the page is open (edge/track/beacon.ts).
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: { body: string }) => (sent.push(init.body), new Response(null, { status: 204 }))),
  );
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
});
afterEach(() => {
  delete (document as { visibilityState?: unknown }).visibilityState;
  vi.unstubAllGlobals();
});
const flush = () => document.dispatchEvent(new Event('visibilitychange'));
const records = () =>
  sent.flatMap((body) => body.trim().split('\n')).map((l) => JSON.parse(l) as Record<string, unknown>);
const exposeHero = (state: RuntimeState, measurement: ReturnType<typeof createMeasurement>) => {
  const [hero] = decide(state.compiled, state.evaluation, {
    visitorId: 'visitor-1',
    assignments: { 'hero-test@1': 'welcome' },
    canExperiment: true,
  }).decisions;
  measurement.exposed(hero!);
};

describe('exposures with a model', () => {
  it('carry the score to 4 decimals, in the record and in dataLayer', () => {
    const state = pageState();
    const score = state.attrs.predicted_purchase as number;
    expect(score).toBeGreaterThan(0);
    exposeHero(
      state,
      createMeasurement(
        window,
        () => state,
        () => T,
      ),
    );
    flush();
    expect(records()).toEqual([
      expect.objectContaining({ type: 'exposure', predicted_purchase: Math.round(score * 1e4) / 1e4 }),
    ]);
    const exposures = ((window as { dataLayer?: Array<{ event?: string }> }).dataLayer ?? []).filter(
      (e) => e.event === 'p13n_exposure',
    );
    expect(exposures).toEqual([
      expect.objectContaining({ event: 'p13n_exposure', p13n_predicted_purchase: Math.round(score * 1e4) / 1e4 }),
    ]);
  });

  it('carry no score without one', () => {
    const state = pageState({ model: false });
    exposeHero(
      state,
      createMeasurement(
        window,
        () => state,
        () => T,
      ),
    );
    flush();
    expect(records()[0]).not.toHaveProperty('predicted_purchase');
  });
});

describe('collect: ["pageviews"]', () => {
  it('sends one record per page view with only the attributes a model may read', () => {
    const state = pageState({ collect: true });
    createMeasurement(
      window,
      () => state,
      () => T,
    );
    flush();
    const [record] = records();
    expect(record).toMatchObject({ type: 'pageview', v: 1, ts: T, visitor: 'visitor-1' });
    const attributes = record!.attributes as Record<string, unknown>;
    expect(Object.keys(attributes).sort()).toEqual(
      [...NUMBER_FEATURES, ...LEVEL_FEATURES, 'interest', 'events'].sort(),
    );
    expect(attributes).toMatchObject({
      visits: 3,
      cart_value: 40,
      channel: 'Email',
      device: 'mobile',
      interest: { running: 2 },
    });
    const text = JSON.stringify(record);
    for (const secret of ['jane@example.com', 'secret-path', 'newsletter', 'vip']) expect(text).not.toContain(secret);
  });

  it('sends the next page view once it is counted and decided', async () => {
    const state = pageState({ collect: true });
    const measurement = createMeasurement(
      window,
      () => state,
      () => T,
    );
    measurement.newPage();
    state.attrs = { ...state.attrs, visit_pageviews: 2 };
    await Promise.resolve();
    flush();
    expect(records().filter((r) => r.type === 'pageview')).toHaveLength(2);
    expect((records()[1]!.attributes as Record<string, unknown>).visit_pageviews).toBe(2);
  });

  it('sends purchases of visitors in no test, so learn can label their page views', () => {
    const state = pageState({ collect: true });
    createMeasurement(
      window,
      () => state,
      () => T,
    ).purchased({ value: 80, transactionId: 'T1' });
    flush();
    expect(records().map((r) => r.type)).toEqual(['pageview', 'conversion']);
    expect(records()[1]).toMatchObject({ value: 80, transaction_id: 'T1', assignments: {} });
  });

  it('sends nothing without consent, and nothing at all unless asked', () => {
    const refused = pageState({ collect: true, consent: false });
    createMeasurement(
      window,
      () => refused,
      () => T,
    ).purchased({ value: 80 });
    const plain = pageState();
    createMeasurement(
      window,
      () => plain,
      () => T,
    ).purchased({ value: 80 });
    flush();
    expect(records()).toEqual([]);
  });
});
