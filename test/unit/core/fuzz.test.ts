// @vitest-environment node
/**
 * Fuzzing the pure core with fast-check: whatever config a store owner writes and whatever profile a
 * browser holds, parsing, compiling and deciding never throw (a throw there would cost the shopper the
 * page's personalization, or worse), and whatever a page reports, the profile stays a valid record
 * (an invalid one would be set aside as unreadable on the next page: data lost).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES } from '../../../src/core/attributes/registry.js';
import { classify } from '../../../src/core/classify/index.js';
import type { PageContext } from '../../../src/edge/page/context.js';
import { compileConfig } from '../../../src/core/config/compile.js';
import { parseConfig, parseConfigText } from '../../../src/core/config/parse.js';
import { decide } from '../../../src/core/decide/rules.js';
import { toAttributes } from '../../../src/core/attributes/from-profile.js';
import { migrate, newProfile, type Profile } from '../../../src/core/profile/model.js';
import { applyEvent, recordPageView } from '../../../src/core/profile/update.js';
import { fillTokens } from '../../../src/core/content/tokens.js';
import { toTrackEvent } from '../../../src/core/track/params.js';

/** FUZZ_RUNS=5000 for a longer hunt; the default keeps the file around a few seconds. */
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 250) };
const NOW = Date.UTC(2026, 10, 1, 12);

// ---- configs -------------------------------------------------------------------------------------

