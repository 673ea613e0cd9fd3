/**
 * `p13n snippet CONFIG [--src URL] [--nonce VALUE] [--external]`: the `<head>` install of a config for
 * any platform, as plain HTML on stdout (tools/snippet/install.ts). On stderr, for the owner: which
 * rules are decided before the first paint and which wait, and the CSP sources the install needs. The
 * config is validated first, with the same output as `p13n validate`: an error prints nothing.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileInstall, cspSources, earlyUrl, installHtml } from '../snippet/install.js';
import { describeTimings, ruleTimings } from '../snippet/timing.js';
import type { Command } from './main.js';
import { checkFile } from './validate.js';

const USAGE = 'usage: p13n snippet CONFIG.json [--src URL] [--nonce VALUE] [--external]\n';

/** dist/: this command runs from dist/cli.mjs, next to personalize.js and dist/early/. */
const DIST = dirname(fileURLToPath(import.meta.url));

const VALUED = new Set(['--src', '--nonce']);

export const run: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const options = new Map<string, string>();
  const files: string[] = [];
  let external = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (VALUED.has(arg) && args[i + 1] !== undefined) options.set(arg, args[++i]!);
    else if (arg === '--external') external = true;
    else if (arg.startsWith('-')) return usage(io);
    else files.push(arg);
  }
  if (files.length !== 1) return usage(io);
  const configPath = resolve(io.cwd, files[0]!);
  const checked = await checkFile(configPath, files[0]!);
  if (checked.problems.some((problem) => problem.severity === 'error')) {
    io.stderr.write(`${checked.report}nothing printed: fix the errors above first\n`);
    return 1;
  }
  if (checked.problems.length) io.stderr.write(checked.report);
  const { readFile } = await import('node:fs/promises');
  const text = (await readFile(configPath, 'utf8')).replace(/^\uFEFF/, '');
  const dist = process.env.P13N_DIST ?? DIST;
  const src = options.get('--src') ?? '/personalize.js';
  const install = compileInstall(text, dist);
  const nonce = options.get('--nonce');
  io.stdout.write(`${installHtml(install, { src, nonce, external: external ? earlyUrl(src) : undefined })}\n`);
  io.stderr.write(describeTimings(ruleTimings(install.plan, install.compiled)));
  if (!nonce && !external) {
    const csp = cspSources(install);
    io.stderr.write(
      `\nA Content-Security-Policy without 'unsafe-inline' needs these sources (or run again with --nonce):\n  script-src ${csp.script}\n${csp.style ? `  style-src ${csp.style}\n` : ''}`,
    );
  }
  return 0;
};

function usage(io: { stderr: { write(text: string): unknown } }): number {
  io.stderr.write(USAGE);
  return 2;
}
