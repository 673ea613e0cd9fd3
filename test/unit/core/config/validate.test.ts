// @vitest-environment node
/** The validator's building blocks: where JSON breaks, and which `when` matches everyone. */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findJsonError, positionOf } from '../../../../src/core/config/json-error.js';
import { alwaysTrue } from '../../../../src/core/config/reach.js';
import { validateConfig, validateConfigText } from '../../../../src/core/config/validate.js';
import { parse } from '../../../../src/core/segments/index.js';

describe('findJsonError()', () => {
  it.each([
    ['{"a": [1, 2,]}', 11, "a comma before ']'"],
    ['{"a": 1 "b": 2}', 8, "expected ',' or '}' after a property value, found '\"'"],
    ['{"a": "never ends}', 6, 'a string that never ends'],
    ['{"a": "two\nlines"}', 10, 'a line break or control character inside a string'],
    ['{"a": yes}', 6, "unexpected word 'yes'"],
    ['{"a": 01}', 7, "expected ',' or '}' after a property value, found '1'"],
    ['{"a": 1', 7, "expected ',' or '}' after a property value, found the end of the text"],
    ['{} {}', 3, "unexpected '{' after the end of the config"],
    ['', 0, 'expected a value, found the end of the text'],
  ])('finds the mistake in %j at offset %i', (text, offset, message) => {
    expect(findJsonError(text)).toMatchObject({ offset, message });
  });

  it('finds nothing in any JSON that JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (value, indent) => {
        expect(findJsonError(JSON.stringify(value, null, indent) ?? 'null')).toBeNull();
      }),
    );
  });

  it('finds a mistake exactly when JSON.parse refuses the text', () => {
    const near = fc.oneof(
      fc.string(),
      fc
        .json()
        .chain((json) =>
          fc
            .tuple(fc.nat(json.length), fc.constantFrom('', ',', '"', '}', ']', "'", 'x', '\n'))
            .map(([at, insert]) => json.slice(0, at) + insert + json.slice(at + 1)),
        ),
    );
    fc.assert(
      fc.property(near, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonError(text) === null).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  it('turns an offset into a line and column', () => {
    expect(positionOf('{\n  "a": 1\n  "b"\n}', 13)).toEqual({ line: 3, column: 3, text: '  "b"' });
  });
});

describe('alwaysTrue()', () => {
  const segments = { everyone: 'true', nobody: 'NOT everyone', vip: "tags CONTAINS 'vip'", loop: 'loop' };
  it.each([
    'true',
    'TRUE',
    'NOT false',
    'vip OR true',
    'true AND (false OR NOT false)',
    'everyone',
    'NOT nobody',
    'vip OR everyone',
  ])('%s matches everyone', (when) => {
    expect(alwaysTrue(parse(when), segments)).toBe(true);
  });
  it.each(['false', 'vip', 'visits >= 0', 'vip AND true', 'nobody', 'loop', 'NOT (vip OR false)', 'unknown_segment'])(
    '%s does not',
    (when) => {
      expect(alwaysTrue(parse(when), segments)).toBe(false);
    },
  );
});

describe('validateConfig()', () => {
  it('accepts "$schema" and reports nothing for a clean config', () => {
    expect(
      validateConfig({
        $schema: './p13n.schema.json',
        segments: { a: 'visits > 1' },
        slots: { hero: { rules: [{ id: 'x', when: 'a', content: null }] } },
      }),
    ).toEqual([]);
  });

  it('keeps going after the first mistake: every problem at once', () => {
    const problems = validateConfig({
      segments: { a: 'vists > 1' },
      slots: {
        hero: {
          rules: [
            { id: 'x', when: 'a', content: { type: 'hero', image: 'javascript:1' } },
            { id: 'y', content: null },
          ],
        },
        side: { rules: [] },
      },
      timout: 5,
    });
    expect(problems.map((p) => [p.severity, p.code, p.path])).toEqual([
      ['error', 'expression', 'segments.a'], // rule x, which uses it, is listed under it: one mistake, one error
      ['error', 'unsafe-url', 'slots.hero.rules[0].content.image'],
      ['error', 'unknown-key', 'timout'],
      ['warning', 'empty-slot', 'slots.side.rules'],
    ]);
  });

  it('names the slot and the rule before the path, and lists what one broken segment turns off', () => {
    const problems = validateConfig({
      segments: { a: 'vists > 1', b: 'a AND logged_in' },
      slots: {
        hero: {
          rules: [
            { id: 'winback', when: 'b', content: null },
            {
              id: 'ab',
              variants: [
                { id: 'control', weight: 1, content: null },
                { id: 'big', weight: 0, content: null },
              ],
            },
          ],
        },
      },
    });
    expect(problems.map((p) => [p.where, p.path])).toEqual([
      ['segment "a"', 'segments.a'],
      ['slot "hero", rule "ab", variant "big"', 'slots.hero.rules[1].variants[1].weight'],
    ]);
    expect(problems[0]!.alsoOff).toEqual(['segment "b"', 'slot "hero", rule "winback"']);
  });

  it('reports a cycle once, on its first member', () => {
    const problems = validateConfig({
      segments: { a: 'b', b: 'c', c: 'a' },
      slots: { hero: { rules: [{ id: 'r', when: 'c', content: null }] } },
    });
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['segments.a', expect.stringMatching(/^Segments use each other in a cycle: a → b → c → a/)],
    ]);
    expect(problems[0]!.alsoOff).toEqual(['segment "b"', 'segment "c"', 'slot "hero", rule "r"']);
  });

  it('does not call a rule that the runtime drops a catch-all', () => {
    const problems = validateConfig({
      slots: {
        hero: {
          rules: [
            { id: 'broken', content: { type: 'banner' } },
            { id: 'vip', when: 'logged_in', content: null },
          ],
        },
      },
    });
    expect(problems.map((p) => p.code)).toEqual(['structure']);
  });

  it('finds nothing to say about the demo store’s config, not even a warning', () => {
    expect(validateConfigText(readFileSync(`${process.cwd()}/demo/p13n.json`, 'utf8'))).toEqual([]);
  });

  it('gives the offset of broken JSON', () => {
    expect(validateConfigText('{"slots": {},}')).toEqual([
      expect.objectContaining({ code: 'json', offset: 12, hint: expect.stringContaining('remove this comma') }),
    ]);
  });
});
