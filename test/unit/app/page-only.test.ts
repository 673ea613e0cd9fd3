// @vitest-environment node
/**
 * The slots a hand-written install decides as the full script starts, before the stored profile is
 * read: only those whose decision reads nothing stored, and each exactly as the full decision would be.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.js';
import type { Facts } from '../../../src/core/classify/types.js';
import { compileConfig } from '../../../src/core/config/compile.js';
import { parseConfig } from '../../../src/core/config/parse.js';
import type { PageContext } from '../../../src/edge/page/context.js';
import { PAGE_ATTRIBUTES, pageOnlyDecisions } from '../../../src/app/page-only.js';
import { decide } from '../../../src/core/decide/rules.js';
import { newProfile, type Profile } from '../../../src/core/profile/model.js';
import { toAttributes } from '../../../src/core/attributes/from-profile.js';

const NOW = Date.UTC(2026, 2, 30, 10, 0);
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const page = (over: Partial<PageContext> = {}): PageContext => ({
  url: 'https://shop.example/collections/running',
  referrer: '',
  title: '',
  userAgent: IPHONE,
  clientHints: null,
  maxTouchPoints: 5,
  language: 'nb-NO',
  timezone: 'Europe/Oslo',
  server: null,
  globalPrivacyControl: false,
  ...over,
});
const factsOf = (ctx: PageContext, loggedIn: boolean | null = null) =>
  classify(ctx, { now: NOW, internalHosts: [], loggedIn });
const banner = (heading: string) => ({ type: 'hero' as const, heading });

function early(
  slots: Record<string, unknown>,
  facts: Facts,
  segments: Record<string, string> = {},
  tags: string[] | null = null,
) {
  const compiled = compileConfig(parseConfig({ segments, slots }).config);
  const result = pageOnlyDecisions({
    compiled,
    facts,
    tags,
    customerAttributes: null,
    consent: true,
    now: NOW,
    forcedSegments: new Set(),
    forcedVariants: new Map(),
  });
  return Object.fromEntries(result.decisions.map((d) => [d.slot, d.rule]));
}

describe('pageOnlyDecisions()', () => {
  const mobile = factsOf(page());

  it('decides slots whose rules read only the page, and leaves those that read the profile', () => {
    expect(
      early(
        {
          phone: { rules: [{ id: 'phones', when: "device = 'mobile'", content: banner('On the go') }] },
          loyal: { rules: [{ id: 'loyal', when: 'visits >= 3', content: banner('Welcome back') }] },
          running: {
            rules: [{ id: 'runners', when: "path STARTS WITH '/collections/running'", content: banner('Run') }],
          },
        },
        mobile,
      ),
    ).toEqual({ phone: 'phones', running: 'runners' });
  });

  it('decides a slot whose earlier rules are false without reading anything stored (short-circuit)', () => {
    expect(
      early(
        {
          hero: {
            rules: [
              { id: 'desktop-loyal', when: "device = 'desktop' AND visits >= 3", content: banner('a') },
              { id: 'everyone', content: banner('b') },
            ],
          },
        },
        mobile,
      ),
    ).toEqual({ hero: 'everyone' });
  });

  it('decides "no rule matched" when every rule is false on page facts alone', () => {
    expect(
      early({ hero: { rules: [{ id: 'desktop', when: "device = 'desktop'", content: banner('a') }] } }, mobile),
    ).toEqual({ hero: null });
  });

  it('waits for the profile when a stored attribute is read, through a segment or a token', () => {
    expect(
      early({ hero: { rules: [{ id: 'phones', when: 'phone_fan', content: banner('a') }] } }, mobile, {
        phone_fan: "device = 'mobile' AND interest.running > 1",
      }),
    ).toEqual({});
    expect(
      early(
        { hero: { rules: [{ id: 'phones', when: "device = 'mobile'", content: banner('Visit {{visits}}') }] } },
        mobile,
      ),
    ).toEqual({});
    expect(
      early(
        { hero: { rules: [{ id: 'phones', when: "device = 'mobile'", content: banner('Hello from {{country}}') }] } },
        mobile,
      ),
    ).toEqual({ hero: 'phones' });
  });

  it('waits for the profile for an A/B test: the variant needs the visitor id and stored assignments', () => {
    const test = {
      id: 'test',
      variants: [
        { id: 'a', weight: 1, content: banner('a') },
        { id: 'b', weight: 1, content: null },
      ],
    };
    expect(early({ hero: { rules: [test] } }, mobile)).toEqual({});
  });

  it('counts a login the page shows (server context, detectors) as page data, and track(login) as stored', () => {
    const member = {
      hero: { rules: [{ id: 'vip', when: "logged_in AND tags CONTAINS 'vip'", content: banner('VIP') }] },
    };
    expect(
      early(member, factsOf(page({ server: { customer: { id: '1', tags: ['vip'] } } }), true), {}, ['vip']),
    ).toEqual({ hero: 'vip' });
    expect(early(member, factsOf(page(), null))).toEqual({});
  });

  it('gives crawlers the default everywhere at once', () => {
    expect(
      early(
        { hero: { rules: [{ id: 'loyal', when: 'visits >= 3', content: banner('a') }] } },
        factsOf(page({ userAgent: CRAWLER })),
      ),
    ).toEqual({ hero: null });
  });

  it('never decides differently from the full decision, whatever the profile', () => {
    const attribute = fc.constantFrom(
      "device = 'mobile'",
      "device = 'desktop'",
      "path CONTAINS 'running'",
      'hour >= 12',
      "country = 'NO'",
      'logged_in',
      'visits >= 2',
      'cart_value > 50',
      "channel = 'Email'",
      'interest.running >= 1',
      'new_visitor',
    );
    const when = fc.oneof(
      attribute,
      fc
        .tuple(attribute, fc.constantFrom(' AND ', ' OR ', ' AND NOT '), attribute)
        .map(([a, op, b]) => `${a}${op}${b}`),
    );
    const rule = fc.record({
      when: fc.option(when, { nil: undefined }),
      text: fc.constantFrom('Hi', 'Visit {{visits}}', 'From {{country}}'),
      test: fc.boolean(),
    });
    const profile = fc.record({
      visits: fc.nat(5),
      cartValue: fc.nat(200),
      running: fc.nat(3),
      email: fc.boolean(),
      login: fc.option(fc.boolean(), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(rule, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        profile,
        fc.option(fc.boolean(), { nil: null }),
        (slots, p, pageLogin) => {
          const config = Object.fromEntries(
            slots.map((rules, s) => [
              `s${s}`,
              {
                rules: rules.map((r, i) => ({
                  id: `r${i}`,
                  ...(r.when ? { when: r.when } : {}),
                  ...(r.test
                    ? {
                        variants: [
                          { id: 'a', weight: 1, content: banner(r.text) },
                          { id: 'b', weight: 1, content: null },
                        ],
                      }
                    : { content: banner(r.text) }),
                })),
              },
            ]),
          );
          const compiled = compileConfig(parseConfig({ segments: {}, slots: config }).config);
          const facts = factsOf(page(), pageLogin);
          const stored: Profile = {
            ...newProfile('visitor-1', NOW - 1000),
            visits: p.visits,
            cartValue: p.cartValue,
            interest: { running: p.running },
            loggedIn: p.login,
            source: p.email
              ? {
                  channel: 'Email',
                  source: 'newsletter',
                  medium: 'email',
                  campaign: null,
                  content: null,
                  term: null,
                  referrerType: 'email',
                  referrerHost: null,
                }
              : null,
          };
          const attrs = toAttributes({ profile: stored, facts, tags: null, consent: true, now: NOW });
          const full = decide(compiled, compiled.segments.evaluation(attrs), {
            visitorId: stored.id,
            assignments: {},
            canExperiment: true,
          }).decisions;
          const { decisions } = pageOnlyDecisions({
            compiled,
            facts,
            tags: null,
            customerAttributes: null,
            consent: true,
            now: NOW,
            forcedSegments: new Set(),
            forcedVariants: new Map(),
          });
          for (const decision of decisions) expect(decision).toEqual(full.find((d) => d.slot === decision.slot));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lists as page attributes only what toAttributes takes from the page', () => {
    const facts = factsOf(page());
    const a = toAttributes({ profile: newProfile('a', NOW - 9e9), facts, tags: null, consent: true, now: NOW });
    const b = toAttributes({
      profile: { ...newProfile('b', NOW), visits: 9, loggedIn: true, cartValue: 5 },
      facts,
      tags: null,
      consent: true,
      now: NOW,
    });
    for (const name of PAGE_ATTRIBUTES) expect(a[name], name).toEqual(b[name]);
  });
});
