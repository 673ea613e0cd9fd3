/**
 * The theme snippet for the config on screen, saved or not: the same pure function `npx p13n shopify`
 * writes `snippets/p13n.liquid` with, so what the owner copies is what the command would write.
 */
import { useMemo, useState } from 'preact/hooks';
import { themeSnippet } from '../../shopify/liquid.js';
import { shopifyStoreProblems } from '../../shopify/store-check.js';
import type { Json } from './edit.js';
import { Problems } from './problems.js';

export function ShopifyPanel({ name, config }: { readonly name: string; readonly config: Json }) {
  const snippet = useMemo(() => themeSnippet(JSON.stringify(config)), [config]);
  // What `p13n shopify` warns about: addresses a Shopify store does not have.
  const warnings = useMemo(() => shopifyStoreProblems(config), [config]);
  const [copied, setCopied] = useState('');
  const command = `npx p13n shopify ${/\s/.test(name) ? JSON.stringify(name) : name} --out theme`;
  const copy = () => {
    navigator.clipboard.writeText(snippet).then(
      () => setCopied('Copied'),
      () => setCopied('Copy failed: select the text and copy it'),
    );
  };
  return (
    <section class="panel" aria-label="Shopify snippet">
      <h2>Shopify snippet</h2>
      <p class="panel__help">
        <code>snippets/p13n.liquid</code> for this config (unsaved edits included); render it with{' '}
        <code>{"{% render 'p13n' %}"}</code> in <code>theme.liquid</code>'s <code>&lt;head&gt;</code>. The script files
        (<code>assets/personalize*.js</code>) come from:
      </p>
      <pre class="command">{command}</pre>
      <Problems problems={warnings} />
      <button type="button" onClick={copy}>
        Copy snippet
      </button>{' '}
      <span role="status" aria-label="copy status">
        {copied}
      </span>
      <section aria-label="snippets/p13n.liquid">
        <pre class="snippet">{snippet}</pre>
      </section>
    </section>
  );
}