const NAMES = ['a', 'vip', 'lapsed', '__proto__', 'constructor', 'visits', 'bad name', '', 'x'.repeat(300)];
const WORDS = [
  ...ATTRIBUTES.map((spec) => (spec.namespace ? `${spec.name}.running` : spec.name)),
  ...NAMES,
  'AND',
  'OR',
  'NOT',
  'IN',
  'CONTAINS',
  'STARTS WITH',
  'BETWEEN',
  'IS NULL',
  'IS NOT NULL',
  '=',
  '!=',
  '>=',
  '<',
  '(',
  ')',
  ',',
  "'mobile'",
  "'NO'",
  '3',
  '-1.5',
  "'",
  '"',
  '{{visits}}',
];
const expression = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 10 }).map((words) => words.join(' ')),
  fc.string({ maxLength: 30 }),
);
const junk = fc.anything({ maxDepth: 2 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('{{campaign}}', '{{tags|none}}', '{{interest.running}}', 'javascript:alert(1)', '<b>x</b>'),
);

const content = fc.oneof(
  fc.constant(null),
  fc.record({
    type: fc.constant('hero'),
    heading: maybe(text),
    text: maybe(text),
    image: maybe(text),
    cta: maybe(fc.oneof(fc.record({ label: text, href: text }), junk)),
  }),
  fc.record({
    type: fc.constant('products'),
    title: maybe(text),
    items: fc.oneof(
      fc.array(
        fc.oneof(fc.record({ title: text, href: maybe(text), price: maybe(fc.oneof(fc.double(), text)) }), junk),
        { maxLength: 3 },
      ),
      junk,
    ),
  }),
  fc.record({ type: fc.constant('html'), html: fc.oneof(text, junk) }),
  fc.record({ type: fc.constantFrom('hide', 'carousel', '') }),
  junk,
);
const variant = fc.oneof(
  fc.record({
    id: fc.oneof(fc.constantFrom('a', 'b', 'a'), fc.string({ maxLength: 5 })),
    weight: fc.oneof(fc.double(), fc.nat(100)),
    content,
  }),
  junk,
);
const rule = fc.oneof(
  fc.record(
    {
      id: fc.oneof(fc.constantFrom('r1', 'r2', 'r1', ''), fc.string({ maxLength: 5 }), junk),
      when: maybe(fc.oneof(expression, fc.constantFrom(...NAMES), junk)),
      content: maybe(content),
      variants: maybe(fc.oneof(fc.array(variant, { maxLength: 4 }), junk)),
      traffic: maybe(fc.oneof(fc.double(), fc.integer({ min: -10, max: 110 }))),
      version: maybe(fc.oneof(fc.double(), junk)),
      selector: maybe(fc.oneof(fc.constantFrom('.hero', '[data-x="1"]', '>>>', ''), fc.string({ maxLength: 8 }))),
    },
    { requiredKeys: [] },
  ),
  junk,
);
const config = fc.oneof(
  fc.record(
    {
      segments: fc.oneof(fc.dictionary(fc.constantFrom(...NAMES), fc.oneof(expression, junk), { maxKeys: 5 }), junk),
      slots: fc.oneof(
        fc.dictionary(
          fc.constantFrom('hero', 'promo', '__proto__', 'a"b', ''),
          fc.oneof(
            fc.record({ rules: fc.array(rule, { maxLength: 4 }), selector: maybe(fc.string({ maxLength: 8 })) }),
            junk,
          ),
          { maxKeys: 3 },
        ),
        junk,
      ),
      timeout: maybe(fc.oneof(fc.double(), junk)),
      internalHosts: maybe(fc.oneof(fc.array(fc.oneof(fc.string({ maxLength: 12 }), junk), { maxLength: 3 }), junk)),
      login: maybe(junk),
      consent: maybe(fc.oneof(fc.constantFrom('required', 'implied'), junk)),
      globalPrivacyControl: maybe(fc.oneof(fc.constantFrom('refuse', 'ignore'), junk)),
      retentionDays: maybe(fc.oneof(fc.double(), junk)),
    },
    { requiredKeys: [] },
  ),
  junk,
);

// ---- profiles and pages --------------------------------------------------------------------------

const count = fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e12, noNaN: true }), fc.constant(Number.MAX_SAFE_INTEGER));
const time = fc.oneof(fc.integer({ min: 0, max: NOW * 2 }), fc.constant(0));
const key = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('running', '__proto__', 'constructor', 'hasOwnProperty'),
);
const source = fc.oneof(
  fc.constant(null),
  fc.record({
    channel: fc.string(),
    source: fc.string(),
    medium: fc.string(),
    campaign: fc.option(fc.string()),
    referrerType: fc.string(),
    referrerHost: fc.option(fc.string()),
  }),
  fc.dictionary(fc.string(), junk),
);
/** Records that pass `migrate()` (extreme values included), and anything at all. */
const profileRecord = fc.oneof(
  fc.record({
    version: fc.constant(1),
    id: fc.string({ minLength: 1, maxLength: 40 }),
    firstSeen: time,
    lastSeen: time,
    visits: count,
    pageviews: count,
    visitStart: time,
    visitPageviews: count,
    previousVisitEnd: fc.option(time),
    source,
    firstSource: source,
    loggedIn: fc.option(fc.boolean()),
    cartValue: count,
    cartItems: count,
    abandonedCart: fc.boolean(),
    orders: count,
    totalSpent: count,
    lastOrderAt: fc.option(time),
    transactions: fc.array(fc.string(), { maxLength: 5 }),
    interest: fc.dictionary(key, count, { maxKeys: 5 }),
    events: fc.dictionary(key, count, { maxKeys: 5 }),
    assignments: fc.dictionary(fc.constantFrom('r1@1', 'r2@1', '__proto__', 'x'), fc.string({ maxLength: 4 }), {
      maxKeys: 3,
    }),
  }),
  fc.anything({ maxDepth: 3 }),
);
const hostile = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    'https://shop.example/?utm_source=<script>&utm_campaign=%E0%A4%A&gclid=1',
    'https://[::1',
    'javascript:alert(1)',
    '//evil.example/?q=a@b.c',
    'https://www.google.com/search?q=shoes',
    'android-app://com.google.android.gm/',
  ),
);
const page: fc.Arbitrary<PageContext> = fc.record({
  url: hostile,
  referrer: hostile,
  title: fc.string({ maxLength: 10 }),
  userAgent: fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)', 'Googlebot/2.1'),
  ),
  clientHints: fc.constant(null),
  maxTouchPoints: fc.nat(10),
  language: fc.string({ maxLength: 8 }),
  timezone: fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('Europe/Oslo', 'Etc/UTC'))),
  server: fc.option(
    fc.oneof(
      fc.record(
        {
          country: fc.oneof(fc.string({ maxLength: 4 }), junk),
          page_type: fc.oneof(fc.string({ maxLength: 8 }), junk),
          customer: fc.oneof(
            fc.constant(null),
            fc.record({ id: fc.oneof(fc.string(), fc.integer()), tags: fc.array(fc.string()) }),
            junk,
          ),
        },
        { requiredKeys: [] },
      ),
      junk,
    ),
  ) as fc.Arbitrary<PageContext['server']>,
  globalPrivacyControl: fc.boolean(),
});
const trackCall = fc.tuple(
  fc.oneof(
    fc.constantFrom(
      'view_item',
      'add_to_cart',
      'remove_from_cart',
      'purchase',
      'login',
      'logout',
      'signup',
      '__proto__',
      'constructor',
    ),
    fc.string({ maxLength: 10 }),
  ),
  fc.oneof(
    fc.record(
      {
        value: fc.oneof(fc.double(), fc.string({ maxLength: 6 })),
        quantity: fc.oneof(fc.double(), fc.integer()),
        price: fc.double(),
        item_category: fc.string({ maxLength: 20 }),
        transaction_id: fc.string({ maxLength: 6 }),
        item_id: fc.string({ maxLength: 6 }),
      },
      { requiredKeys: [] },
    ),
    junk,
  ),
);

