/**
 * The config as the studio edits it: plain JSON, changed through copies so Preact sees each change.
 * Loose types on purpose: the studio must open (and show the problems of) any config, not only the
 * ones that already validate.
 */
import type { ValidationProblem } from '../../../core/config/validate.js';

// biome-ignore lint/suspicious/noExplicitAny: any config must open, including ones that do not validate yet
export type Json = Record<string, any>;

export type Edit = (change: (draft: Json) => void) => void;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function edited(config: Json, change: (draft: Json) => void): Json {
  const draft = structuredClone(config);
  change(draft);
  return draft;
}

/** An object with `key` renamed to `next`, the order of the keys kept. */
export function renameKey(object: Json, key: string, next: string): Json {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k === key ? next : k, v]));
}

/** A name not yet taken: `base`, `base_2`, `base_3` … */
export function freshName(taken: Iterable<string>, base: string): string {
  const names = new Set(taken);
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}_${i}`;
    if (!names.has(name)) return name;
  }
}

/** Problems at `path` exactly, or also below it (`deep`), minus those below any of `except` (`…rules[` excludes every rule). */
export function problemsAt(
  problems: readonly ValidationProblem[],
  path: string,
  deep = false,
  except: readonly string[] = [],
): ValidationProblem[] {
  const below = (p: string, root: string) => p === root || p.startsWith(`${root}.`) || p.startsWith(`${root}[`);
  return problems.filter(
    (p) =>
      (deep ? below(p.path, path) : p.path === path) &&
      !except.some((root) => (root.endsWith('[') ? p.path.startsWith(root) : below(p.path, root))),
  );
}
