/**
 * `p13n validate FILE…`: checks config files (JSON) or pages (HTML with an inline `p13n-config`) and
 * prints every problem. Exit code 1 when any file has an error, 0 with warnings only, 2 for bad usage.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { validateConfigText, type ValidationProblem } from '../../core/config/validate.js';
import type { Command } from './main.js';
import { countOf, plural, printProblems, summary } from './print-problems.js';
import { trafficProblems } from '../report/traffic.js';

const USAGE = `usage: p13n validate CONFIG.json|PAGE.html [more files] [--traffic REPORT.json]
  --traffic REPORT.json: also warn about A/B tests whose segment is too small to tell a +10% change
                         in 4 weeks, from the traffic in a report (p13n report … --json > REPORT.json)
`;

export interface CheckedFile {
  readonly problems: readonly ValidationProblem[];
  /** What was printed for the file. */
  readonly report: string;
}

/** Finds the inline config of a page: the text of `<script … id="p13n-config">` and where it starts. */
export function inlineConfig(html: string): { text: string; offset: number } | null {
  const match = /<script\b[^>]*\bid\s*=\s*["']?p13n-config["']?[^>]*>([\s\S]*?)<\/script\s*>/i.exec(html);
  if (!match) return null;
  return { text: match[1]!, offset: match.index + match[0].indexOf('>') + 1 };
}

/** `traffic`: a parsed REPORT.json (`--traffic`), whose traffic judges the size of each A/B test. */
export async function checkFile(path: string, name: string, traffic?: unknown): Promise<CheckedFile> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    const problems: ValidationProblem[] = [
      { severity: 'error', code: 'json', path: '', message: `cannot be read: ${reason}` },
    ];
    return { problems, report: printProblems(name, problems, '') };
  }
  if (/\.(html?|liquid)$/i.test(path) || text.trimStart().startsWith('<')) {
    const inline = inlineConfig(text);
    if (!inline) {
      const external = /<script\b[^>]*\bdata-config\s*=\s*["']?([^"'\s>]+)/i.exec(text)?.[1];
      const hint = external
        ? `this page loads its config from data-config="${external}": validate that file`
        : 'add it before <script src="…/personalize.js">';
      const problems: ValidationProblem[] = [
        {
          severity: 'error',
          code: 'json',
          path: '',
          message: 'no <script type="application/json" id="p13n-config"> in this page',
          hint,
        },
      ];
      return { problems, report: printProblems(name, problems, text) };
    }
    const problems = [...validateConfigText(inline.text, { now: Date.now() }), ...sized(inline.text, traffic)];
    return { problems, report: printProblems(name, problems, text, inline.offset) };
  }
  const problems = [...validateConfigText(text, { now: Date.now() }), ...sized(text, traffic)];
  return { problems, report: printProblems(name, problems, text) };
}

/** The size warnings of `--traffic`, for a config that parses. */
function sized(text: string, traffic: unknown): ValidationProblem[] {
  if (traffic === undefined) return [];
  try {
    return trafficProblems(JSON.parse(text), traffic);
  } catch {
    return []; // the validator already says what is wrong with the JSON
  }
}

export const run: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const at = args.indexOf('--traffic');
  const trafficFile = at >= 0 ? args[at + 1] : undefined;
  const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  const files = rest.filter((arg) => !arg.startsWith('-'));
  const unknown = rest.filter((arg) => arg.startsWith('-'));
  if (files.length === 0 || unknown.length > 0 || (at >= 0 && !trafficFile)) {
    const why = unknown.length
      ? `p13n validate: unknown option ${unknown[0]}\n`
      : at >= 0 && !trafficFile
        ? 'p13n validate: --traffic needs a report file (p13n report … --json > REPORT.json)\n'
        : '';
    io.stderr.write(`${why}${USAGE}`);
    return 2;
  }
  let traffic: unknown;
  if (trafficFile !== undefined) {
    try {
      traffic = JSON.parse(await readFile(resolve(io.cwd, trafficFile), 'utf8'));
    } catch (error) {
      io.stderr.write(`p13n validate: cannot read ${trafficFile}: ${(error as Error).message.split('\n')[0]}\n`);
      return 2;
    }
  }
  const total = { errors: 0, warnings: 0 };
  for (const [index, file] of files.entries()) {
    const checked = await checkFile(resolve(io.cwd, file), file, traffic);
    const counts = countOf(checked.problems);
    total.errors += counts.errors;
    total.warnings += counts.warnings;
    io.stdout.write(`${index > 0 ? '\n' : ''}${checked.report}`);
  }
  if (files.length > 1) io.stdout.write(`\n${plural(files.length, 'file')}: ${summary(total)}\n`);
  return total.errors > 0 ? 1 : 0;
};
