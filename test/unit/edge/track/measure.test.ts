/**
 * Exposure and conversion events, from a page state built by hand: what reaches dataLayer, the
 * CustomEvents and the beacon, and when nothing may.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { decide, type Decision } from '../../../../src/core/decide/rules.js';
import { newProfile, type Profile } from '../../../../src/core/profile/model.js';
import type { ProfileSession } from '../../../../src/edge/storage/session.js';
import type { MeasuredState } from '../../../../src/edge/track/measure.js';
import { createMeasurement } from '../../../../src/edge/track/measure.js';

const T = Date.parse('2026-11-02T10:00:00Z');

function pageState(
  options: {
    endpoint?: string;
    consent?: boolean;
    bot?: boolean;
    storeKind?: 'indexeddb' | 'memory';
    assignments?: Record<string, string>;
    holdout?: { percent: number; id: string };
  } = {},
) {
  const parsed = parseConfig({
    segments: { returning: 'visits >= 2', everyone: 'visits >= 0' },
    slots: {
      hero: {
        rules: [
          {
            id: 'hero-test',
            when: 'returning',
            variants: [
              { id: 'control', weight: 50, content: null },
              { id: 'welcome', weight: 50, content: { type: 'hero', heading: 'Hi' } },
            ],
          },
        ],
      },
      banner: { rules: [{ id: 'banner-plain', content: { type: 'hide' } }] },
    },
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.holdout ? { holdout: options.holdout } : {}),
  });
  const compiled = compileConfig(parsed.config);
  let profile: Profile = { ...newProfile('visitor-1', T), visits: 3, assignments: options.assignments ?? {} };
  const session = {
    current: () => profile,
    change: (change: (p: Profile) => Profile) => (profile = change(profile)),
    storeKind: () => options.storeKind ?? 'indexeddb',
  } as unknown as ProfileSession;
  const evaluation = compiled.segments.evaluation({ visits: 3 });
  const state = {
    compiled,
    session,
    evaluation,
    consent: options.consent ?? true,
    attrs: { visits: 3 },
    tags: null,
    facts: { device: { bot: options.bot ?? false } },
    forcedSegments: new Set(),
    forcedVariants: new Map(),
    decisions: [],
  } as unknown as PageState;
  return state;
}

/** What the test keeps of a page: what measurement reads, and a session it can change. */
type PageState = MeasuredState & { readonly session: Pick<ProfileSession, 'current' | 'storeKind' | 'change'> };

function decisionsFor(state: PageState, variant: string | null = null): Decision[] {
  const assignments = variant ? { 'hero-test@1': variant } : state.session.current().assignments;
  const result = decide(state.compiled, state.evaluation, {
    visitorId: 'visitor-1',
    assignments,
    canExperiment: true,
    forcedVariants: state.forcedVariants,
  });
  state.session.change((p) => ({ ...p, assignments: { ...p.assignments, ...result.newAssignments, ...assignments } }));
  return [...result.decisions];
}

type Win = Window & { dataLayer?: unknown[] };
let sent: Array<{ url: string; body: string }>;
const events: Array<{ type: string; detail: unknown }> = [];
const listen = (e: Event) => events.push({ type: e.type, detail: (e as CustomEvent).detail });

beforeEach(() => {
  delete (window as Win).dataLayer;
  sent = [];
  events.length = 0;
  Object.defineProperty(window.navigator, 'sendBeacon', {
    configurable: true,
    value: vi.fn((url: string, body: string) => (sent.push({ url, body }), true)),
  });
  // Batches sent while the page is shown go by keepalive fetch (edge/track/beacon.ts).
  vi.spyOn(window, 'fetch').mockImplementation((url, init) => {
    sent.push({ url: String(url), body: String(init?.body) });
    return Promise.resolve(new Response(null, { status: 204 }));
  });
  document.addEventListener('p13n:exposure', listen);
  document.addEventListener('p13n:conversion', listen);
});
afterEach(() => {
  vi.restoreAllMocks();
  document.removeEventListener('p13n:exposure', listen);
  document.removeEventListener('p13n:conversion', listen);
});

