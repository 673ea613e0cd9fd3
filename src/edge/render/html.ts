/**
 * The one path through which store-owner HTML (`{ "type": "html" }` content) reaches the page.
 *
 * The owner's markup is trusted input, but it is still parsed inertly and cleaned as defence in depth:
 * `<script>` never runs (it is removed), inline event handlers and `javascript:` URLs are dropped, and
 * `{{tokens}}` are filled into text nodes and attribute values after parsing, so a token's value —
 * which may come from the URL — is text, never markup (and, in a URL attribute, percent-encoded, so
 * it cannot choose the link's scheme or host). Visitor data never reaches this parser. Nodes are
 * imported as parsed, never serialized and parsed again, so mutation XSS has no second parse to use.
 */
import type { Attributes } from '../../core/types.js';
import { fillTokens } from '../../core/content/tokens.js';
import { safeUrl } from '../../core/content/url.js';
import { trustedHtml } from '../trusted-types.js';

const REMOVED_ELEMENTS = 'script,base,meta,object,embed';
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'ping']);

/** A token in a `style` attribute may be a value (`--visits: {{visits}}`), never a new declaration or `url(…)`. */
const cssValue = (value: string) => value.replace(/[^\w\s.,#%+-]/g, '');

export function ownerHtmlFragment(doc: Document, html: string, attrs: Attributes): DocumentFragment {
  const template = doc.createElement('template');
  // Parsed into the template's inert document: nothing loads or runs while we clean it.
  (template as { innerHTML: unknown }).innerHTML = trustedHtml(doc.defaultView ?? window, html);
  const root = template.content;
  root.querySelectorAll(REMOVED_ELEMENTS).forEach((element) => element.remove());
  // SVG animation can set a link's href after our checks (`<animate attributeName="href" values="javascript:…">`).
  root.querySelectorAll('animate,set').forEach((element) => {
    if (/^(xlink:)?href$/i.test(element.getAttribute('attributeName')?.trim() ?? '')) element.remove();
  });
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      node.nodeValue = fillTokens(node.nodeValue ?? '', attrs);
      continue;
    }
    const element = node as Element;
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc') {
        element.removeAttribute(attribute.name);
        continue;
      }
      const isUrl = URL_ATTRIBUTES.has(name);
      const value = fillTokens(attribute.value, attrs, isUrl ? encodeURIComponent : name === 'style' ? cssValue : undefined);
      const allowed = isUrl ? safeUrl(value) : value;
      if (allowed === undefined) element.removeAttribute(attribute.name);
      else if (allowed !== attribute.value) element.setAttribute(attribute.name, allowed);
    }
  }
  return doc.importNode(root, true);
}
