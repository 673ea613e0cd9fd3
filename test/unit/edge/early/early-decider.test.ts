/**
 * @vitest-environment node
 *
 * The inline decider never decides a slot otherwise than the full script would: for random visitors
 * (landing URLs and referrers, devices, zones, stored profiles, signed in or not), every slot it
 * decides with its pruned readers and unknowns gets the decision the full script makes with every
 * classifier loaded. What it cannot know, it leaves waiting.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../src/core/classify/index.js';
import { countryIn, zoneAreas } from '../../../../src/core/classify/location.js';
import { prunedSourceTables } from '../../../../src/core/classify/pruned-sources.js';
import { quickDevice } from '../../../../src/core/classify/quick-device.js';
import { hemisphereOf } from '../../../../src/core/classify/season.js';
import { classifySourceIn } from '../../../../src/core/classify/source.js';
import type { PageContext } from '../../../../src/core/classify/context.js';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { pageStep, VISITOR, type PageInput } from '../../../../src/core/page.js';
import { newProfile, type Profile } from '../../../../src/core/profile/model.js';
import { FIRST_SOURCE_ATTRIBUTES, PROFILE_ATTRIBUTES, SOURCE_ATTRIBUTES } from '../../../../src/core/program/early.js';
import { isNewVisit } from '../../../../src/core/profile/update.js';
import { earlyFacts } from '../../../../src/edge/early/facts.js';
import { planEarly } from '../../../../src/tools/snippet/early-data.js';

const root = join(import.meta.dirname, '../../../..');
const demo = JSON.parse(readFileSync(join(root, 'demo/p13n.json'), 'utf8'));
const modern: Array<{ referrer: string }> = JSON.parse(
  readFileSync(join(root, 'bench/data/modern-referrers.json'), 'utf8'),
);

const compiled = compileConfig(parseConfig(demo).config);
const plan = planEarly(compiled);
const sources = prunedSourceTables(plan.data.sources!);
const zones = plan.data.zones ? zoneAreas(plan.data.zones) : null;
const readers = {
  device: quickDevice,
  source: (input: Parameters<typeof classifySourceIn>[1]) => classifySourceIn(sources, input),
  country: zones ? (zone: string) => countryIn(zones, zone) : undefined,
  hemisphere: plan.data.hemispheres ? hemisphereOf : undefined,
};

const UAS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 330.0.0.0',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/150.0.0.0 Safari/537.36',
];
const QUERIES = [
  '',
  '?utm_source=newsletter&utm_medium=email',
  '?utm_source=instagram&utm_medium=social',
  '?gclid=x',
  '?utm_source=chatgpt.com',
  '?fbclid=1',
  '?utm_source=facebook&utm_medium=email',
];
const PATHS = ['/', '/collections/running', '/products/ridgeline-trail-runner', '/cart'];
const NOW = Date.UTC(2026, 11, 6, 12, 0);
const ZONES = ['Europe/Oslo', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'Etc/UTC', 'Europe/Berlin'];

const context = fc.record({
  path: fc.constantFrom(...PATHS),
  query: fc.constantFrom(...QUERIES),
  referrer: fc.oneof(
    fc.constant(''),
    fc.constant('https://shop.example/'),
    fc.constantFrom(...modern.map((m) => m.referrer)),
  ),
  ua: fc.constantFrom(...UAS),
  zone: fc.constantFrom(...ZONES),
  touch: fc.constantFrom(0, 5),
  server: fc.constantFrom(
    null,
    { country: 'NO' },
    { customer: { id: 7, tags: ['vip'], orders_count: 2, total_spent: 300 }, country: 'NO' },
    { customer: null },
  ),
});

const storedProfile = fc.option(
  fc.record({
    visits: fc.integer({ min: 1, max: 12 }),
    pageviews: fc.integer({ min: 1, max: 40 }),
    minutesAgo: fc.integer({ min: 1, max: 90 * 24 * 60 }),
    cartValue: fc.constantFrom(0, 60, 120, 180),
    totalSpent: fc.constantFrom(0, 250),
    running: fc.integer({ min: 0, max: 4 }),
  }),
  { nil: null },
);

function profileOf(
  p: {
    visits: number;
    pageviews: number;
    minutesAgo: number;
    cartValue: number;
    totalSpent: number;
    running: number;
  } | null,
): Profile | null {
  if (!p) return null;
  const last = NOW - p.minutesAgo * 60_000;
  return {
    ...newProfile('visitor-1', last - 86_400_000 * 40),
    visits: p.visits,
    pageviews: p.pageviews,
    lastSeen: last,
    visitStart: last,
    visitPageviews: 1,
    previousVisitEnd: p.visits > 1 ? last - 86_400_000 : null,
    cartValue: p.cartValue,
    cartItems: p.cartValue ? 1 : 0,
    totalSpent: p.totalSpent,
    orders: p.totalSpent ? 1 : 0,
    interest: { running: p.running },
  };
}

describe('the inline decider', () => {
  it('decides every slot it decides as the full script does, for random visitors of the demo store', () => {
    let decided = 0;
    let waited = 0;
    fc.assert(
      fc.property(context, storedProfile, (c, p) => {
        const ctx: PageContext = {
          url: `https://shop.example${c.path}${c.query}`,
          referrer: c.referrer,
          title: '',
          userAgent: c.ua,
          clientHints: null,
          maxTouchPoints: c.touch,
          screenShortSide: 412,
          language: 'nb-NO',
          timezone: c.zone,
          server: c.server as PageContext['server'],
          globalPrivacyControl: false,
        };
        const stored = profileOf(p);
        const base: Omit<PageInput, 'facts'> = {
          compiled,
          stored,
          newId: 'new-visitor',
          customer: null,
          customerAttributes: null,
          tags: c.server?.customer ? ['vip'] : null,
          cart: null,
          consent: true,
          remembered: true,
          now: NOW,
          forcedSegments: new Set(),
          forcedVariants: new Map(),
        };
        const full = pageStep({ ...base, facts: classify(ctx, { now: NOW, internalHosts: [], loggedIn: null }) });
        const early = earlyFacts(
          { context: ctx, now: NOW, internalHosts: [], login: undefined, win: {} as Window },
          readers,
        );
        if (early.sourceUnknown && (!stored || isNewVisit(stored, NOW))) {
          for (const name of SOURCE_ATTRIBUTES) early.unknown.add(name);
          if (!stored?.firstSource) for (const name of FIRST_SOURCE_ATTRIBUTES) early.unknown.add(name);
        }
        const inHead = pageStep({ ...base, facts: early.facts, unknown: (name) => early.unknown.has(name) });
        for (const decision of inHead.decisions) {
          const same = full.decisions.find((d) => d.slot === decision.slot);
          expect(decision).toEqual(same);
        }
        // Coverage is counted on the common shoppers (the first four user agents: phones and computers).
        if (UAS.indexOf(c.ua) < 4) {
          decided += inHead.decisions.length;
          waited += inHead.waiting.length;
        }
      }),
      { numRuns: 2000 },
    );
    // The decider is worth its bytes only if it decides most slots of common shoppers.
    expect(decided / (decided + waited)).toBeGreaterThan(0.8);
  });

  it('leaves every slot waiting while the profile is unknown, where its rules read it', () => {
    const ctx = {
      url: 'https://shop.example/',
      referrer: '',
      title: '',
      userAgent: UAS[1]!,
      clientHints: null,
      maxTouchPoints: 5,
      language: 'en',
      timezone: 'Europe/Oslo',
      server: null,
      globalPrivacyControl: false,
    };
    const early = earlyFacts(
      { context: ctx, now: NOW, internalHosts: [], login: undefined, win: {} as Window },
      readers,
    );
    for (const name of [...PROFILE_ATTRIBUTES, VISITOR]) early.unknown.add(name);
    const result = pageStep({
      compiled,
      facts: early.facts,
      stored: null,
      newId: 'x',
      customer: null,
      customerAttributes: null,
      tags: null,
      cart: null,
      consent: true,
      remembered: true,
      now: NOW,
      forcedSegments: new Set(),
      forcedVariants: new Map(),
      unknown: (name) => early.unknown.has(name),
    });
    expect(result.waiting).toContain('hero');
    expect(result.decisions.map((d) => d.slot)).not.toContain('hero');
  });

  it('decides a rule on predicted_purchase before the first paint when its model reads only what it knows', () => {
    const config = {
      segments: {},
      models: {
        purchase: {
          v: 1,
          b: -1,
          f: [
            { a: 'device', c: { mobile: 1.5 }, o: 0 },
            { a: 'visits', l: 0.3 },
          ],
        },
      },
      slots: {
        hero: {
          rules: [{ id: 'likely', when: 'predicted_purchase >= 0.5', content: { type: 'hero', heading: 'Likely' } }],
        },
      },
    };
    const withModel = compileConfig(parseConfig(config).config);
    const ctx = (ua: string): PageContext => ({
      url: 'https://shop.example/',
      referrer: '',
      title: '',
      userAgent: ua,
      clientHints: null,
      maxTouchPoints: 5,
      screenShortSide: 412,
      language: 'en',
      timezone: 'Europe/Oslo',
      server: null,
      globalPrivacyControl: false,
    });
    const stored = profileOf({ visits: 4, pageviews: 9, minutesAgo: 5, cartValue: 0, totalSpent: 0, running: 0 });
    const step = (ua: string, unknown?: Set<string>) =>
      pageStep({
        compiled: withModel,
        facts: unknown
          ? earlyFacts({ context: ctx(ua), now: NOW, internalHosts: [], login: undefined, win: {} as Window }, readers)
              .facts
          : classify(ctx(ua), { now: NOW, internalHosts: [], loggedIn: null }),
        stored,
        newId: 'x',
        customer: null,
        customerAttributes: null,
        tags: null,
        cart: null,
        consent: true,
        remembered: true,
        now: NOW,
        forcedSegments: new Set(),
        forcedVariants: new Map(),
        ...(unknown ? { unknown: (name: string) => unknown.has(name) } : {}),
      });
    // A phone the quick matcher knows: the score is known, decided as the full script decides.
    const known = earlyFacts(
      { context: ctx(UAS[1]!), now: NOW, internalHosts: [], login: undefined, win: {} as Window },
      readers,
    );
    expect(known.unknown.has('device')).toBe(false);
    const early = step(UAS[1]!, known.unknown);
    expect(early.decisions).toEqual(step(UAS[1]!).decisions);
    expect(early.decisions[0]?.rule).toBe('likely');
    // A device only the full parser knows: the score is unknown too, and the slot waits.
    const unsure = earlyFacts(
      { context: ctx(UAS[4]!), now: NOW, internalHosts: [], login: undefined, win: {} as Window },
      readers,
    );
    expect(unsure.unknown.has('device')).toBe(true);
    unsure.unknown.add('predicted_purchase');
    expect(step(UAS[4]!, unsure.unknown).waiting).toEqual(['hero']);
  });
});
