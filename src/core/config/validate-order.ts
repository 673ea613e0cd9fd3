/**
 * The validator's check of a slot's rule order: a rule that can never match because a rule before it
 * always decides first, either for every visitor (no `when`, or one that is always true) or for every
 * visitor this rule would match (shadow.ts proves it). An earlier rule with a `from` / `until` window
 * is skipped outside it, so it hides nothing.
 */
import type { Ast } from '../segments/index.js';
import { alwaysTrue } from './reach.js';
import { ruleImplication } from './shadow.js';
import type { ValidationProblem } from './validate.js';

type Add = (problem: ValidationProblem) => void;

/** One per config; call it once per slot, then `rule()` for each rule the script keeps, in order. */
export function ruleOrder(segments: Readonly<Record<string, string>>) {
  const covers = ruleImplication(segments);
  return () => {
    let catchAll: string | undefined;
    const deciders: { id: string; when: string; tree: Ast }[] = [];
    return {
      /** `tree`: the compiled `when`, `undefined` without one, null when broken (reported elsewhere). */
      rule(rule: Record<string, unknown>, id: string, path: string, tree: Ast | undefined | null, add: Add): void {
        if (catchAll !== undefined) {
          add({
            severity: 'error',
            code: 'unreachable',
            path,
            message: `rule '${id}' can never match: rule '${catchAll}' before it matches every visitor`,
            hint: `a rule without "when" (or with one that is always true) decides the slot for everyone: move '${catchAll}' last`,
          });
          return;
        }
        if (tree === null) return;
        const when = typeof rule.when === 'string' ? rule.when : '';
        const earlier = tree && deciders.find((decider) => covers(tree, decider.tree));
        if (earlier) add(shadowed(path, id, when, earlier));
        if (rule.from !== undefined || rule.until !== undefined) return;
        if (tree === undefined || alwaysTrue(tree, segments)) catchAll = id;
        else deciders.push({ id, when, tree });
      },
    };
  };
}

function shadowed(path: string, id: string, when: string, earlier: { id: string; when: string }): ValidationProblem {
  return {
    severity: 'error',
    code: 'unreachable',
    path,
    message: `rule '${id}' can never match: every visitor it would match already matches rule '${earlier.id}' before it`,
    hint: `${JSON.stringify(when)} is true only when ${JSON.stringify(earlier.when)} is, and the first rule that matches decides the slot: move '${id}' above '${earlier.id}', or narrow '${earlier.id}'`,
  };
}