function profileOf(raw: unknown): Profile {
  const migrated = migrate(raw);
  return migrated.ok ? migrated.profile : newProfile('fresh', NOW);
}

describe('parseConfig(), parseConfigText() and compileConfig()', () => {
  it('never throw, whatever the owner wrote', () => {
    fc.assert(
      fc.property(config, (json) => {
        const parsed = parseConfig(json);
        const compiled = compileConfig(parsed.config, parsed.problems);
        expect(compiled.problems.every((problem) => typeof problem.message === 'string')).toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          config.map((json) => JSON.stringify(json) ?? ''),
        ),
        (text) => {
          const parsed = parseConfigText(text);
          compileConfig(parsed.config, parsed.problems);
        },
      ),
      RUNS,
    );
  }, 60_000);
});

describe('decide()', () => {
  it('never throws, for any config, profile and page, and decides every slot', () => {
    fc.assert(
      fc.property(
        config,
        profileRecord,
        page,
        fc.boolean(),
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
        (json, raw, ctx, canExperiment, forced) => {
          const parsed = parseConfig(json);
          const compiled = compileConfig(parsed.config, parsed.problems);
          const profile = profileOf(raw);
          const facts = classify(ctx, { now: NOW, internalHosts: compiled.config.internalHosts, loggedIn: null });
          const attrs = toAttributes({ profile, facts, tags: forced, consent: canExperiment, now: NOW });
          const evaluation = compiled.segments.evaluation(attrs, { forced: new Set(forced) });
          const result = decide(compiled, evaluation, {
            visitorId: profile.id,
            assignments: profile.assignments,
            canExperiment,
            forcedVariants: new Map(forced.map((id) => [id, id])),
          });
          expect(result.decisions).toHaveLength(compiled.slots.length);
          // What rendering does with a decision's text never throws either.
          for (const decision of result.decisions)
            fillTokens(JSON.stringify(decision.content) ?? '', attrs, encodeURIComponent);
        },
      ),
      RUNS,
    );
  }, 60_000);
});

describe('the profile', () => {
  it('stays a valid record through any page views and track() calls, so nothing is set aside as unreadable', () => {
    fc.assert(
      fc.property(
        profileRecord,
        fc.array(
          fc.oneof(
            page.map((ctx) => ({ ctx })),
            trackCall.map((call) => ({ call })),
          ),
          { maxLength: 8 },
        ),
        (raw, steps) => {
          let profile = profileOf(raw);
          let t = NOW;
          for (const step of steps) {
            t += 60_000;
            if ('ctx' in step) {
              const facts = classify(step.ctx, { now: t, internalHosts: [], loggedIn: null });
              profile = recordPageView(profile, { source: facts.source, loggedIn: facts.loggedIn, customer: null }, t);
            } else {
              const event = toTrackEvent(step.call[0], step.call[1]);
              if (event) profile = applyEvent(profile, event, t);
            }
          }
          const again = migrate(JSON.parse(JSON.stringify(profile)));
          expect(again.ok, JSON.stringify(profile)).toBe(true);
        },
      ),
      RUNS,
    );
  }, 60_000);
});

describe('what fuzzing found', () => {
  it('caps what one event adds, so a huge reported value cannot overflow a total to Infinity (stored as null)', () => {
    const rich = { ...newProfile('a', NOW), totalSpent: Number.MAX_SAFE_INTEGER, orders: 1 };
    const after = applyEvent(
      applyEvent(rich, toTrackEvent('purchase', { value: 1.797e306 })!, NOW),
      toTrackEvent('add_to_cart', { quantity: 1e308, value: 1e308 })!,
      NOW,
    );
    expect(migrate(JSON.parse(JSON.stringify(after))).ok).toBe(true);
    expect(applyEvent(newProfile('b', NOW), toTrackEvent('purchase', { value: 5e15 })!, NOW).totalSpent).toBe(1e12);
  });
});
