/**
 * Writing the owner's config back to disk, for the studio: validated first (nothing with an error is
 * written), `$schema` pointed at a schema file that exists from where the config lies, then written
 * atomically (a temporary file beside it, renamed over it) so an editor or the demo server never reads
 * half a file.
 *
 * Two things can change the file besides this save: another save of the same studio (two tabs, a
 * double click), and another program (the owner's editor, git). Saves of one file run one at a time,
 * each with its own temporary name (two saves in one millisecond once shared one, and the second
 * rename failed with ENOENT). And a save names the version of the file it started from (`base`): when
 * the file on disk is no longer that version, nothing is written and the caller gets the disk's text,
 * so the owner chooses what to keep instead of losing one side silently.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { validateConfigText, type ValidationProblem } from '../../core/config/validate.js';

const SCHEMA = join('schema', 'p13n.schema.json');

/** The version of a file that does not exist (yet). */
export const ABSENT = 'absent';

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

/** A file's version: a hash of its bytes (a touch that changes nothing is no conflict; mtimes are coarse). */
export const versionOf = (bytes: Buffer | string | null): string =>
  bytes === null ? ABSENT : createHash('sha256').update(bytes).digest('base64url').slice(0, 22);

/** The file's text (byte-order mark dropped) and version; null text when it does not exist. */
export async function readConfigFile(configFile: string): Promise<{ text: string | null; version: string }> {
  const bytes = await readFile(configFile).catch((error: NodeJS.ErrnoException) =>
    error.code === 'ENOENT' ? null : Promise.reject(error),
  );
  return { text: bytes === null ? null : bytes.toString('utf8').replace(/^\uFEFF/, ''), version: versionOf(bytes) };
}

export type SaveResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly version: string;
      readonly problems: readonly ValidationProblem[];
    }
  | { readonly ok: false; readonly problems: readonly ValidationProblem[] }
  /** The file changed since `base`: what is on disk now (text null: it was deleted). */
  | {
      readonly ok: false;
      readonly problems: readonly ValidationProblem[];
      readonly conflict: { readonly text: string | null; readonly version: string };
    };

export interface SaveOptions {
  /** The version the edit started from; without it the file is overwritten whatever it holds. */
  readonly base?: string;
}

/** One queue per file: a save starts when the one before it has finished, whatever its outcome. */
const queues = new Map<string, Promise<unknown>>();

export function saveConfig(
  configFile: string,
  text: string,
  packageRoot: string,
  options: SaveOptions = {},
): Promise<SaveResult> {
  const file = resolve(configFile);
  const previous = queues.get(file) ?? Promise.resolve();
  const run = previous.then(
    () => write(file, text, packageRoot, options),
    () => write(file, text, packageRoot, options),
  );
  const settled = run.catch(() => undefined);
  queues.set(file, settled);
  settled.then(() => queues.get(file) === settled && queues.delete(file));
  return run;
}

async function write(file: string, text: string, packageRoot: string, { base }: SaveOptions): Promise<SaveResult> {
  const problems = validateConfigText(text);
  if (problems.some((problem) => problem.severity === 'error')) return { ok: false, problems };
  if (base !== undefined) {
    const disk = await readConfigFile(file);
    if (disk.version !== base) return { ok: false, problems: [], conflict: disk };
  }
  const json = JSON.parse(text) as Record<string, unknown>;
  const $schema = resolves(json.$schema, file) ? json.$schema : schemaRefFor(file, packageRoot);
  const { $schema: _old, ...rest } = json;
  const out = `${JSON.stringify({ $schema, ...rest }, null, 2)}\n`;
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, out, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
  return { ok: true, text: out, version: versionOf(out), problems };
}
