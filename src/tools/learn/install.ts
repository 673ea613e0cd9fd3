/**
 * `--into CONFIG`: the model goes under the config's `models.purchase`, the rest of the config as it
 * was. The result is validated first (nothing with an error is written) and written atomically (a
 * temporary file renamed over it), so a server reading the config never sees half a file.
 */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { validateConfig, type ValidationProblem } from '../../core/config/validate.js';
import type { Model } from '../../core/model/types.js';

export type Installed =
  | {
      readonly ok: true;
      readonly bytes: number;
      readonly replaced: boolean;
      readonly problems: readonly ValidationProblem[];
    }
  | { readonly ok: false; readonly reason: string; readonly problems: readonly ValidationProblem[] };

export async function installModel(configFile: string, model: Model): Promise<Installed> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(configFile, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : `not valid JSON (${(error as Error).message})`;
    return { ok: false, reason, problems: [] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, reason: 'a config is a JSON object', problems: [] };
  const config = json as Record<string, unknown>;
  const models =
    typeof config.models === 'object' && config.models !== null ? (config.models as Record<string, unknown>) : {};
  const next = { ...config, models: { ...models, purchase: model } };
  const problems = validateConfig(next);
  if (problems.some((problem) => problem.severity === 'error'))
    return { ok: false, reason: 'the config would not be valid with this model', problems };
  const text = `${JSON.stringify(next, null, 2)}\n`;
  const temporary = `${configFile}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, configFile);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
  return { ok: true, bytes: JSON.stringify(model).length, replaced: 'purchase' in models, problems };
}
