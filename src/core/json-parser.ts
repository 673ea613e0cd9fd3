/**
 * A strict JSON parser (RFC 8259), for pages whose `JSON.parse` was replaced before our script ran
 * (see json.ts). Small rather than fast: configs and contexts are a few kilobytes. Nesting is capped
 * (json-depth.ts, the tools' cap too), so no text can overflow the stack; `__proto__` keys become own
 * properties, as the built-in makes them.
 */
import { MAX_JSON_DEPTH, TOO_DEEP } from './json-depth.js';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

export function parseStrictJson(text: string): unknown {
  let at = 0;
  const fail = (what = `Unexpected ${at < text.length ? `'${text[at]}'` : 'end of JSON'}`): never => {
    throw new SyntaxError(`${what} at position ${at}`);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const expect = (c: string) => (text[at] === c ? at++ : fail());

  const string = (): string => {
    expect('"');
    let out = '';
    for (let start = at; ; ) {
      const c = text[at];
      if (c === undefined || c < ' ') fail();
      if (c === '"') return out + text.slice(start, at++);
      if (c !== '\\') {
        at++;
        continue;
      }
      out += text.slice(start, at);
      const e = text[at + 1] ?? '';
      if (e === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Bad unicode escape');
        out += String.fromCharCode(parseInt(hex, 16));
        at += 6;
      } else if (ESCAPES[e] !== undefined) {
        out += ESCAPES[e];
        at += 2;
      } else fail('Bad escape');
      start = at;
    }
  };

  /** `depth`: the objects and arrays open around this value. */
  const value = (depth: number): unknown => {
    space();
    const c = text[at];
    if ((c === '{' || c === '[') && depth >= MAX_JSON_DEPTH) fail(TOO_DEEP);
    if (c === '{') {
      at++;
      const object: Record<string, unknown> = {};
      space();
      if (text[at] === '}') return (at++, object);
      for (;;) {
        space();
        const key = string();
        space();
        expect(':');
        Object.defineProperty(object, key, {
          value: value(depth + 1),
          writable: true,
          enumerable: true,
          configurable: true,
        });
        space();
        if (text[at] === '}') return (at++, object);
        expect(',');
      }
    }
    if (c === '[') {
      at++;
      const array: unknown[] = [];
      space();
      if (text[at] === ']') return (at++, array);
      for (;;) {
        array.push(value(depth + 1));
        space();
        if (text[at] === ']') return (at++, array);
        expect(',');
      }
    }
    if (c === '"') return string();
    for (const [word, meaning] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, at)) return ((at += word.length), meaning);
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (!number) return fail();
    at += number[0].length;
    return Number(number[0]);
  };

  const result = value(0);
  space();
  if (at < text.length) fail();
  return result;
}
