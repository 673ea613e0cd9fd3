// @vitest-environment node
/**
 * The reference in docs/ is part of the product: it must name every attribute and every config key the
 * code knows, state the limits the code enforces, and the demo config must be clean.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES } from '../../../src/core/attributes/registry.js';
import { SHOPIFY_ALIASES } from '../../../src/core/attributes/aliases.js';
import { compileConfig } from '../../../src/core/config/compile.js';
import { parseConfigText } from '../../../src/core/config/parse.js';
import { TOP_LEVEL_KEYS } from '../../../src/core/config/strict.js';

const root = `${process.cwd()}/`;
const doc = (name: string) => readFileSync(`${root}docs/${name}`, 'utf8');
const expressions = doc('expressions.md');
const config = doc('config.md');
const marked = (text: string, name: string) =>
  text.slice(text.indexOf(`<!-- ${name}:start -->`), text.indexOf(`<!-- ${name}:end -->`));
const attributes = marked(expressions, 'attributes');
const language = expressions.slice(
  expressions.indexOf('## The expression language'),
  expressions.indexOf('## Attributes'),
);
const keys = config.slice(config.indexOf('## Keys'), config.indexOf('## Content types'));

describe('docs/expressions.md', () => {
  it('has its attributes table and the language section', () => {
    expect(attributes.length).toBeGreaterThan(100);
    expect(language.length).toBeGreaterThan(100);
  });

  it.each(ATTRIBUTES.map((spec) => [spec.name, spec]))('documents the attribute %s', (name, spec) => {
    expect(attributes).toContain(spec.namespace ? `\`${name}.` : `\`${name}\``);
  });

  it.each(Object.entries(SHOPIFY_ALIASES))("names Shopify's %s as an alias of %s", (alias, ours) => {
    expect(attributes).toMatch(new RegExp(`\`${alias}\`[^|]*\`${ours}\``));
    expect(language).toContain(`\`${alias}\` is \`${ours}\``);
  });

  it('lists every closed value set exactly as the attribute reports it', () => {
    for (const spec of ATTRIBUTES.filter((s) => s.values)) {
      for (const value of spec.values!) expect(attributes, `${spec.name} = ${value}`).toContain(`\`${value}\``);
    }
  });
});

describe('docs/config.md', () => {
  it.each(TOP_LEVEL_KEYS.map((key) => [key]))('has a row for the config key %s', (key) => {
    expect(keys).toMatch(new RegExp(`^\\| [^|]*\`${key.replace('$', '\\$')}\``, 'm'));
  });

  it.each(['timezone', 'from', 'until'])('has a row for %s', (key) => {
    expect(keys).toMatch(new RegExp(`^\\| [^|]*\`${key}\``, 'm'));
  });
});

describe('the demo config', () => {
  it('parses and compiles without a single problem', () => {
    const parsed = parseConfigText(readFileSync(`${root}demo/p13n.json`, 'utf8'));
    expect(compileConfig(parsed.config, parsed.problems).problems).toEqual([]);
  });
});

describe('the limits table (docs/limits.md)', () => {
  it('states the limits of src/core/limits.ts', async () => {
    const limits = await import('../../../src/core/limits.js');
    const table = marked(doc('limits.md'), 'limits');
    const row = (label: string) =>
      table
        .split('\n')
        .find((line) => line.startsWith(`| ${label} |`))
        ?.split('|')[2]
        ?.trim();
    expect(row('config text')).toBe(`${limits.MAX_CONFIG_LENGTH / 1024} KB`);
    expect(row('segments')).toBe(String(limits.MAX_SEGMENTS));
    expect(row('rules, all slots together')).toBe(String(limits.MAX_RULES));
    expect(row('segment name')).toBe(`${limits.MAX_NAME_LENGTH} characters`);
    expect(row('one expression')).toBe(`${limits.MAX_EXPRESSION_LENGTH} characters`);
    expect(row('all expressions together')).toBe(`${limits.MAX_TOTAL_EXPRESSION_LENGTH} characters`);
    expect(row('parentheses and `NOT`s nested in an expression')).toBe(String(limits.MAX_NESTING));
    expect(row('segments using segments, in a chain')).toBe(String(limits.MAX_SEGMENT_DEPTH));
    expect(row('terms of a model')).toBe(String(limits.MAX_MODEL_TERMS));
    expect(row('levels of one model term')).toBe(String(limits.MAX_MODEL_LEVELS));
    expect(row('trees of a model')).toBe(String(limits.MAX_MODEL_TREES));
    expect(row("splits from a tree's root to a leaf")).toBe(String(limits.MAX_TREE_DEPTH));
    expect(row('numbers in one model')).toBe(String(limits.MAX_MODEL_NUMBERS));
    expect(row("a model's weight or leaf, in log-odds")).toBe(`±${limits.MAX_MODEL_WEIGHT}`);
  });
});
