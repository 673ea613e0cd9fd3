/**
 * How a config's segments depend on each other: cycles, chains nested too deep, and segments that use
 * a broken one, found without recursion, each reported once. Pure.
 */
import type { Name } from './ast.js';
import { ExpressionError } from './errors.js';
import { MAX_SEGMENT_DEPTH } from '../limits.js';

export function dependencyError(
  expression: string,
  ref: Name,
  segment: string | undefined,
  root: string,
): ExpressionError {
  const detail =
    root === ref.name
      ? `Uses segment '${ref.name}', which has an error of its own`
      : `Uses segment '${ref.name}', which is off because segment '${root}' has an error`;
  return new ExpressionError({
    code: 'broken-dependency',
    detail,
    expression,
    offset: ref.offset,
    length: ref.length,
    hint: `Fix '${root}' first`,
    segment,
    sameAs: root,
    related: [ref.name, root],
  });
}

/** A loop as seen from its i-th member (b → c → a → b); a long one shows its ends and its length. */
function loopFrom(cycle: readonly string[], i: number): string {
  const names = [...cycle.slice(i), ...cycle.slice(0, i), cycle[i]!];
  return names.length <= 8
    ? names.join(' → ')
    : `${names.slice(0, 4).join(' → ')} → … (${cycle.length} segments) → ${names.slice(-2).join(' → ')}`;
}

/**
 * Marks segments in a cycle ('cycle', each naming the whole loop from itself: a → b → a), those that
 * nest more than MAX_SEGMENT_DEPTH deep ('limit'), and those using a broken segment
 * ('broken-dependency'), by depth-first search in config order. Iterative, with an explicit stack:
 * a chain of any length is checked without recursion. Every member of a cycle and every user of a
 * broken segment carries `sameAs`, the segment whose problem it repeats, so it is reported once.
 */
export function checkDependencies(
  names: readonly string[],
  uses: ReadonlyMap<string, readonly Name[]>,
  errors: Map<string, ExpressionError>,
  textOfSegment: (name: string) => string,
): void {
  const depth = new Map<string, number>(); // done and healthy: the longest chain from it, itself included
  const onStack = new Map<string, number>(); // name → its frame's index
  const stack: Array<{ readonly name: string; next: number }> = [];
  const root = (name: string) => errors.get(name)?.sameAs ?? name;
  const broken = (name: string, ref: Name) =>
    errors.set(name, dependencyError(textOfSegment(name), ref, name, root(ref.name)));

  const markCycle = (cycle: readonly string[]) =>
    cycle.forEach((member, i) => {
      const next = cycle[(i + 1) % cycle.length]!;
      const ref = uses.get(member)!.find((r) => r.name === next)!;
      const hint = 'A segment cannot use itself, directly or through other segments';
      const sameAs = i === 0 ? undefined : cycle[0];
      errors.set(
        member,
        new ExpressionError({
          code: 'cycle',
          detail: `Segments use each other in a cycle: ${loopFrom(cycle, i)}`,
          expression: textOfSegment(member),
          offset: ref.offset,
          length: ref.length,
          hint,
          segment: member,
          sameAs,
          related: cycle,
        }),
      );
    });

  /** Ends a frame: records the depth of a healthy segment, or refuses one nested too deep. */
  const finish = (name: string) => {
    stack.pop();
    onStack.delete(name);
    if (errors.has(name)) return;
    let deepest: Name | undefined;
    for (const ref of uses.get(name) ?? [])
      if (!deepest || depth.get(ref.name)! > depth.get(deepest.name)!) deepest = ref;
    const own = 1 + (deepest ? depth.get(deepest.name)! : 0);
    if (own <= MAX_SEGMENT_DEPTH) return void depth.set(name, own);
    const chain = [name];
    for (
      let at = deepest;
      at && chain.length < 4;
      at = [...(uses.get(at.name) ?? [])].sort((a, b) => depth.get(b.name)! - depth.get(a.name)!)[0]
    )
      chain.push(at.name);
    const detail = `Segments use each other ${own} deep (${chain.join(' → ')} → …), the limit is ${MAX_SEGMENT_DEPTH}`;
    errors.set(
      name,
      new ExpressionError({
        code: 'limit',
        detail,
        expression: textOfSegment(name),
        offset: deepest!.offset,
        length: deepest!.length,
        hint: 'Use the conditions of the deeper segments directly, in fewer steps',
        segment: name,
      }),
    );
  };

  for (const start of names) {
    if (depth.has(start) || errors.has(start)) continue;
    stack.push({ name: start, next: 0 });
    onStack.set(start, 0);
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const refs = uses.get(frame.name) ?? [];
      if (frame.next > 0) {
        // Back from the previous ref: it may have broken this segment (a cycle through it) or itself.
        const ref = refs[frame.next - 1]!;
        if (errors.has(frame.name)) {
          finish(frame.name);
          continue;
        }
        if (errors.has(ref.name)) {
          broken(frame.name, ref);
          finish(frame.name);
          continue;
        }
      }
      const ref = refs[frame.next++];
      if (!ref) {
        finish(frame.name);
        continue;
      }
      const target = ref.name;
      const loop = onStack.get(target);
      if (loop !== undefined) {
        markCycle(stack.slice(loop).map((f) => f.name));
        finish(frame.name);
      } else if (!depth.has(target) && !errors.has(target)) {
        onStack.set(target, stack.length);
        stack.push({ name: target, next: 0 });
      }
    }
  }
}
