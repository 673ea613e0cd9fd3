/**
 * A config ready to decide: what both compilers produce (the config compiled in the page, by
 * compile.ts, and the program compiled ahead of time, by core/program/program.ts) and what every
 * runtime decides from. Kept apart from the compilers, so a runtime that loads a program carries no
 * expression parser.
 */
import type { ConfigProblem } from './parse.js';
import type { Content, Rule, Config } from './types.js';
import type { SegmentSet } from '../segments/index.js';
import { compileExpr, type Expr, type Predicate } from '../program/expr.js';
import { scheduleOf, type Schedule } from '../decide/schedule.js';

export interface CompiledRule {
  readonly id: string;
  readonly when: string | undefined;
  /** `null` for a rule without `when`: it matches everyone. */
  readonly predicate: Predicate | null;
  /** The same, as the decision program carries it (core/program/expr.ts). */
  readonly expr: Expr | null;
  /** Why the rule is off, when it is: it is then skipped, never matched. */
  readonly disabled: string | null;
  readonly selector: string | undefined;
  readonly content: Content | null;
  readonly variants: Rule['variants'];
  readonly traffic: number | undefined;
  readonly version: number;
  /** The rule's `weights_version` (1 when absent): which set of weights an exposure was drawn under. */
  readonly weightsVersion: number;
  /** `from` / `until`: outside it the rule is skipped. Null when the rule has none. */
  readonly schedule: Schedule | null;
  /** Per variant (same order), the same; null when no variant has one. */
  readonly variantSchedules: readonly (Schedule | null)[] | null;
}

export interface CompiledSlot {
  readonly name: string;
  readonly selector: string;
  readonly rules: readonly CompiledRule[];
}

export interface CompiledConfig {
  readonly config: Config;
  readonly segments: SegmentSet;
  readonly slots: readonly CompiledSlot[];
  /** Structural problems plus expression errors, each with its JSON path. */
  readonly problems: readonly ConfigProblem[];
}

/** The default element of a slot; the name is escaped so any string is a safe selector. */
export function slotSelector(name: string): string {
  return `[data-p13n-slot="${name.replace(/["\\]/g, '\\$&')}"]`;
}

/** A rule ready to decide, given its `when` in the expression form (null: everyone), or why it is off. */
export function ruleOf(rule: Rule, expr: Expr | null, disabled: string | null = null): CompiledRule {
  const predicate = expr === null ? null : compileExpr(expr);
  return {
    id: rule.id,
    when: rule.when,
    // Fail closed: nothing in the page breaks because of an expression.
    predicate:
      predicate &&
      ((ev) => {
        try {
          return predicate(ev);
        } catch {
          return false;
        }
      }),
    expr,
    disabled,
    selector: rule.selector,
    content: rule.content ?? null,
    variants: rule.variants,
    traffic: rule.traffic,
    version: rule.version ?? 1,
    weightsVersion: rule.weights_version ?? 1,
    schedule: scheduleOf(rule),
    variantSchedules: rule.variants?.some((v) => v.from !== undefined || v.until !== undefined)
      ? rule.variants.map(scheduleOf)
      : null,
  };
}

/** Selectors of every element a slot may render into: each slot's own and its rules' overrides. */
export function allTargets(compiled: Pick<CompiledConfig, 'slots'>): string[] {
  return [
    ...new Set(
      compiled.slots.flatMap((slot) => [slot.selector, ...slot.rules.flatMap((r) => (r.selector ? [r.selector] : []))]),
    ),
  ];
}
