/**
 * @vitest-environment node
 *
 * The language-neutral vectors in test/vectors/ (as GrowthBook's cases.json), one `it` each, run
 * through every runtime that decides: the config compiled in the page, the decision program the
 * inline decider runs (through JSON, as a page carries it), and, for consent, the inline decider's own
 * reading of the page's signals. Another implementation can be checked against the same files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pickWeighted, unitHash } from '../../../src/core/decide/bucket.js';
import { compileConfig } from '../../../src/core/config/compile.js';
import { parseConfig } from '../../../src/core/config/parse.js';
import { decide } from '../../../src/core/decide/rules.js';
import { resolveConsent, type ConsentInputs } from '../../../src/core/consent/resolve.js';
import { compiledFromProgram, toProgram, type Program } from '../../../src/core/program/program.js';
import type { Attributes } from '../../../src/core/types.js';
import { earlyConsent } from '../../../src/edge/early/consent.js';

const vectors = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../vectors', name), 'utf8'));

describe('bucketing, hash v1 (test/vectors/bucket.json)', () => {
  const { unit, weighted } = vectors('bucket.json') as {
    unit: Array<{ seed: string; key: string; visitor: string; expected: number }>;
    weighted: Array<{ weights: number[]; point: number; expected: number }>;
  };
  it.each(unit.map((c) => [c.seed, c.key, c.visitor, c.expected] as const))(
    'unitHash(%j, %j, %j) = %d',
    (seed, key, visitor, expected) => expect(unitHash(seed, key, visitor)).toBe(expected),
  );
  it.each(weighted.map((c) => [c.weights, c.point, c.expected] as const))(
    'pickWeighted(%j, %d) = %d',
    (weights, point, expected) => expect(pickWeighted(weights, point)).toBe(expected),
  );
});

interface DecideCase {
  readonly name: string;
  readonly config: unknown;
  readonly attributes: Attributes;
  readonly visitor: {
    id: string;
    assignments: Record<string, string>;
    canExperiment: boolean;
    now: string;
    forced: Record<string, string>;
  };
  readonly expected: unknown[];
  readonly newAssignments: Record<string, string>;
}

describe('deciding (test/vectors/decide.json)', () => {
  const { cases } = vectors('decide.json') as { cases: DecideCase[] };
  const inPage = (c: DecideCase) => compileConfig(parseConfig(c.config).config);
  const ahead = (c: DecideCase) => {
    const parsed = parseConfig(c.config);
    const program = JSON.parse(JSON.stringify(toProgram(compileConfig(parsed.config), c.config))) as Program;
    const again = parseConfig(program.config);
    return compiledFromProgram(program, again.config, again.problems);
  };
  it.each(
    cases.flatMap((c) => [
      [`${c.name} (in the page)`, c, inPage] as const,
      [`${c.name} (decision program)`, c, ahead] as const,
    ]),
  )('%s', (_, c, compile) => {
    const compiled = compile(c);
    const result = decide(compiled, compiled.segments.evaluation(c.attributes), {
      visitorId: c.visitor.id,
      assignments: c.visitor.assignments,
      canExperiment: c.visitor.canExperiment,
      now: Date.parse(c.visitor.now),
      forcedVariants: new Map(Object.entries(c.visitor.forced)),
    });
    const seen = result.decisions.map((d) => ({
      slot: d.slot,
      rule: d.rule,
      variant: d.variant,
      content: d.content === null ? null : ((d.content as { heading?: string }).heading ?? d.content.type),
      counted: d.experiment?.counted ?? null,
      holdout: d.holdout?.group ?? null,
    }));
    expect(seen).toEqual(c.expected);
    expect(result.newAssignments).toEqual(c.newAssignments);
  });
});

describe('consent (test/vectors/consent.json)', () => {
  const { cases } = vectors('consent.json') as {
    cases: Array<{ name: string; inputs: ConsentInputs; expected: string }>;
  };

  it.each(cases.map((c) => [c.name, c] as const))('%s (the full script)', (_, c) => {
    expect(resolveConsent(c.inputs).state).toBe(c.expected);
  });

  /** The same signals as the page shows them to the inline decider: a dataLayer, Shopify's API. */
  function pageOf(inputs: ConsentInputs): Window {
    const dataLayer: unknown[] = [];
    const command = (...args: unknown[]) => dataLayer.push(Object.assign({ length: args.length }, args));
    if (inputs.modeDefault !== null)
      command('consent', 'default', { analytics_storage: inputs.modeDefault ? 'granted' : 'denied' });
    if (inputs.choice)
      command('consent', 'update', { analytics_storage: inputs.choice.granted ? 'granted' : 'denied' });
    const privacy = inputs.platform === null ? undefined : { preferencesProcessingAllowed: () => inputs.platform };
    return { dataLayer, Shopify: { customerPrivacy: privacy } } as unknown as Window;
  }

  it.each(cases.map((c) => [c.name, c] as const))('%s (the inline decider)', (_, c) => {
    const config = { consent: c.inputs.configured, globalPrivacyControl: c.inputs.globalPrivacyControl };
    expect(earlyConsent(pageOf(c.inputs), config, c.inputs.gpc, () => c.inputs.country, true)).toBe(c.expected);
  });
});
