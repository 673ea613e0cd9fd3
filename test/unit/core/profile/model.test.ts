import { describe, expect, it } from 'vitest';
import { migrate, newProfile, PROFILE_VERSION } from '../../../../src/core/profile/model.js';

describe('migrate()', () => {
  it('accepts a current record unchanged', () => {
    const profile = newProfile('abc', 1);
    expect(migrate(JSON.parse(JSON.stringify(profile)))).toEqual({ ok: true, profile });
  });

  it.each([
    ['null', null],
    ['a string', 'profile'],
    ['an array', []],
    ['no version', { id: 'x' }],
    ['a version of 0', { ...newProfile('x', 1), version: 0 }],
    ['a negative count', { ...newProfile('x', 1), visits: -1 }],
    ['a missing id', { ...newProfile('x', 1), id: '' }],
    ['interest that is not counts', { ...newProfile('x', 1), interest: { running: 'many' } }],
  ])('calls %s corrupt', (_name, record) => {
    expect(migrate(record)).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('recognises a record from a newer version instead of overwriting it', () => {
    expect(migrate({ ...newProfile('x', 1), version: PROFILE_VERSION + 1 })).toEqual({
      ok: false,
      reason: 'future-version',
    });
  });
});
