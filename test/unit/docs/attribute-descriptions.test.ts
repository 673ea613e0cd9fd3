// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_DESCRIPTIONS, DESCRIBED_ATTRIBUTES } from '../../../src/core/attributes/descriptions.js';
import { ATTRIBUTES } from '../../../src/core/attributes/registry.js';

describe('ATTRIBUTE_DESCRIPTIONS', () => {
  it('describes every attribute, in words', () => {
    for (const spec of ATTRIBUTES) expect(ATTRIBUTE_DESCRIPTIONS[spec.name], spec.name).toMatch(/\w{3}/);
  });

  it('describes nothing that is not an attribute', () => {
    expect(Object.keys(ATTRIBUTE_DESCRIPTIONS).sort()).toEqual(ATTRIBUTES.map((spec) => spec.name).sort());
  });

  it('keeps the registry order and fields', () => {
    expect(DESCRIBED_ATTRIBUTES.map(({ description: _, ...spec }) => spec)).toEqual(ATTRIBUTES);
  });
});
