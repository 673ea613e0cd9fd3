/** Our JSON and copies agree with the built-ins on plain data, and ignore what a page did to them. */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../../src/core/json-parser.js';
import { toJson } from '../../../src/core/json.js';
import { copyData } from '../../../src/core/copy.js';

const data = fc.jsonValue();

describe('parseStrictJson()', () => {
  it('reads what JSON.stringify writes, as JSON.parse does', () => {
    fc.assert(
      fc.property(data, (value) => {
        const text = JSON.stringify(value, null, 1);
        expect(parseStrictJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it.each(['', '{', '[1,]', '{"a":1,}', "{'a':1}", '01', '1.', 'tru', '"\\x"', '"a\nb"', '[1] 2'])(
    'refuses %j as JSON.parse does',
    (text) => {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      expect(() => parseStrictJson(text)).toThrow(SyntaxError);
    },
  );

  it('keeps __proto__ an own key, never a prototype', () => {
    const parsed = parseStrictJson('{"__proto__":{"polluted":1}}') as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than 256 instead of overflowing the stack', () => {
    expect(() => parseStrictJson('['.repeat(100_000))).toThrow(/nested too deeply/);
  });
});

describe('toJson()', () => {
  const toJSON = Object.getOwnPropertyDescriptor(Array.prototype, 'toJSON');
  afterEach(() => {
    if (!toJSON) delete (Array.prototype as { toJSON?: unknown }).toJSON;
  });

  it('writes what JSON.stringify writes', () => {
    fc.assert(
      fc.property(data, fc.string(), (value, text) => {
        expect(toJson(value)).toBe(JSON.stringify(value));
        expect(toJson(text)).toBe(JSON.stringify(text));
      }),
    );
  });

  it('ignores Prototype.js-style Array#toJSON', () => {
    (Array.prototype as { toJSON?: unknown }).toJSON = function () {
      return 'broken';
    };
    expect(toJson({ tags: ['a', 'b'] })).toBe('{"tags":["a","b"]}');
  });
});

describe('copyData()', () => {
  it('copies like a JSON round trip, without JSON', () => {
    fc.assert(
      fc.property(data, (value) => {
        expect(copyData(value)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('is a copy: changing it leaves the original', () => {
    const original = { list: [1, { a: 1 }] };
    const copied = copyData(original);
    (copied.list[1] as { a: number }).a = 2;
    expect(original.list[1]).toEqual({ a: 1 });
  });

  it('works with JSON.stringify replaced by a theme', () => {
    const stringify = JSON.stringify;
    JSON.stringify = () => {
      throw new Error('theme');
    };
    try {
      expect(copyData({ a: [1, 'x', null, undefined] })).toEqual({ a: [1, 'x', null, null] });
    } finally {
      JSON.stringify = stringify;
    }
  });
});
