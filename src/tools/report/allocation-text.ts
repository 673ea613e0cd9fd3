/** What `--allocate` changed and why, for the terminal (names through safe(), 100 columns). Pure. */
import type { Allocation, Metric } from './allocate.js';
import { safe, wrap } from './text.js';

const weights = (list: readonly (readonly [string, number])[]) =>
  list.map(([id, w]) => `${safe(id, 20)} ${w}`).join(' / ');

export function formatAllocations(changes: readonly Allocation[], metric: Metric, floor: number): string[] {
  const lines = [
    '',
    ...wrap(
      `== Allocation: Thompson sampling on ${metric === 'revenue' ? 'revenue per visitor' : 'conversion'}, every variant keeps at least ${Math.round(floor * 100)}% of its test's traffic; shoppers already assigned keep their variant`,
      '   ',
    ),
  ];
  if (changes.length === 0) lines.push('No test in the config: nothing to allocate.');
  for (const change of changes) {
    const where = change.slot
      ? ` (slot ${safe(change.slot)}, segment ${change.when === null ? '(everyone)' : safe(change.when)})`
      : '';
    const name = `${safe(change.test)}${where}`;
    if (change.outcome === 'changed') {
      const moves = change.before.map(([id, w], i) => `${safe(id, 20)} ${w} → ${change.after![i]![1]}`).join(', ');
      lines.push(
        ...wrap(
          `${name}: ${moves}; weights_version ${change.weightsVersion!.from} → ${change.weightsVersion!.to}`,
          '    ',
        ),
        ...wrap(`  why: ${change.reason}`, '       '),
      );
    } else if (change.outcome === 'unchanged')
      lines.push(
        ...wrap(
          `${name}: unchanged (${weights(change.before)}): ${change.reason}; it would move under 2 points`,
          '    ',
        ),
      );
    else lines.push(...wrap(`${name}: left alone: ${change.reason}`, '    '));
  }
  return lines;
}
