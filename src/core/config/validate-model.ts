/**
 * The validator's checks around `models` and `collect` (config/validate.ts calls them): what works as
 * written but cannot do what the owner means. Pure.
 */
import { parse, type Ast } from '../segments/index.js';
import type { Config } from './types.js';

interface Problem {
  readonly severity: 'warning';
  readonly code: 'model';
  readonly path: string;
  readonly message: string;
  readonly hint: string;
}

/** Whether an expression reads `predicted_purchase` (directly, not through a segment). */
export function readsPrediction(expression: string): boolean {
  let tree: Ast;
  try {
    tree = parse(expression);
  } catch {
    return false; // a broken expression is reported by the expression check
  }
  const walk = (node: Ast): boolean => {
    switch (node.kind) {
      case 'and':
      case 'or':
        return node.items.some(walk);
      case 'not':
        return walk(node.operand);
      case 'boolean':
        return false;
      case 'name':
        return node.name === 'predicted_purchase';
      default:
        return node.attribute.name === 'predicted_purchase';
    }
  };
  return walk(tree);
}

export function checkModels(config: Config, whens: ReadonlyArray<[path: string, expression: string]>): Problem[] {
  const problems: Problem[] = [];
  if (config.collect?.length && !config.endpoint)
    problems.push({
      severity: 'warning',
      code: 'model',
      path: 'collect',
      message: 'page-view records go to the "endpoint", and this config has none: nothing is sent',
      hint: 'add "endpoint": "/your/collector", or remove "collect"',
    });
  if (config.models?.purchase) return problems;
  for (const [path, expression] of whens)
    if (readsPrediction(expression))
      problems.push({
        severity: 'warning',
        code: 'model',
        path,
        message: 'predicted_purchase is null without a model under "models": this test is false for every visitor',
        hint: 'train one with npx p13n learn … --into CONFIG (see docs/model.md)',
      });
  return problems;
}
