/**
 * The edge's one path for what it does not control (src/edge/guard.ts): a read or call that throws ends
 * in the caller's fallback, reported at most once per cause, and nothing escapes into the page.
 */
import { describe, expect, it, vi } from 'vitest';
import { attempt, attemptOrWarn, rejecting } from '../../../src/edge/guard.js';
import { createWarner } from '../../../src/edge/warn.js';

const boom = (): never => {
  throw new TypeError('blocked');
};

/** A global as a hostile theme leaves it: reading the property throws. */
const hostile = Object.defineProperty({}, 'value', {
  get() {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
});

describe('attempt()', () => {
  it('returns what the read returns, falsy values and null included', () => {
    expect(attempt(() => 'shop', '')).toBe('shop');
    expect(attempt(() => 0, 5)).toBe(0);
    expect(attempt(() => false, true)).toBe(false);
    expect(attempt(() => null, 'fallback')).toBeNull();
  });

  it('returns the fallback when the read throws: an Error, a DOMException, or anything thrown', () => {
    expect(attempt(boom, 'fallback')).toBe('fallback');
    expect(attempt(() => (hostile as { value: string }).value, 'none')).toBe('none');
    expect(
      attempt(() => {
        throw 'a string'; // what some scripts throw
      }, 7),
    ).toBe(7);
  });

  it('returns undefined on a throw when no fallback is given, and runs the read once', () => {
    const read = vi.fn(boom);
    expect(attempt(read)).toBeUndefined();
    expect(read).toHaveBeenCalledTimes(1);
    const fine = vi.fn(() => 1);
    expect(attempt(fine)).toBe(1);
    expect(fine).toHaveBeenCalledTimes(1);
  });

  it("swallows a callback's throw, so another script's bug never reaches the caller", () => {
    const listener = vi.fn(() => {
      throw new Error("the theme's bug");
    });
    expect(() => attempt(listener)).not.toThrow();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('attemptOrWarn()', () => {
  const message = (error: string) => `the debug panel is off: ${error}`;

  it('returns the value and warns nothing when the call succeeds', () => {
    const warn = vi.fn();
    expect(attemptOrWarn(() => 42, warn, 'debug', message, 0)).toBe(42);
    expect(warn).not.toHaveBeenCalled();
  });

  it('returns the fallback (undefined without one) and warns with the cause and the described error', () => {
    const warn = vi.fn();
    expect(attemptOrWarn(boom, warn, 'debug', message, null)).toBeNull();
    expect(warn).toHaveBeenCalledWith('debug', 'the debug panel is off: TypeError: blocked');
    expect(
      attemptOrWarn(
        () => (hostile as { value: number }).value,
        warn,
        'x',
        (e) => `off (${e})`,
      ),
    ).toBeUndefined();
    expect(warn).toHaveBeenLastCalledWith('x', 'off (SecurityError: The operation is insecure.)');
    expect(
      attemptOrWarn(
        () => {
          throw 'not an Error';
        },
        warn,
        'y',
        (e) => e,
      ),
    ).toBeUndefined();
    expect(warn).toHaveBeenLastCalledWith('y', 'not an Error');
    // Name and message, whatever the error's own toString() says.
    const odd = Object.assign(new RangeError('too far'), { toString: () => '[object Mystery]' });
    attemptOrWarn(
      () => {
        throw odd;
      },
      warn,
      'z',
      (e) => e,
    );
    expect(warn).toHaveBeenLastCalledWith('z', 'RangeError: too far');
  });

  it('prints one console line per cause, however often the call fails', () => {
    const output = { warn: vi.fn() };
    const warn = createWarner(output);
    for (let i = 0; i < 3; i++) attemptOrWarn(boom, warn, 'observe', (e) => `a slot was left as it is: ${e}`);
    attemptOrWarn(boom, warn, 'shopify', (e) => `cart is off: ${e}`);
    expect(output.warn.mock.calls).toEqual([
      ['[p13n] a slot was left as it is: TypeError: blocked'],
      ['[p13n] cart is off: TypeError: blocked'],
    ]);
  });

  it('never throws, even when the warning itself throws', () => {
    const warn = vi.fn(() => {
      throw new Error('console replaced');
    });
    expect(attemptOrWarn(boom, warn, 'debug', message, 'fallback')).toBe('fallback');
    expect(warn).toHaveBeenCalledTimes(1);
    const badMessage = () => {
      throw new Error('message');
    };
    expect(attemptOrWarn(boom, vi.fn(), 'debug', badMessage, 1)).toBe(1);
    // An error whose own getters throw cannot be described: still nothing escapes.
    const evil = Object.defineProperty(new Error('x'), 'name', {
      get() {
        throw new Error('getter');
      },
    });
    expect(
      attemptOrWarn(
        () => {
          throw evil;
        },
        warn,
        'z',
        message,
        2,
      ),
    ).toBe(2);
  });
});

describe('rejecting()', () => {
  it('hands back the promise the call returns, resolved as it is', async () => {
    const promise = Promise.resolve('stored');
    expect(rejecting(() => promise)).toBe(promise);
    await expect(rejecting(() => Promise.resolve(3))).resolves.toBe(3);
  });

  it('turns a synchronous throw into a rejection with the same error, unchanged', async () => {
    const error = new DOMException('no indexedDB here', 'SecurityError');
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = rejecting(() => {
        throw error;
      });
    }).not.toThrow();
    await expect(result).rejects.toBe(error);
  });

  it('passes a rejection through as it is (no wrapping, no timeout of its own)', async () => {
    const error = new Error('quota');
    await expect(rejecting(() => Promise.reject(error))).rejects.toBe(error);
    vi.useFakeTimers();
    try {
      let settled = false;
      const never = rejecting(() => new Promise<never>(() => undefined));
      never.then(
        () => (settled = true),
        () => (settled = true),
      );
      await vi.advanceTimersByTimeAsync(60_000);
      expect(settled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
