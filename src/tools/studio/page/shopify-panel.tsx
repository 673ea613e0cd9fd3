/**
 * The install of the config on screen, saved or not: `snippets/p13n.liquid` for Shopify and the
 * `<head>` HTML for any other platform, compiled by the studio's server exactly as `npx p13n shopify`
 * and `npx p13n snippet` compile it (/api/install), with when each rule is decided (before the first
 * paint, or once personalize.js arrives) and the CSP sources a strict policy needs.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { InstallResult } from '../install-api.js';
import { shopifyStoreProblems } from '../../shopify/store-check.js';
import type { Json } from './edit.js';
import { Problems } from './problems.js';

export type FetchInstall = (configText: string) => Promise<InstallResult>;

/** Compiling prunes tables for the config: wait for a pause in the typing. */
const DEBOUNCE_MS = 400;

const TIMING_WORDS = {
  instant: 'before the first paint',
  mostly: 'before the first paint for most visitors',
  waits: 'once personalize.js arrives',
} as const;

export function ShopifyPanel({
  name,
  config,
  fetchInstall,
}: {
  readonly name: string;
  readonly config: Json;
  readonly fetchInstall: FetchInstall;
}) {
  const text = useMemo(() => JSON.stringify(config), [config]);
  const [install, setInstall] = useState<InstallResult | null>(null);
  const [failed, setFailed] = useState('');
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      fetchInstall(text).then(
        (result) => current && (setInstall(result), setFailed('')),
        (error: Error) => current && setFailed(error.message),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, fetchInstall]);
  // What `p13n shopify` warns about: addresses a Shopify store does not have.
  const warnings = useMemo(() => shopifyStoreProblems(config), [config]);
  const [copied, setCopied] = useState('');
  const command = `npx p13n shopify ${/\s/.test(name) ? JSON.stringify(name) : name} --out theme`;
  const ready = install?.ok ? install : null;
  const copy = (value: string) => () =>
    navigator.clipboard.writeText(value).then(
      () => setCopied('Copied'),
      () => setCopied('Copy failed: select the text and copy it'),
    );
  return (
    <section class="panel" aria-label="Shopify snippet">
      <h2>Install</h2>
      <p class="panel__help">
        <code>snippets/p13n.liquid</code> for this config (unsaved edits included); render it with{' '}
        <code>{"{% render 'p13n' %}"}</code> in <code>theme.liquid</code>'s <code>&lt;head&gt;</code>. The script files
        (<code>assets/personalize*.js</code>) come from:
      </p>
      <pre class="command">{command}</pre>
      <Problems problems={warnings} />
      {failed && <p role="alert">The install could not be compiled: {failed}</p>}
      {install && !install.ok && (
        <p role="status">Fix the errors above: the install is compiled from a config without errors.</p>
      )}
      {ready && (
        <>
          <button type="button" onClick={copy(ready.liquid)}>
            Copy snippet
          </button>{' '}
          <span role="status" aria-label="copy status">
            {copied}
          </span>
          <section aria-label="snippets/p13n.liquid">
            <pre class="snippet">{ready.liquid}</pre>
          </section>
          <h3>When each rule is decided</h3>
          <ul class="timings" aria-label="rule timings">
            {ready.timings.map((t) => (
              <li key={`${t.slot}/${t.rule}`} data-timing={t.timing}>
                <strong>
                  {t.slot} / {t.rule}
                </strong>
                : {TIMING_WORDS[t.timing]}
                {t.why.length > 0 && <span class="timings__why"> ({[...new Set(t.why)].join('; ')})</span>}
              </li>
            ))}
          </ul>
          <h3>Any other platform</h3>
          <p class="panel__help">
            The same install as plain HTML for the <code>&lt;head&gt;</code> (<code>npx p13n snippet</code>). A strict
            Content-Security-Policy needs <code>script-src {ready.csp.script}</code>
            {ready.csp.style && (
              <>
                {' '}
                and <code>style-src {ready.csp.style}</code>
              </>
            )}
            , or a nonce (<code>--nonce</code>).
          </p>
          <button type="button" onClick={copy(ready.html)}>
            Copy HTML
          </button>
          <section aria-label="head install">
            <pre class="snippet">{ready.html}</pre>
          </section>
        </>
      )}
    </section>
  );
}
