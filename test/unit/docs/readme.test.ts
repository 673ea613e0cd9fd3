// @vitest-environment node
/** The README is part of the product: it must name every attribute and the demo config must be clean. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES } from '../../../src/core/attributes/registry.js';
import { SHOPIFY_ALIASES } from '../../../src/core/attributes/aliases.js';
import { compileConfig } from '../../../src/core/config/compile.js';
import { parseConfigText } from '../../../src/core/config/parse.js';

const root = `${process.cwd()}/`;
const readme = readFileSync(`${root}README.md`, 'utf8');
const section = (name: string) =>
  readme.slice(readme.indexOf(`<!-- ${name}:start -->`), readme.indexOf(`<!-- ${name}:end -->`));

describe('README', () => {
  it.each(ATTRIBUTES.map((spec) => [spec.name, spec]))('documents the attribute %s', (name, spec) => {
    expect(section('attributes')).toContain(spec.namespace ? `\`${name}.` : `\`${name}\``);
  });

  it.each(Object.entries(SHOPIFY_ALIASES))("names Shopify's %s as an alias of %s", (alias, ours) => {
    expect(section('attributes')).toMatch(new RegExp(`\`${alias}\`[^|]*\`${ours}\``));
    expect(readme.slice(readme.indexOf('## Expression language'), readme.indexOf('## Attributes'))).toContain(
      `\`${alias}\` is \`${ours}\``,
    );
  });

  it.each(['timezone', 'from', 'until'])('has a config reference row for %s', (key) => {
    const reference = readme.slice(readme.indexOf('## Config reference'), readme.indexOf('## Expression language'));
    expect(reference).toMatch(new RegExp(`^\\| [^|]*\`${key}\``, 'm'));
  });

  it('lists every closed value set exactly as the attribute reports it', () => {
    for (const spec of ATTRIBUTES.filter((s) => s.values)) {
      for (const value of spec.values!)
        expect(section('attributes'), `${spec.name} = ${value}`).toContain(`\`${value}\``);
    }
  });
});

describe('the demo config', () => {
  it('parses and compiles without a single problem', () => {
    const parsed = parseConfigText(readFileSync(`${root}demo/p13n.json`, 'utf8'));
    expect(compileConfig(parsed.config, parsed.problems).problems).toEqual([]);
  });
});

describe('the README limits table', () => {
  it('states the limits of src/core/limits.ts', async () => {
    const limits = await import('../../../src/core/limits.js');
    const table = section('limits');
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
