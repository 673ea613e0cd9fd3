/**
 * The studio's `/api/install`: the install of the config on screen (saved or not), compiled on the
 * studio's server as `p13n snippet` and `p13n shopify` compile it (the page cannot: the compiler reads
 * the decider builds from dist/). A config with errors gets its problems back instead.
 */
import { validateConfigText } from '../../core/config/validate.js';
import { themeSnippet } from '../shopify/liquid.js';
import { compileInstall, cspSources, installHtml } from '../snippet/install.js';
import { ruleTimings, type RuleTiming } from '../snippet/timing.js';

export interface InstallPayload {
  /** snippets/p13n.liquid, as `p13n shopify` writes it. */
  readonly liquid: string;
  /** The `<head>` install for any other platform, as `p13n snippet` prints it. */
  readonly html: string;
  /** Sources a strict CSP needs for the inline elements. */
  readonly csp: { readonly script: string; readonly style: string };
  readonly timings: readonly RuleTiming[];
}

export type InstallResult =
  | ({ readonly ok: true } & InstallPayload)
  | { readonly ok: false; readonly problems: ReturnType<typeof validateConfigText> };

export function installFor(configText: string, distDir: string): InstallResult {
  const problems = validateConfigText(configText);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  const install = compileInstall(configText, distDir);
  return {
    ok: true,
    liquid: themeSnippet(configText, distDir),
    html: installHtml(install, { src: '/personalize.js' }),
    csp: cspSources(install),
    timings: ruleTimings(install.plan, install.compiled),
  };
}
