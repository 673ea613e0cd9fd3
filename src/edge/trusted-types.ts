/**
 * The script's one Trusted Types policy, `p13n` (https://w3c.github.io/trusted-types/dist/spec/).
 * Pages that enforce Trusted Types (`require-trusted-types-for 'script'`) reject plain strings in
 * `innerHTML` and in a script element's `src`; the owner allows our policy by adding `p13n` to their
 * `trusted-types` directive. One policy for both sinks: a name can be created once per page.
 */
import { attempt } from './guard.js';

interface Policy {
  createHTML(input: string): unknown;
  createScriptURL(input: string): unknown;
}
interface TrustedTypesGlobal {
  createPolicy(
    name: string,
    rules: { createHTML(input: string): string; createScriptURL(input: string): string },
  ): Policy;
}

/** The only script URLs the policy vouches for: the script's own files (dist/personalize-NAME.js). */
const OWN_FILE = /^https?:\/\/[^?#]*\/personalize-[a-z]+\.js(?:\?[^#]*)?$/;

let policy: Policy | null | undefined;

function ours(win: Window): Policy | null {
  if (policy === undefined) {
    const trustedTypes = (win as Window & { trustedTypes?: TrustedTypesGlobal }).trustedTypes;
    policy = attempt(
      () =>
        trustedTypes
          ? trustedTypes.createPolicy('p13n', {
              // Owner HTML reaches this only through render/html.ts, which parses it inertly and cleans it.
              createHTML: (input) => input,
              createScriptURL: (input) => {
                if (!OWN_FILE.test(input)) throw new TypeError(`p13n loads only its own files, not ${input}`);
                return input;
              },
            })
          : null,
      null,
    );
  }
  return policy;
}

export const trustedHtml = (win: Window, html: string): unknown => ours(win)?.createHTML(html) ?? html;

export const trustedScriptUrl = (win: Window, url: string): unknown => ours(win)?.createScriptURL(url) ?? url;
