/**
 * `predicted_purchase` is an attribute like any other: the config's model evaluated on the visitor's
 * other attributes, only when something reads it, null without a model.
 */
import { describe, expect, it } from 'vitest';
import { toAttributes } from '../../../../src/core/attributes/from-profile.js';
import { readerOf } from '../../../../src/core/attributes/predicted.js';
import { classify } from '../../../../src/core/classify/index.js';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { validateConfig } from '../../../../src/core/config/validate.js';
import { score } from '../../../../src/core/model/score.js';
import type { Model } from '../../../../src/core/model/types.js';
import { newProfile, type Profile } from '../../../../src/core/profile/model.js';
import type { PageContext } from '../../../../src/edge/page/context.js';

const NOW = Date.UTC(2026, 10, 2, 19, 0);
const ctx: PageContext = {
  url: 'https://shop.example/?utm_source=newsletter&utm_medium=email',
  referrer: '',
  title: '',
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  clientHints: null,
  maxTouchPoints: 5,
  language: 'en-US',
  timezone: 'America/New_York',
  server: null,
  globalPrivacyControl: false,
};
const facts = classify(ctx, { now: NOW, internalHosts: [], loggedIn: null });
const model: Model = {
  v: 1,
  b: -3,
  f: [
    { a: 'cart_value', l: 0.4 },
    { a: 'device', c: { mobile: -0.2, desktop: 0.3 } },
    { a: 'channel', c: { email: 0.8 }, o: 0, m: -0.1 },
    { a: 'interest.running', l: 0.5 },
  ],
};
const profile: Profile = {
  ...newProfile('v', NOW - 3600_000),
  visits: 2,
  cartValue: 80,
  interest: { running: 3 },
  source: facts.source,
};
const attributes = (m: Model | null, p: Profile = profile) =>
  toAttributes({ profile: p, facts, tags: null, consent: true, now: NOW, model: m });

describe('predicted_purchase', () => {
  it("is the model's score of the visitor's own attributes", () => {
    const attrs = attributes(model);
    const z = -3 + 0.4 * Math.log(81) - 0.2 + 0.8 + 0.5 * Math.log(4);
    expect(attrs.channel).toBe('Email');
    expect(attrs.predicted_purchase).toBeCloseTo(1 / (1 + Math.exp(-z)), 14);
    expect(attrs.predicted_purchase).toBe(score(model, readerOf(attrs)));
  });

  it('is null without a model, and listed either way (early decisions see it as a stored fact)', () => {
    const attrs = attributes(null);
    expect(attrs.predicted_purchase).toBeNull();
    expect(Object.keys(attrs)).toContain('predicted_purchase');
    expect(Object.keys(attributes(model))).toContain('predicted_purchase');
  });

  it('is computed only when read', () => {
    let reads = 0;
    const counting = new Proxy(model, {
      get: (target, key) => (key === 'f' && reads++, target[key as keyof Model]),
    });
    const attrs = attributes(counting);
    expect([attrs.visits, attrs.device, attrs.cart_value]).toEqual([2, 'mobile', 80]);
    expect(reads).toBe(0);
    void attrs.predicted_purchase;
    expect(reads).toBe(1);
  });

  it('follows the profile: a fuller cart scores higher', () => {
    const empty = attributes(model, { ...profile, cartValue: 0 }).predicted_purchase as number;
    expect(attributes(model).predicted_purchase as number).toBeGreaterThan(empty);
  });

  it('cannot read itself, even from a model that never went through parseModel()', () => {
    const loop = { v: 1, b: 0, f: [{ a: 'predicted_purchase', l: 1, m: 0.5 }] } as unknown as Model;
    expect(attributes(loop).predicted_purchase).toBeCloseTo(1 / (1 + Math.exp(-0.5)), 14);
  });
});

describe('a config with a model', () => {
  const config = {
    models: { purchase: model },
    segments: { likely: 'predicted_purchase >= 0.3 AND NOT logged_in' },
    slots: { hero: { rules: [{ id: 'welcome', when: 'likely', content: null }] } },
  };

  it('parses the model, and segments compare the score like any number', () => {
    const parsed = parseConfig(config);
    expect(parsed.problems).toEqual([]);
    expect(parsed.config.models?.purchase).toEqual(model);
    const compiled = compileConfig(parsed.config);
    const matches = (p: Profile) =>
      compiled.segments.match(compiled.segments.evaluation(attributes(parsed.config.models!.purchase!, p)));
    expect(matches({ ...profile, cartValue: 5000 })).toEqual(['likely']);
    expect(matches({ ...profile, cartValue: 0, interest: {} })).toEqual([]);
  });

  it('leaves a broken model out with one problem naming it, and the comparisons are false', () => {
    const parsed = parseConfig({ ...config, models: { purchase: { ...model, v: 7 } } });
    expect(parsed.config.models?.purchase).toBeUndefined();
    expect(parsed.problems).toEqual([
      expect.objectContaining({ path: 'models.purchase.v', message: expect.stringContaining("model 'purchase'") }),
    ]);
    const compiled = compileConfig(parsed.config);
    expect(
      compiled.segments.match(compiled.segments.evaluation(attributes(null, { ...profile, cartValue: 5000 }))),
    ).toEqual([]);
  });

  it('names an unknown model, which is left out', () => {
    expect(parseConfig({ models: { churn: model } }).problems[0]).toMatchObject({ path: 'models.churn' });
  });

  it('is valid; without a model the validator warns that predicted_purchase is always null', () => {
    expect(validateConfig(config)).toEqual([]);
    const { models: _, ...without } = config;
    expect(validateConfig(without)).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'model', path: 'segments.likely' }),
    ]);
  });

  it('reports unknown keys inside a model, as the schema does', () => {
    const problems = validateConfig({
      ...config,
      models: { purchase: { ...model, f: [{ a: 'visits', l: 1, w: 2 }] } },
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unknown-key', path: 'models.purchase.f[0].w' }));
  });

  it('warns when collect has no endpoint to send to', () => {
    expect(validateConfig({ ...config, collect: ['pageviews'] })).toContainEqual(
      expect.objectContaining({ code: 'model', path: 'collect' }),
    );
    expect(validateConfig({ ...config, collect: ['pageviews'], endpoint: '/collect' })).toEqual([]);
    expect(parseConfig({ collect: ['clicks'] }).problems[0]).toMatchObject({ path: 'collect' });
  });
});
