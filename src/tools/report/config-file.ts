/**
 * Rewrites a config file the way an owner would: parsed, changed, checked by the validator (the one
 * `p13n validate` runs) before anything is written, then replaced in one rename so a reader never
 * sees half a file. The indentation of the file is kept (2 spaces when it has none).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { validateConfigText, type ValidationProblem } from '../../core/config/validate.js';

export type Rewrite =
  | { readonly ok: true; readonly text: string; readonly problems: readonly ValidationProblem[] }
  | { readonly ok: false; readonly message: string; readonly problems: readonly ValidationProblem[] };

export async function readConfigJson(path: string): Promise<{ json: unknown; text: string } | string> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    return `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`;
  }
  try {
    return { json: JSON.parse(text) as unknown, text };
  } catch (error) {
    return `${path} is not valid JSON (${(error as Error).message}): run p13n validate ${path}`;
  }
}

export async function rewriteConfig(path: string, original: string, json: unknown, now: number): Promise<Rewrite> {
  const indent = /^\{\r?\n([ \t]+)"/.exec(original)?.[1] ?? '  ';
  const text = `${JSON.stringify(json, null, indent)}${original.endsWith('\n') ? '\n' : ''}`;
  const problems = validateConfigText(text, { now });
  if (problems.some((p) => p.severity === 'error'))
    return { ok: false, message: 'the new weights would make the config invalid: nothing written', problems };
  const temporary = `${path}.p13n-${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
  return { ok: true, text, problems };
}