/** The A/B events in dataLayer (the audience user property, set on every page view, is tested in audiences.test.ts). */
const abEvents = () => (window as Win).dataLayer?.filter((e) => (e as { event?: unknown }).event !== 'p13n_segments');

const hide = () => document.dispatchEvent(Object.assign(new Event('visibilitychange')));
const beaconLines = () =>
  sent.flatMap((s) => s.body.trim().split('\n')).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('exposure', () => {
  it('pushes a flat p13n_exposure to dataLayer, fires p13n:exposure and queues a beacon record', () => {
    const state = pageState({ endpoint: '/collect' });
    const measurement = createMeasurement(
      window,
      () => state,
      () => T,
    );
    const hero = decisionsFor(state, 'welcome').find((d) => d.slot === 'hero')!;
    measurement.exposed(hero);

    expect(abEvents()).toEqual([
      {
        event: 'p13n_exposure',
        p13n_test: 'hero-test@1',
        p13n_rule: 'hero-test',
        p13n_variant: 'welcome',
        p13n_slot: 'hero',
        p13n_segment: 'returning',
        p13n_segments: 'returning,everyone',
        p13n_control: 'control',
        p13n_weights: 'control:50,welcome:50',
      },
    ]);
    const record = {
      type: 'exposure',
      v: 1,
      ts: T,
      visitor: 'visitor-1',
      test: 'hero-test@1',
      rule: 'hero-test',
      version: 1,
      variant: 'welcome',
      control: 'control',
      weights: { control: 50, welcome: 50 },
      traffic: 100,
      slot: 'hero',
      when: 'returning',
      segments: ['returning', 'everyone'],
      weights_version: 1,
    };
    expect(events).toEqual([{ type: 'p13n:exposure', detail: record }]);
    expect(sent).toEqual([]); // batched until the page is hidden
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    hide();
    delete (document as { visibilityState?: unknown }).visibilityState;
    expect(sent.map((s) => s.url)).toEqual(['/collect']);
    expect(beaconLines()).toEqual([record]);
  });

  it('counts the control (content null) as an exposure', () => {
    const state = pageState();
    createMeasurement(
      window,
      () => state,
      () => T,
    ).exposed(decisionsFor(state, 'control').find((d) => d.slot === 'hero')!);
    expect(abEvents()).toMatchObject([{ event: 'p13n_exposure', p13n_variant: 'control' }]);
  });

  it('reports a test once per page view, and again after a new page view', () => {
    const state = pageState();
    const measurement = createMeasurement(
      window,
      () => state,
      () => T,
    );
    const hero = decisionsFor(state, 'welcome').find((d) => d.slot === 'hero')!;
    measurement.exposed(hero);
    measurement.exposed(hero);
    expect(events).toHaveLength(1);
    measurement.newPage();
    measurement.exposed(hero);
    expect(events).toHaveLength(2);
  });

  it('ignores plain personalization rules (no control to compare with)', () => {
    const state = pageState();
    createMeasurement(
      window,
      () => state,
      () => T,
    ).exposed(decisionsFor(state).find((d) => d.slot === 'banner')!);
    expect(events).toEqual([]);
    expect(abEvents() ?? []).toEqual([]);
  });

  it.each([
    ['without storage consent', { consent: false }],
    ['for a bot', { bot: true }],
    ['when the profile cannot be stored', { storeKind: 'memory' as const }],
  ])('reports nothing %s', (_, options) => {
    const state = pageState({ endpoint: '/collect', ...options });
    const measurement = createMeasurement(
      window,
      () => state,
      () => T,
    );
    measurement.exposed(decisionsFor(state, 'welcome').find((d) => d.slot === 'hero')!);
    measurement.purchased({ value: 10 });
    measurement.newPage(); // flushes the queue
    expect(events).toEqual([]);
    expect(abEvents() ?? []).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('reports nothing for a variant forced by preview', () => {
    const state = pageState();
    (state as { forcedVariants: ReadonlyMap<string, string> }).forcedVariants = new Map([['hero-test', 'welcome']]);
    const measurement = createMeasurement(
      window,
      () => state,
      () => T,
    );
    const hero = decisionsFor(state).find((d) => d.slot === 'hero')!;
    expect(hero.experiment).toEqual({ key: 'hero-test@1', counted: false });
    measurement.exposed(hero);
    expect(events).toEqual([]);
  });

  it('drops queued records when consent is withdrawn', () => {
    const state = pageState({ endpoint: '/collect' });
    const measurement = createMeasurement(
      window,
      () => state,
      () => T,
    );
    measurement.exposed(decisionsFor(state, 'welcome').find((d) => d.slot === 'hero')!);
    measurement.consentWithdrawn();
    measurement.newPage();
    expect(sent).toEqual([]);
  });
});

describe('conversion', () => {
  it('carries the active assignments, value, currency and transaction id everywhere', () => {
    const state = pageState({
      endpoint: 'https://collect.example/p13n',
      assignments: { 'hero-test@1': 'welcome', 'old-test@1': 'b', 'hero-test@0': 'x' },
    });
    const measurement = createMeasurement(
      window,
      () => state,
      () => T + 5,
    );
    measurement.purchased({ value: 129.5, currency: 'usd', transactionId: 'T-1' });
    const record = {
      type: 'conversion',
      v: 1,
      ts: T + 5,
      visitor: 'visitor-1',
      event: 'purchase',
      value: 129.5,
      currency: 'USD',
      transaction_id: 'T-1',
      assignments: { 'hero-test@1': 'welcome' },
    };
    expect(events).toEqual([{ type: 'p13n:conversion', detail: record }]);
    expect(abEvents()).toEqual([
      {
        event: 'p13n_conversion',
        p13n_test: 'hero-test@1',
        p13n_rule: 'hero-test',
        p13n_variant: 'welcome',
        p13n_value: 129.5,
        p13n_currency: 'USD',
        p13n_transaction_id: 'T-1',
      },
    ]);
    window.dispatchEvent(new Event('pagehide'));
    expect(sent.map((s) => s.url)).toEqual(['https://collect.example/p13n']);
    expect(beaconLines()).toEqual([record]);
  });

  it('sends nothing for a shopper in no running test', () => {
    const state = pageState({ assignments: { 'hero-test@1': 'removed-variant' } });
    createMeasurement(
      window,
      () => state,
      () => T,
    ).purchased({ value: 10 });
    expect(events).toEqual([]);
  });
});

describe('the personalization holdout', () => {
  it("records a personalized rule's exposure as an exposure of the holdout, and puts the group in purchases", () => {
    // visitor-1 is outside a 1% holdout: personalized.
    const state = pageState({ holdout: { percent: 1, id: 'holdout-2026' } });
    const measurement = createMeasurement(
      window,
      () => state,
      () => T,
    );
    const banner = decisionsFor(state).find((d) => d.slot === 'banner')!;
    expect(banner.holdout).toMatchObject({ key: 'holdout-2026', group: 'personalized' });
    measurement.exposed(banner);
    measurement.exposed(banner); // once per page view
    expect(abEvents()).toEqual([
      expect.objectContaining({
        event: 'p13n_exposure',
        p13n_test: 'holdout-2026',
        p13n_rule: 'banner-plain',
        p13n_variant: 'personalized',
        p13n_kind: 'holdout',
        p13n_control: 'holdout',
        p13n_weights: 'holdout:1,personalized:99',
      }),
    ]);
    expect(events[0]).toMatchObject({
      type: 'p13n:exposure',
      detail: { kind: 'holdout', test: 'holdout-2026', variant: 'personalized', rule: 'banner-plain', slot: 'banner' },
    });
    measurement.purchased({ value: 20, currency: 'usd', transactionId: 'T-1' });
    expect(events[1]).toMatchObject({
      type: 'p13n:conversion',
      detail: { assignments: { 'holdout-2026': 'personalized' } },
    });
  });
});
