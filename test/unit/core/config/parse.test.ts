import { describe, expect, it } from 'vitest';
import { parseConfig, parseConfigText } from '../../../../src/core/config/parse.js';
import { compileConfig } from '../../../../src/core/config/compile.js';

const hero = { type: 'hero', heading: 'Hi' };

describe('parseConfigText()', () => {
  it('reports text that is not JSON, with a hint, and yields an empty config', () => {
    const { config, problems } = parseConfigText('{ "segments": { "a": "visits > 1", } }');
    expect(config.slots).toEqual({});
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/not valid JSON/);
    expect(problems[0]!.hint).toMatch(/trailing comma/);
  });
});

describe('parseConfig()', () => {
  it('keeps the good rules of a slot and drops a bad one with its path', () => {
    const { config, problems } = parseConfig({
      segments: { lapsed: 'days_since_last_visit >= 30' },
      slots: {
        hero: {
          rules: [
            { id: 'ok', when: 'lapsed', content: hero },
            { id: 'bad', content: { type: 'banner' } },
          ],
        },
      },
    });
    expect(config.slots.hero!.rules.map((rule) => rule.id)).toEqual(['ok']);
    expect(problems).toEqual([
      expect.objectContaining({ path: 'slots.hero.rules[1].content.type', message: 'unknown content type "banner"' }),
    ]);
  });

  it('requires rule ids, unique within a slot', () => {
    const { config, problems } = parseConfig({
      slots: { hero: { rules: [{ content: null }, { id: 'a', content: null }, { id: 'a', content: null }] } },
    });
    expect(config.slots.hero!.rules).toHaveLength(1);
    expect(problems.map((p) => p.path)).toEqual(['slots.hero.rules[0].id', 'slots.hero.rules[2].id']);
  });

  it('accepts variants with null control content and rejects all-zero weights', () => {
    const ok = parseConfig({
      slots: {
        s: {
          rules: [
            {
              id: 't',
              variants: [
                { id: 'control', weight: 50, content: null },
                { id: 'b', weight: 50, content: hero },
              ],
            },
          ],
        },
      },
    });
    expect(ok.problems).toEqual([]);
    expect(ok.config.slots.s!.rules[0]!.variants).toHaveLength(2);
    const zero = parseConfig({
      slots: { s: { rules: [{ id: 't', variants: [{ id: 'a', weight: 0, content: null }] }] } },
    });
    expect(zero.problems[0]!.path).toBe('slots.s.rules[0].variants');
  });

  it('keeps only known fields of content, as text', () => {
    const { config } = parseConfig({
      slots: {
        s: {
          rules: [
            { id: 'r', content: { type: 'hero', heading: 'H', onclick: 'x()', cta: { label: 'Go', href: '/sale' } } },
          ],
        },
      },
    });
    expect(config.slots.s!.rules[0]!.content).toEqual({
      type: 'hero',
      heading: 'H',
      cta: { label: 'Go', href: '/sale' },
    });
  });

  it('bounds the timeout and validates consent', () => {
    const { config, problems } = parseConfig({ timeout: 99_999, consent: 'maybe' });
    expect(config.timeout).toBe(1000);
    expect(problems.map((p) => p.path)).toEqual(['timeout', 'consent']);
  });

  it('rejects a config that is not an object', () => {
    expect(parseConfig([]).problems[0]!.message).toMatch(/must be a JSON object/);
  });
});

describe('problems found when compiling', () => {
  it("name the rule's place in the owner's list, also after an earlier rule was dropped", () => {
    const parsed = parseConfig({
      slots: {
        hero: {
          rules: [
            { when: 'visits > 1', content: null },
            { id: 'ok', when: 'visits > 1', content: null },
            { id: 'typo', when: 'vists > 1', content: null },
          ],
        },
      },
    });
    expect(parsed.problems.map((p) => p.path)).toEqual(['slots.hero.rules[0].id']);
    const compiled = compileConfig(parsed.config, parsed.problems);
    expect(compiled.problems.map((p) => p.path)).toEqual(['slots.hero.rules[0].id', 'slots.hero.rules[2].when']);
  });
});

describe('names JavaScript objects treat specially', () => {
  it("leaves out a '__proto__' segment or slot, with a problem for each", () => {
    const { config, problems } = parseConfigText(
      '{"segments":{"__proto__":"visits > 1","ok":"visits > 2"},"slots":{"__proto__":{"rules":[]},"hero":{"rules":[]}}}',
    );
    expect(Object.keys(config.segments)).toEqual(['ok']);
    expect(Object.keys(config.slots)).toEqual(['hero']);
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['segments.__proto__', "'__proto__' cannot be a segment name: the segment is left out"],
      ['slots.__proto__', "'__proto__' cannot be a slot name: the slot is left out"],
    ]);
  });

  it.each(['constructor', 'prototype', 'toString', 'hasOwnProperty'])(
    'keeps %s working as a segment and a slot name',
    (name) => {
      const { config, problems } = parseConfigText(
        `{"segments":{"${name}":"visits >= 1"},"slots":{"${name}":{"rules":[{"id":"r","when":"${name}","content":{"type":"hide"}}]}}}`,
      );
      const compiled = compileConfig(config, problems);
      expect(compiled.problems).toEqual([]);
      expect(compiled.segments.match(compiled.segments.evaluation({ visits: 1 }))).toEqual([name]);
      expect(compiled.slots.map((slot) => slot.name)).toEqual([name]);
    },
  );
});
