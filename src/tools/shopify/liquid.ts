/**
 * The Liquid that puts p13n in a Shopify theme's `<head>`: the snippet (`{% render 'p13n' %}`) and the
 * theme app extension's app embed block print the install `p13n snippet` prints for any platform
 * (tools/snippet/install.ts), with the server context Shopify knows in its place: the hiding style,
 * the decision program, the context, the inline early decider, then `<script async>`.
 *
 * The program is printed at generation time through `inlineJson` (Liquid sees no tag in it); the
 * decider inside `{% raw %}` (its minified code has no `{% endraw %}`: checked). The context is printed by Shopify at request time, every value through Liquid's `json`
 * filter, which "outputs a JavaScript value and encodes <, >, and &" (shopify.dev, Apps > Security >
 * "Escape every value for its context"), so no product title or tag can end the element.
 * Money in Liquid is in the currency's minor unit (cents): `divided_by: 100.0` prints units, as the
 * profile counts them.
 */
import { compileInstall, type Install } from '../snippet/install.js';

/** The install's hiding style, as in README "Install anywhere": marked slots wait for the script, at most 1.5 s. */
export const HIDE_STYLE =
  '<style id="p13n-hide">[data-p13n-slot]:not([data-p13n-ready]){visibility:hidden;animation:p13n-reveal 0s linear 1.5s forwards}@keyframes p13n-reveal{to{visibility:visible}}</style>';

const units = (money: string) => `{{ ${money} | divided_by: 100.0 | json }}`;

/** `p13n-context`, one JSON object; keys as docs/shopify.md ("the server context") documents them. */
export const CONTEXT_LIQUID = [
  '<script type="application/json" id="p13n-context">{',
  '"customer": {%- if customer -%}{',
  '"id": {{ customer.id | json }}, "orders_count": {{ customer.orders_count | json }},',
  ` "total_spent": ${units('customer.total_spent')}, "tags": {{ customer.tags | json }},`,
  ' "last_order_at": {%- if customer.last_order -%}{{ customer.last_order.created_at | date: "%Y-%m-%d" | json }}{%- else -%}null{%- endif -%},',
  ' "accepts_marketing": {{ customer.accepts_marketing | json }}',
  '}{%- else -%}null{%- endif -%},',
  '"country": {{ localization.country.iso_code | json }}, "language": {{ request.locale.iso_code | json }},',
  '"page_type": {{ request.page_type | json }},',
  `"cart": {"total_price": ${units('cart.total_price')}, "item_count": {{ cart.item_count | json }}, "currency": {{ cart.currency.iso_code | json }}}`,
  '{%- if product -%}, "product": {',
  '"id": {{ product.id | json }}, "handle": {{ product.handle | json }}, "title": {{ product.title | json }},',
  ' "url": {{ product.url | json }}, "type": {{ product.type | json }}, "vendor": {{ product.vendor | json }},',
  ' "tags": {{ product.tags | json }}, "collections": {{ product.collections | map: "handle" | json }},',
  ` "price": ${units('product.price')},`,
  ' "image": {%- if product.featured_image -%}{{ product.featured_image | image_url: width: 400 | json }}{%- else -%}null{%- endif -%}',
  '}{%- endif -%}',
  '}</script>',
].join('\n');

export interface HeadOptions {
  /** The config compiled ahead of time, or null when the bundle has one baked in (or none). */
  readonly install: Install | null;
  /** Who wrote the file, for the comment at its top. */
  readonly generatedBy: string;
  /** A CSP nonce, printed as given: a Liquid expression works too. */
  readonly nonce?: string;
}

/** The `<head>` markup shared by the snippet and the app embed block. */
export function headLiquid({ install, generatedBy, nonce }: HeadOptions): string {
  const n = nonce ? ` nonce="${nonce.replace(/"/g, '&quot;')}"` : '';
  const lines = [
    `{%- comment -%} ${generatedBy}: do not edit by hand, generate it again after changing the config. {%- endcomment -%}`,
  ];
  if (install) {
    if (/\{%-?\s*endraw/.test(install.code)) throw new Error('the early decider cannot be printed through Liquid');
    if (install.style) lines.push(`<style id="p13n-hide"${n}>${install.style}</style>`);
    lines.push(`<script type="application/json" id="p13n-config">${install.programJson}</script>`);
    lines.push(CONTEXT_LIQUID);
    lines.push(`<script id="p13n-early"${n}>{% raw %}${install.code}{% endraw %}</script>`);
  } else {
    lines.push(HIDE_STYLE.replace('<style', `<style${n}`), CONTEXT_LIQUID);
  }
  lines.push(`<script async src="{{ 'personalize.js' | asset_url }}"${n}></script>`, '');
  return lines.join('\n');
}

/** The config as it is inlined: minified, without the editor's `$schema` pointer. */
export function configForPage(configText: string): string {
  const { $schema: _schema, ...config } = JSON.parse(configText) as Record<string, unknown>;
  return JSON.stringify(config);
}

/** `snippets/p13n.liquid` exactly as `npx p13n shopify` writes it (the studio shows it too). */
export function themeSnippet(configText: string, distDir: string, nonce?: string): string {
  return headLiquid({
    install: compileInstall(configText, distDir),
    generatedBy: 'Written by npx p13n shopify',
    nonce,
  });
}

/** The app embed block: the same head markup plus its schema (`target: head`, per theme app extensions). */
export function embedBlockLiquid(options: HeadOptions): string {
  const schema = { name: 't:blocks.p13n.name', target: 'head', settings: [] };
  return `${headLiquid(options)}\n{% schema %}\n${JSON.stringify(schema, null, 2)}\n{% endschema %}\n`;
}
