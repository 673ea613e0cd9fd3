/**
 * Where a config stops being JSON, in words a store owner can act on. `JSON.parse` says "Unexpected
 * token" with a position only sometimes, and its wording changes between engine versions; this small
 * scanner (RFC 8259 grammar) finds the first mistake itself, so the validator can print the line, a caret
 * and a fix (a trailing comma, a missing comma, single quotes), the same on every Node version.
 * https://www.rfc-editor.org/rfc/rfc8259
 */

export interface JsonSyntaxError {
  /** 0-based offset of the offending character (the text's length for "ended too early"). */
  readonly offset: number;
  readonly message: string;
  readonly hint?: string;
}

export interface Position {
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  /** The whole line, for showing it with a caret. */
  readonly text: string;
}

const MAX_DEPTH = 500;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

/** The first syntax error of `text`, or null when it is valid JSON. */
export function findJsonError(text: string): JsonSyntaxError | null {
  let i = 0;
  let depth = 0;
  const fail = (message: string, hint?: string, at = i): never => {
    throw new Stop(hint ? { offset: at, message, hint } : { offset: at, message });
  };
  const found = () => (i >= text.length ? 'the end of the text' : `'${text[i]}'`);
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };

  const string = () => {
    const start = i++;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
        else if (next !== undefined && '"\\/bfnrt'.includes(next)) i++;
        else fail(`invalid escape '\\${next ?? ''}' in a string`, 'write a backslash as \\\\');
      } else if (c < 0x20) {
        fail(
          'a line break or control character inside a string',
          'end the string with " before the line ends, or write a line break as \\n',
        );
      }
    }
    fail('a string that never ends', 'add the closing "', start);
  };

  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') return nested(c);
    if (c === '"') return string();
    if (c === "'") fail('a string in single quotes', 'JSON strings use double quotes: "like this"');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) fail(`a malformed number`, 'write numbers like 10, 2.5 or -1, without leading zeros');
      i = NUMBER.lastIndex;
      return;
    }
    const literal = LITERALS.find((word) => text.startsWith(word, i));
    if (literal) return void (i += literal.length);
    const word = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 40))?.[0];
    if (word)
      fail(
        `unexpected word '${word}'`,
        'text values need double quotes: "like this"; the only bare words are true, false and null',
      );
    fail(`expected a value, found ${found()}`);
  };

  const nested = (open: '{' | '[') => {
    const close = open === '{' ? '}' : ']';
    if (++depth > MAX_DEPTH) fail('the config is nested too deeply');
    i++;
    space();
    if (text[i] === close) {
      i++;
      depth--;
      return;
    }
    for (;;) {
      if (open === '{') {
        space();
        if (text[i] !== '"') {
          const hint =
            text[i] === "'"
              ? 'property names use double quotes: "name"'
              : /[A-Za-z_$]/.test(text[i] ?? '')
                ? 'put the property name in double quotes: "name"'
                : undefined;
          fail(`expected a property name in double quotes, found ${found()}`, hint);
        }
        string();
        space();
        if (text[i] !== ':') fail(`expected ':' after the property name, found ${found()}`);
        i++;
      }
      value();
      space();
      if (text[i] === ',') {
        const comma = i++;
        space();
        if (text[i] === close)
          fail(
            `a comma before '${close}'`,
            `remove this comma: JSON allows no comma after the last ${open === '{' ? 'property' : 'item'}`,
            comma,
          );
        continue;
      }
      if (text[i] === close) {
        i++;
        depth--;
        return;
      }
      const missingComma = text[i] === '"' || text[i] === '{' || text[i] === '[';
      fail(
        `expected ',' or '${close}' after ${open === '{' ? 'a property value' : 'an item'}, found ${found()}`,
        missingComma ? 'a comma is probably missing before this' : undefined,
      );
    }
  };

  try {
    value();
    space();
    if (i < text.length)
      fail(`unexpected ${found()} after the end of the config`, 'the config is one {…} object: remove what follows it');
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.error;
    throw error;
  }
}

/** Line and column (1-based) of a 0-based offset, with the text of that line. */
export function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = before.split('\n').length;
  return {
    line,
    column: offset - lineStart + 1,
    text: text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, ''),
  };
}
