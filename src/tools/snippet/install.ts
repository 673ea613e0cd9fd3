/**
 * The `<head>` install of one config, compiled ahead of time (`p13n snippet`, `p13n shopify`, the app
 * embed build, the studio): in this order,
 *
 *   <style id="p13n-hide">             the slots that have rules wait, hidden, at most 1.5 s
 *   <script type="application/json" id="p13n-config">   the decision program (core/program)
 *   [p13n-context, printed by the store's server: the Shopify snippet prints it here]
 *   <script id="p13n-early">           the inline decider built for this config's readers
 *   <script async src="…/personalize.js">
 *
 * The decider runs while the head is parsed and renders what it decided as the slots arrive; the
 * hiding style only matters for what it leaves to personalize.js (and for a page where it cannot run).
 * A strict Content-Security-Policy allows the two inline elements by nonce (`--nonce`) or by their
 * hashes, which `cspSources` gives.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileConfig } from '../../core/config/compile.js';
import { allTargets, type CompiledConfig } from '../../core/config/compiled.js';
import type { ConfigProblem } from '../../core/config/parse.js';
import { parseConfig } from '../../core/config/parse.js';
import { toProgram } from '../../core/program/program.js';
import { inlineJson } from '../shopify/inline-json.js';
import { planEarly, variantOf, type EarlyPlan } from './early-data.js';

export interface Install {
  readonly compiled: CompiledConfig;
  /** The hiding style element. */
  readonly style: string;
  /** The program's JSON, escaped for a script element (and for Liquid). */
  readonly programJson: string;
  /** The inline decider's code. */
  readonly code: string;
  readonly plan: EarlyPlan;
  readonly problems: readonly ConfigProblem[];
}

/** The hiding rules of the slots that have rules, as README "Install anywhere" writes the hiding style. */
export function hidingStyle(selectors: readonly string[]): string {
  if (!selectors.length) return '';
  const hidden = selectors.map((selector) => `${selector}:not([data-p13n-ready])`).join(',');
  return `${hidden}{visibility:hidden;animation:p13n-reveal 0s linear 1.5s forwards}@keyframes p13n-reveal{to{visibility:visible}}`;
}

/** The decider's code for a plan, from the build (dist/early/early-N.js). */
export function deciderCode(plan: EarlyPlan, distDir: string): string {
  const file = join(distDir, 'early', `early-${variantOf(plan.flags)}.js`);
  // `</script` cannot occur in esbuild's minified output of our code; checked anyway, as for any inline script.
  const code = readFileSync(file, 'utf8')
    .trim()
    .replace(/\n\/\/# sourceMappingURL=.*$/, '');
  if (/<\/script|<!--/i.test(code)) throw new Error(`${file} cannot be inlined: it contains </script or <!--`);
  return code;
}

/** Compiles a config (its JSON text, already validated) into its install. */
export function compileInstall(configText: string, distDir: string): Install {
  const source = JSON.parse(configText) as unknown;
  const parsed = parseConfig(source);
  const compiled = compileConfig(parsed.config, parsed.problems);
  const plan = planEarly(compiled);
  // The config as the owner wrote it (less `$schema`): personalize.js parses it again, as any config.
  const program = toProgram(compiled, source, plan.data);
  return {
    compiled,
    style: hidingStyle(allTargets(compiled)),
    programJson: inlineJson(program),
    code: deciderCode(plan, distDir),
    plan,
    problems: compiled.problems,
  };
}

const nonceAttribute = (nonce: string | undefined) =>
  nonce ? ` nonce="${nonce.replace(/[^A-Za-z0-9+/=_{}%.\s|'-]/g, '')}"` : '';

export interface HtmlOptions {
  /** Where personalize.js is served from. */
  readonly src: string;
  readonly nonce?: string;
  /** Markup printed between the program and the decider: the server context. */
  readonly context?: string;
  /** Load the decider from this URL (personalize-early.js) instead of inlining it. */
  readonly external?: string;
}

/** personalize-early.js beside personalize.js. */
export const earlyUrl = (src: string): string => src.replace(/[^/]*$/, 'personalize-early.js');

/** The install as plain HTML, for any platform. */
export function installHtml(install: Install, options: HtmlOptions): string {
  const nonce = nonceAttribute(options.nonce);
  return [
    install.style ? `<style id="p13n-hide"${nonce}>${install.style}</style>` : '',
    `<script type="application/json" id="p13n-config">${install.programJson}</script>`,
    options.context ?? '',
    options.external
      ? `<script id="p13n-early" src="${options.external.replace(/"/g, '&quot;')}"${nonce}></script>`
      : `<script id="p13n-early"${nonce}>${install.code}</script>`,
    `<script async src="${options.src.replace(/"/g, '&quot;')}"${nonce}></script>`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The CSP sources that allow the inline elements without a nonce. */
export function cspSources(install: Install): { script: string; style: string } {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  return { script: hash(install.code), style: install.style ? hash(install.style) : '' };
}
