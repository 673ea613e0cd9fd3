/**
 * Writing the owner's config back to disk, for the studio: validated first (nothing with an error is
 * written), `$schema` pointed at a schema file that exists from where the config lies, then written
 * atomically (a temporary file beside it, renamed over it) so an editor or the demo server never reads
 * half a file.
 */
import { existsSync } from 'node:fs';
import { rename, writeFile, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { validateConfigText, type ValidationProblem } from '../../core/config/validate.js';

const SCHEMA = join('schema', 'p13n.schema.json');

/** Relative path from `configFile`'s folder to a schema that exists, in URL form (`./node_modules/p13n/…`). */
export function schemaRefFor(configFile: string, packageRoot: string): string {
  const folder = dirname(resolve(configFile));
  // An install next to the config (or above it) wins: that is the one the owner's editor will find.
  for (let dir = folder; ; dir = dirname(dir)) {
    const installed = join(dir, 'node_modules', 'p13n', SCHEMA);
    if (existsSync(installed)) return asRef(relative(folder, installed));
    if (dirname(dir) === dir) break;
  }
  return asRef(relative(folder, join(packageRoot, SCHEMA)));
}

const asRef = (path: string) => {
  const slashed = path.split(sep).join('/');
  return slashed.startsWith('.') ? slashed : `./${slashed}`;
};

/** Whether a config's `$schema` names a file that exists, seen from the config's folder. */
function resolves(ref: unknown, configFile: string): boolean {
  if (typeof ref !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(ref)) return typeof ref === 'string'; // a URL is the owner's choice
  return existsSync(resolve(dirname(resolve(configFile)), ref));
}

export type SaveResult =
  | { readonly ok: true; readonly text: string; readonly problems: readonly ValidationProblem[] }
  | { readonly ok: false; readonly problems: readonly ValidationProblem[] };

export async function saveConfig(configFile: string, text: string, packageRoot: string): Promise<SaveResult> {
  const problems = validateConfigText(text);
  if (problems.some((problem) => problem.severity === 'error')) return { ok: false, problems };
  const json = JSON.parse(text) as Record<string, unknown>;
  const $schema = resolves(json.$schema, configFile) ? json.$schema : schemaRefFor(configFile, packageRoot);
  const { $schema: _old, ...rest } = json;
  const out = `${JSON.stringify({ $schema, ...rest }, null, 2)}\n`;
  const temporary = `${resolve(configFile)}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, out, 'utf8');
    await rename(temporary, resolve(configFile));
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
  return { ok: true, text: out, problems };
}
