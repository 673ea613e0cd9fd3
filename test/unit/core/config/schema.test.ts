// @vitest-environment node
/**
 * The published JSON Schema, checked with a real validator (Ajv, draft 2020-12): the demo config
 * passes, and on every fixture the schema and the validator agree about the config's shape.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES } from '../../../../src/core/attributes/registry.js';
import { validateConfig, type CheckCode } from '../../../../src/core/config/validate.js';
import { KEYWORDS } from '../../../../src/core/segments/lexer.js';

const root = `${process.cwd()}/`;
const schema = JSON.parse(readFileSync(`${root}schema/p13n.schema.json`, 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }); // oneOf: [{ required: ['content'] }, …] is the idiom for "one of";
const check = ajv.compile(schema);
const fixtures = `${root}test/unit/tools/cli/fixtures/`;
const jsonFixtures = readdirSync(fixtures)
  .filter((file) => file.endsWith('.json'))
  .flatMap((file) => {
    try {
      return [[file, JSON.parse(readFileSync(fixtures + file, 'utf8'))] as const];
    } catch {
      return []; // the broken-JSON fixtures
    }
  });

/** What a schema can say: the shape. Expressions, links and rule order are the validator's alone. */
const SHAPE: ReadonlySet<CheckCode> = new Set(['structure', 'unknown-key', 'bad-name']);
const shapeErrors = (json: unknown) =>
  validateConfig(json)
    .filter((p) => p.severity === 'error' && SHAPE.has(p.code))
    .map((p) => p.path);

describe('schema/p13n.schema.json', () => {
  it('accepts the demo config, which points editors at it with "$schema"', () => {
    const demo = JSON.parse(readFileSync(`${root}demo/p13n.json`, 'utf8'));
    expect(demo.$schema).toBe('../schema/p13n.schema.json');
    expect(check(demo), ajv.errorsText(check.errors)).toBe(true);
  });

  it('is found by package users under the path package.json publishes', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(pkg.files).toContain('schema');
    expect(pkg.exports['./schema.json']).toBe('./schema/p13n.schema.json');
  });

  it.each(jsonFixtures)('agrees with the validator about the shape of %s', (_file, json) => {
    expect(check(json), ajv.errorsText(check.errors)).toBe(shapeErrors(json).length === 0);
  });

  it('has fixtures on both sides of the line', () => {
    const verdicts = jsonFixtures.map(([, json]) => check(json));
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });

  const names = [
    ...ATTRIBUTES.map((spec) => spec.name),
    ...KEYWORDS,
    ...KEYWORDS.map((k) => k.toLowerCase()),
    'Not',
    '9lives',
    'big-spender',
  ];
  it.each(names)('refuses %s as a segment name, as the expression compiler does', (name) => {
    const config = {
      segments: { [name]: 'visits > 1' },
      slots: { hero: { rules: [{ id: 'a', when: 'visits > 1', content: null }] } },
    };
    expect(check(config)).toBe(false);
    expect(shapeErrors(config)).toEqual([`segments.${name}`]);
  });

  it.each([
    [
      'a rule with both content and variants',
      { rules: [{ id: 'a', content: null, variants: [{ id: 'v', weight: 1, content: null }] }] },
    ],
    ['a rule with neither', { rules: [{ id: 'a' }] }],
    ['variants whose weights are all 0', { rules: [{ id: 'a', variants: [{ id: 'v', weight: 0, content: null }] }] }],
    ['a hero whose cta has no href', { rules: [{ id: 'a', content: { type: 'hero', cta: { label: 'Go' } } }] }],
    ['a version of 1.5', { rules: [{ id: 'a', version: 1.5, content: null }] }],
    [
      'an unknown key in a variant',
      { rules: [{ id: 'a', variants: [{ id: 'v', weight: 1, content: null, traffic: 5 }] }] },
    ],
  ])('and the validator both refuse %s', (_what, slot) => {
    const config = { slots: { hero: slot } };
    expect(check(config)).toBe(false);
    expect(shapeErrors(config).length).toBeGreaterThan(0);
  });

  it('accepts every segment name the validator accepts', () => {
    const config = {
      segments: { vip_2: 'visits > 1', _hidden: 'vip_2', notes: 'NOT vip_2', Android: "os = 'android'" },
      slots: { hero: { rules: [{ id: 'a', when: 'notes OR _hidden OR Android', content: null }] } },
    };
    expect(check(config), ajv.errorsText(check.errors)).toBe(true);
    expect(validateConfig(config)).toEqual([]);
  });
});

describe('the schema states the limits', () => {
  it('of src/core/limits.ts that a schema can express', async () => {
    const limits = await import('../../../../src/core/limits.js');
    expect(schema.properties.segments.maxProperties).toBe(limits.MAX_SEGMENTS);
    expect(schema.properties.segments.additionalProperties.maxLength).toBe(limits.MAX_EXPRESSION_LENGTH);
    expect(schema.$defs.segmentName.maxLength).toBe(limits.MAX_NAME_LENGTH);
    expect(schema.$defs.rule.properties.when.maxLength).toBe(limits.MAX_EXPRESSION_LENGTH);
    expect(check({ segments: { [`s${'x'.repeat(limits.MAX_NAME_LENGTH)}`]: 'visits > 1' } })).toBe(false);
    expect(schema.$defs.model.properties.f.maxItems).toBe(limits.MAX_MODEL_TERMS);
    expect(schema.$defs.model.properties.t.maxItems).toBe(limits.MAX_MODEL_TREES);
    expect(schema.$defs.modelTerm.properties.c.maxProperties).toBe(limits.MAX_MODEL_LEVELS);
    expect(schema.$defs.modelWeight).toEqual({
      type: 'number',
      minimum: -limits.MAX_MODEL_WEIGHT,
      maximum: limits.MAX_MODEL_WEIGHT,
    });
  });
});

describe('the schema knows models and collect', () => {
  const cases = JSON.parse(readFileSync(`${root}test/unit/core/model/cases.json`, 'utf8')).cases as {
    model: unknown;
  }[];
  it.each(cases.map((c, i) => [i, c.model]))('accepts the model of case %i, as the validator does', (_i, model) => {
    const config = { models: { purchase: model }, collect: ['pageviews'], endpoint: '/collect' };
    expect(check(config), ajv.errorsText(check.errors)).toBe(true);
    expect(shapeErrors(config)).toEqual([]);
  });

  it.each([
    ['a model another attribute would read', { churn: { v: 1, b: 0, f: [{ a: 'visits', l: 1 }] } }],
    ['a term reading a path', { purchase: { v: 1, b: 0, f: [{ a: 'path', c: {} }] } }],
    ['a term with an unknown key', { purchase: { v: 1, b: 0, f: [{ a: 'visits', l: 1, x: 1 }] } }],
    ['a second format version', { purchase: { v: 2, b: 0, f: [{ a: 'visits', l: 1 }] } }],
  ])('and the validator both refuse %s', (_what, models) => {
    expect(check({ models })).toBe(false);
    expect(validateConfig({ models }).filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
  });
});
