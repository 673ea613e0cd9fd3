/**
 * Finding the owner's config (inline, a program from `p13n snippet`, a URL, or baked in) and telling
 * the owner what is wrong with it: each problem once, in the console, the first few only.
 */
import { compileParsed, type CompiledConfig } from '../core/config/compile.js';
import type { ConfigProblem, ParsedConfig } from '../core/config/parse.js';
import { DEFAULT_TIMEOUT_MS, type Config } from '../core/config/types.js';
import { MAX_REPORTED_PROBLEMS } from '../core/limits.js';
import { fetchConfig, findConfig, type ConfigSource } from '../edge/page/config-source.js';
import { readServerContext } from '../edge/page/context.js';
import { describeError, type Warn } from '../edge/warn.js';
import type { Run } from './run.js';

export const EMPTY_CONFIG: Config = { segments: {}, slots: {}, timeout: DEFAULT_TIMEOUT_MS, internalHosts: [] };

export interface FoundConfig {
  readonly source: ConfigSource;
  /** The config now when it is in the page (null while a URL is still to fetch). */
  readonly parsed: ParsedConfig | null;
}

/** The config the page gives now, and the server context beside it. */
export function findPageConfig(run: Run): FoundConfig {
  const source = findConfig(run.doc, run.script);
  if (source.kind === 'none')
    run.warn(
      'no-config',
      'no config found: add <script type="application/json" id="p13n-config"> before personalize.js, or data-config="/p13n.json" on its tag',
    );
  try {
    run.server = readServerContext(run.doc);
  } catch (error) {
    run.warn('server-context', `ignoring #p13n-context: it is not valid JSON (${describeError(error)})`);
  }
  return { source, parsed: source.kind === 'inline' ? source.parsed : null };
}

/** The config, fetched when the script tag names a URL; its problems reported once. */
export async function settleConfig(
  run: Run,
  found: FoundConfig,
  compiled: CompiledConfig | null,
): Promise<CompiledConfig> {
  const parsed = found.source.kind === 'url' ? await fetchConfig(found.source.url, DEFAULT_TIMEOUT_MS) : found.parsed;
  compiled ??= compileParsed(parsed ?? { config: EMPTY_CONFIG, problems: [] });
  reportProblems(compiled.problems, run.warn);
  return compiled;
}

export function reportProblems(problems: readonly ConfigProblem[], warn: Warn): void {
  for (const problem of problems.slice(0, MAX_REPORTED_PROBLEMS)) {
    const where = problem.path ? ` at ${problem.path}` : '';
    warn(
      `config:${problem.path}:${problem.message}`,
      `config problem${where}: ${problem.message}${problem.hint ? ` (${problem.hint})` : ''}`,
    );
  }
  if (problems.length > MAX_REPORTED_PROBLEMS)
    warn(
      'config:more',
      `${problems.length - MAX_REPORTED_PROBLEMS} more config problems: \`npx p13n validate\` lists them all`,
    );
}
