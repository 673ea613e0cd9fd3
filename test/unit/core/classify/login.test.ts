// @vitest-environment node
// Pure code: no DOM globals needed (documents come from happy-dom's Window where a test needs one).
import { describe, expect, it } from 'vitest';
import { loginState } from '../../../../src/core/classify/login.js';
import { readGlobalPath, readLoginSignals } from '../../../../src/edge/page/login-signals.js';

const none = { server: null, global: undefined, cookie: null, selectorMatched: null };

describe('loginState()', () => {
  it('asks the server context first: customer.id means signed in, customer null means a guest', () => {
    expect(loginState({ ...none, server: { customer: { id: 7_001_234 } }, selectorMatched: false })).toBe(true);
    expect(loginState({ ...none, server: { customer: { id: 'gid://shopify/Customer/1' } } })).toBe(true);
    expect(loginState({ ...none, server: { customer: null }, global: 42, cookie: 'x' })).toBe(false);
    expect(loginState({ ...none, server: { customer: { id: '' } } })).toBe(false);
  });

  it('then the detectors in order: global, cookie, selector', () => {
    expect(loginState({ ...none, server: { country: 'NO' }, global: 12345 })).toBe(true);
    expect(loginState({ ...none, global: null, cookie: 'abc' })).toBe(false);
    expect(loginState({ ...none, global: '', selectorMatched: true })).toBe(false);
    expect(loginState({ ...none, cookie: 'abc' })).toBe(true);
    expect(loginState({ ...none, cookie: '', selectorMatched: true })).toBe(false);
    expect(loginState({ ...none, selectorMatched: true })).toBe(true);
    expect(loginState({ ...none, selectorMatched: false })).toBe(false);
  });

  it('is null when nothing says', () => {
    expect(loginState(none)).toBeNull();
    expect(loginState({ ...none, server: {} })).toBeNull();
    expect(loginState(null as never)).toBeNull();
  });
});

describe('readGlobalPath()', () => {
  it('reads a dotted path, null for a missing last key, undefined for a missing parent', () => {
    const win = { ShopifyAnalytics: { meta: { page: { customerId: 42 } } } };
    expect(readGlobalPath(win, 'ShopifyAnalytics.meta.page.customerId')).toBe(42);
    expect(
      readGlobalPath({ ShopifyAnalytics: { meta: { page: {} } } }, 'ShopifyAnalytics.meta.page.customerId'),
    ).toBeNull();
    expect(readGlobalPath({}, 'ShopifyAnalytics.meta.page.customerId')).toBeUndefined();
  });

  it('lets no throwing getter or proxy escape, and never walks the prototype chain', () => {
    const hostile = {
      get a() {
        throw new Error('getter');
      },
      b: new Proxy(
        {},
        {
          has: () => {
            throw new Error('trap');
          },
        },
      ),
    };
    expect(readGlobalPath(hostile, 'a.b')).toBeUndefined();
    expect(readGlobalPath(hostile, 'b.c')).toBeUndefined();
    expect(readGlobalPath({}, 'constructor.name')).toBeUndefined();
    expect(readGlobalPath({ a: 'text' }, 'a.length')).toBeUndefined();
    expect(readGlobalPath({ a: 1 }, 'a..b')).toBeUndefined();
  });
});

describe('readLoginSignals()', () => {
  /** A window stub: the reader only touches `document.cookie`, `document.querySelector` and globals. */
  function page(matches: string[] = [], cookie = '') {
    const querySelector = (selector: string) => {
      // What browsers do with a malformed selector.
      if ((selector.match(/\[/g) ?? []).length !== (selector.match(/]/g) ?? []).length)
        throw new SyntaxError(`'${selector}' is not a valid selector`);
      return matches.includes(selector) ? {} : null;
    };
    return { document: { cookie, querySelector } } as unknown as Window;
  }

  it('reads a global path, a cookie by name and a selector match', () => {
    const win = page(['a[href="/account/logout"]'], '_shopify_y=abc; customer_signed_in=1; cart=x%20y');
    (win as unknown as { Shop: unknown }).Shop = { customer: { id: 9 } };
    expect(
      readLoginSignals(
        win,
        { global: 'Shop.customer.id', cookie: 'customer_signed_in', selector: 'a[href="/account/logout"]' },
        null,
      ),
    ).toEqual({ server: null, global: 9, cookie: '1', selectorMatched: true });
  });

  it('reports a configured but absent cookie as empty, and an invalid selector as no signal', () => {
    const signals = readLoginSignals(page(), { cookie: 'customer_signed_in', selector: 'a[href=' }, null);
    expect(signals).toMatchObject({ cookie: '', selectorMatched: null, global: undefined });
    expect(loginState(signals)).toBe(false);
  });

  it('says nothing without detectors, and passes the server context through', () => {
    const server = { customer: { id: 1 } };
    expect(readLoginSignals(page(), undefined, server)).toEqual({
      server,
      global: undefined,
      cookie: null,
      selectorMatched: null,
    });
  });

  it('survives a document whose cookie getter throws (sandboxed frame)', () => {
    const win = {
      document: {
        get cookie(): string {
          throw new Error('SecurityError');
        },
        querySelector: () => null,
      },
    };
    expect(readLoginSignals(win as unknown as Window, { cookie: 'c', selector: '.x' }, null)).toMatchObject({
      cookie: '',
      selectorMatched: false,
    });
  });
});
