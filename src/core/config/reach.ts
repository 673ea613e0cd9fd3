/**
 * Whether a `when` matches every visitor whatever their attributes: `true`, `NOT false`, `x OR true`, or
 * a segment defined so. Only what the expression says for sure, from its syntax tree: `visits >= 0` is
 * not "always" (visits could be missing), so it never counts. The validator uses it to find rules that
 * come after a catch-all and so can never match.
 */
import { parse, type Ast } from '../segments/index.js';

export function alwaysTrue(tree: Ast, segments: Readonly<Record<string, string>>): boolean {
  return constant(tree, segments, new Set()) === true;
}

/** `true` / `false` when the tree's value does not depend on the visitor, else undefined. */
function constant(tree: Ast, segments: Readonly<Record<string, string>>, visiting: Set<string>): boolean | undefined {
  switch (tree.kind) {
    case 'boolean':
      return tree.value;
    case 'not': {
      const value = constant(tree.operand, segments, visiting);
      return value === undefined ? undefined : !value;
    }
    case 'and':
    case 'or': {
      const values = tree.items.map((item) => constant(item, segments, visiting));
      const decisive = tree.kind === 'or';
      if (values.includes(decisive)) return decisive;
      return values.every((value) => value === !decisive) ? !decisive : undefined;
    }
    case 'name': {
      const definition = Object.prototype.hasOwnProperty.call(segments, tree.name) ? segments[tree.name] : undefined;
      if (typeof definition !== 'string' || visiting.has(tree.name)) return undefined;
      visiting.add(tree.name);
      try {
        return constant(parse(definition), segments, visiting);
      } catch {
        return undefined; // a broken segment is reported on its own
      } finally {
        visiting.delete(tree.name);
      }
    }
    default:
      return undefined;
  }
}
