/**
 * The decision program: a config compiled ahead of time (by `p13n snippet`, `p13n shopify`, the app
 * embed build and the studio), so a shopper's page runs no expression parser, validator or "did you
 * mean". It is plain JSON, printed in the page as `<script type="application/json" id="p13n-config">`
 * (the same element a hand-written config uses; `"p13n": "program"` tells them apart):
 *
 *   { "p13n": "program", "v": 1,
 *     "config":   the owner's config as it validated (segment texts and `when`s kept, for the API and
 *                 the debug panel),
 *     "segments": [[name, expr], …]          the healthy segments, in config order,
 *     "when":     { slot: { ruleId: expr } } each rule's condition (a rule without one matches everyone),
 *     "early":    what the inline decider needs beyond that (core/program/early.ts) }
 *
 * Expressions are in the form of ./expr.ts. A program from a newer compiler (another `v`) is refused
 * as a whole, with one warning: the page keeps its defaults rather than half-understand it.
 */
import { ruleOf, slotSelector, type CompiledConfig, type CompiledSlot } from '../config/compiled.js';
import type { ConfigProblem } from '../config/parse.js';
import type { Config } from '../config/types.js';
import type { SegmentSet } from '../segments/index.js';
import { compileExpr, type Expr } from './expr.js';
import { segmentEvaluator } from './segments.js';

export const PROGRAM_VERSION = 1;

export interface Program {
  readonly p13n: 'program';
  readonly v: typeof PROGRAM_VERSION;
  readonly config: unknown;
  readonly segments: readonly (readonly [string, Expr])[];
  readonly when: Readonly<Record<string, Readonly<Record<string, Expr>>>>;
  readonly early?: unknown;
}

/** Whether parsed JSON is a program rather than a hand-written config (its `v` still to be checked). */
export const isProgram = (json: unknown): json is Program =>
  typeof json === 'object' && json !== null && (json as { p13n?: unknown }).p13n === 'program';

/** The program of a config that compiled; `source` is the config JSON as the owner wrote it. */
export function toProgram(compiled: CompiledConfig, source: unknown, early?: unknown): Program {
  const when: Record<string, Record<string, Expr>> = {};
  for (const slot of compiled.slots) {
    const rules: Record<string, Expr> = {};
    for (const rule of slot.rules) if (rule.expr !== null) rules[rule.id] = rule.expr;
    when[slot.name] = rules;
  }
  const config =
    typeof source === 'object' && source !== null ? withoutSchema(source as Record<string, unknown>) : source;
  return {
    p13n: 'program',
    v: PROGRAM_VERSION,
    config,
    segments: [...compiled.segments.exprs],
    when,
    ...(early === undefined ? {} : { early }),
  };
}

/** `$schema` helps an editor, not a shopper. */
function withoutSchema(config: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _schema, ...rest } = config;
  return rest;
}

/** Compiles text expressions against a program's segments, when the expression compiler is loaded. */
export type ExpressionCompiler = (
  segments: ReadonlyMap<string, Expr>,
) => Pick<SegmentSet, 'compile' | 'lower' | 'references'>;

/**
 * What the runtime decides with, from a program whose `config` part parsed as `config`. A rule whose
 * condition the program lacks, a segment or a condition of a shape this version does not know, all
 * fail closed (the rule never matches), so a damaged program shows defaults, never wrong content.
 * `language` gives `p13n.matches()` and the debug panel their expression compiler, when it is loaded.
 */
export function compiledFromProgram(
  program: Program,
  config: Config,
  problems: readonly ConfigProblem[],
  language?: ExpressionCompiler,
): CompiledConfig {
  const entries = Array.isArray(program.segments)
    ? program.segments.filter(
        (entry): entry is readonly [string, Expr] => Array.isArray(entry) && typeof entry[0] === 'string',
      )
    : [];
  const exprs = new Map(entries.map(([name, expr]) => [name, expr]));
  const names = [...exprs.keys()];
  const evaluator = segmentEvaluator(
    names,
    names.map((name) => compileExpr(exprs.get(name))),
  );
  const compiler = language?.(exprs);
  const missing = () => {
    throw new Error('the expression compiler is not loaded yet: await p13n.ready first');
  };
  const segments: SegmentSet = {
    names,
    errors: new Map(),
    exprs,
    evaluation: evaluator.evaluation,
    match: evaluator.match,
    compile: compiler?.compile ?? missing,
    lower: compiler?.lower ?? missing,
    references: compiler?.references ?? missing,
  };
  const when = typeof program.when === 'object' && program.when !== null ? program.when : {};
  const slots = Object.entries(config.slots).map(
    ([name, slot]): CompiledSlot => ({
      name,
      selector: slot.selector ?? slotSelector(name),
      rules: slot.rules.map((rule) => {
        if (rule.when === undefined) return ruleOf(rule, null);
        const expr = own(own(when, name), rule.id);
        return expr === undefined
          ? ruleOf(rule, null, `rule '${rule.id}' is off: the program has no condition for it (generate it again)`)
          : ruleOf(rule, expr as Expr);
      }),
    }),
  );
  return { config, segments, slots, problems };
}

const own = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, key)
    ? (o as Record<string, unknown>)[key]
    : undefined;
