import { describe, expect, it } from 'vitest';
import { fnv1a32, pickWeighted, unitHash } from '../../../../src/core/decide/bucket.js';

describe('fnv1a32()', () => {
  // Published FNV-1a 32-bit test vectors (http://www.isthe.com/chongo/tech/comp/fnv/).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j to the reference value', (input, expected) => {
    expect(fnv1a32(input)).toBe(expected);
  });
});

describe('unitHash()', () => {
  it('is stable for the same inputs and stays in [0, 1)', () => {
    const a = unitHash('seed', 'rule@1', 'visitor');
    expect(unitHash('seed', 'rule@1', 'visitor')).toBe(a);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(1);
  });

  it('pins v1 values so a change to the hash cannot slip in unnoticed', () => {
    expect(unitHash('p13n-v1:hero-test@1', 'variant', '00000000000000000000000000000001')).toMatchInlineSnapshot(
      `0.6693773211445659`,
    );
  });
});

describe('pickWeighted()', () => {
  it('splits [0, 1) in proportion to weights that need not sum to 100', () => {
    expect(pickWeighted([1, 3], 0.24)).toBe(0);
    expect(pickWeighted([1, 3], 0.25)).toBe(1);
    expect(pickWeighted([1, 3], 0.999999)).toBe(1);
  });

  it('never picks a zero weight', () => {
    expect(pickWeighted([0, 5, 0], 0)).toBe(1);
    expect(pickWeighted([0, 5, 0], 0.9999)).toBe(1);
  });
});
