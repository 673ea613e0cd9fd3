/**
 * How `p13n validate` (and the build, for a baked-in config) prints problems: one block per file,
 * errors before warnings, each with its place (JSON path, or line and column for broken JSON), the
 * offending text with a caret under it, the message and a hint. Plain text, no colour: it is read in
 * terminals, CI logs and tests alike.
 */
import { positionOf } from '../../core/config/json-error.js';
import type { ValidationProblem } from '../../core/config/validate.js';

const INDENT = ' '.repeat(11);
/** Longest source line shown for broken JSON; a minified config is one long line. */
const WINDOW = 100;

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function countOf(problems: readonly ValidationProblem[]): { errors: number; warnings: number } {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  // Notes (`info`) are printed, not counted: nothing is wrong.
  return { errors, warnings: problems.filter((problem) => problem.severity === 'warning').length };
}

export function summary({ errors, warnings }: { errors: number; warnings: number }): string {
  if (errors === 0 && warnings === 0) return 'no problems';
  return [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')].filter(Boolean).join(', ');
}

/** `text` is the file as read, `base` the offset of the config inside it (an HTML page's inline config). */
export function printProblems(name: string, problems: readonly ValidationProblem[], text: string, base = 0): string {
  const lines = [`${name}: ${summary(countOf(problems))}`];
  for (const problem of problems) {
    const at = problem.offset === undefined ? undefined : positionOf(text, base + problem.offset);
    const path = problem.path || '(top level)';
    const place = at ? `line ${at.line}, column ${at.column}` : problem.where ? `${problem.where}  (${path})` : path;
    lines.push('', `  ${problem.severity.padEnd(8)} ${place}`);
    const body: string[] = [];
    if (problem.excerpt) body.push(...problem.excerpt.split('\n'));
    if (at) body.push(...sourceWithCaret(at.text, at.column));
    body.push(problem.message);
    if (problem.hint) body.push(`hint: ${problem.hint}`);
    if (problem.alsoOff?.length) body.push(`also off until this is fixed: ${problem.alsoOff.join('; ')}`);
    lines.push(...body.map((line) => `${INDENT}${line}`));
  }
  return `${lines.map(printable).join('\n')}\n`;
}

/**
 * Control characters from the config (ESC, CSI, BEL, CR…) never reach the terminal: they could move the
 * cursor, retitle the window or forge a line. Each becomes one U+FFFD, so a caret below stays in place.
 */
const printable = (line: string) => line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');

/** The line, tabs as spaces so the caret lines up, cut to a window around the column. */
function sourceWithCaret(line: string, column: number): string[] {
  const flat = line.replace(/\t/g, ' ');
  const start = flat.length > WINDOW ? Math.max(0, Math.min(column - 1 - WINDOW / 2, flat.length - WINDOW)) : 0;
  const cut = `${start > 0 ? '…' : ''}${flat.slice(start, start + WINDOW)}${start + WINDOW < flat.length ? '…' : ''}`;
  return [cut, `${' '.repeat(column - 1 - start + (start > 0 ? 1 : 0))}^`];
}
