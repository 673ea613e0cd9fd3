/**
 * The `--allocate CONFIG` step of `p13n report`: read the config, compute the new weights from the
 * analysed tests, write them through the validator, and say what changed and why.
 */
import { resolve } from 'node:path';
import type { CliIo } from '../cli/main.js';
import { printProblems } from '../cli/print-problems.js';
import { allocate, type Allocation } from './allocate.js';
import type { TestReport } from './analyze.js';
import { formatAllocations } from './allocation-text.js';
import { readConfigJson, rewriteConfig } from './config-file.js';
import type { Options } from './options.js';
import { terminalSafe } from './text.js';

export type AllocationRun =
  | { readonly ok: true; readonly changes: readonly Allocation[]; readonly lines: readonly string[] }
  | { readonly ok: false };

export async function allocateInto(
  file: string,
  reports: readonly TestReport[],
  options: Pick<Options, 'metric' | 'floor'>,
  io: CliIo,
  now = Date.now(),
): Promise<AllocationRun> {
  const path = resolve(io.cwd, file);
  const read = await readConfigJson(path);
  if (typeof read === 'string') {
    io.stderr.write(terminalSafe(`p13n report --allocate: ${read}\n`));
    return { ok: false };
  }
  const { config, changes } = allocate(read.json, reports, { metric: options.metric, floor: options.floor, now });
  const lines = formatAllocations(changes, options.metric, options.floor);
  const changed = changes.filter((c) => c.outcome === 'changed').length;
  if (changed === 0) return { ok: true, changes, lines: [...lines, `${file}: no weights changed, nothing written.`] };
  const written = await rewriteConfig(path, read.text, config, now);
  if (!written.ok) {
    io.stderr.write(
      terminalSafe(`p13n report --allocate: ${written.message}\n${printProblems(file, written.problems, '')}`),
    );
    return { ok: false };
  }
  return {
    ok: true,
    changes,
    lines: [
      ...lines,
      `${file}: new weights for ${changed} test${changed === 1 ? '' : 's'} written and validated (${written.problems.filter((p) => p.severity === 'warning').length} warnings); a new weights_version each.`,
    ],
  };
}
