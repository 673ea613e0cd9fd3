/**
 * The one path through which store-owner HTML (`{ "type": "html" }` content) reaches the page.
 *
 * The owner's markup is trusted input, but it is still parsed inertly and cleaned as defence in depth:
 * `<script>` never runs (it is removed), inline event handlers and `javascript:` URLs are dropped, and
 * `{{tokens}}` are filled into text nodes and attribute values after parsing, so a token's value —
 * which may come from the URL — is text, never markup; where it may go besides text is decided by
 * core/content/contexts.ts (URLs checked, srcset candidates too, never CSS). Visitor data never
 * reaches this parser. Nodes are imported as parsed, never serialized and parsed again, so mutation
 * XSS has no second parse to use. A `<template>`'s content is a separate fragment that selectors and
 * tree walkers do not enter, and a theme may clone it later: it is cleaned the same way, recursively.
 */
import type { Attributes } from '../../core/types.js';
import { fillTokens } from '../../core/content/tokens.js';
import { trustedHtml } from '../trusted-types.js';
import { fillAttribute, withoutTokens } from '../../core/content/contexts.js';

const REMOVED_ELEMENTS = 'script,base,meta,object,embed';
/** Templates nested deeper than this are removed rather than cleaned: no markup can recurse without end. */
const MAX_TEMPLATE_DEPTH = 8;

export function ownerHtmlFragment(doc: Document, html: string, attrs: Attributes): DocumentFragment {
  const template = doc.createElement('template');
  // Parsed into the template's inert document: nothing loads or runs while we clean it.
  (template as { innerHTML: unknown }).innerHTML = trustedHtml(doc.defaultView ?? window, html);
  clean(doc, template.content, attrs, 0);
  return doc.importNode(template.content, true);
}

function clean(doc: Document, root: DocumentFragment, attrs: Attributes, depth: number): void {
  root.querySelectorAll('template').forEach((inner) => {
    if (depth >= MAX_TEMPLATE_DEPTH) inner.remove();
    else clean(doc, (inner as HTMLTemplateElement).content, attrs, depth + 1);
  });
  root.querySelectorAll(REMOVED_ELEMENTS).forEach((element) => element.remove());
  // SVG animation can set a link's href after our checks (`<animate attributeName="href" values="javascript:…">`).
  root.querySelectorAll('animate,set').forEach((element) => {
    if (/^(xlink:)?href$/i.test(element.getAttribute('attributeName')?.trim() ?? '')) element.remove();
  });
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const css = node.parentNode?.nodeName.toLowerCase() === 'style';
      node.nodeValue = css ? withoutTokens(node.nodeValue ?? '') : fillTokens(node.nodeValue ?? '', attrs);
      continue;
    }
    const element = node as Element;
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc') {
        element.removeAttribute(attribute.name);
        continue;
      }
      const allowed = fillAttribute(name, attribute.value, attrs);
      if (allowed === undefined) element.removeAttribute(attribute.name);
      else if (allowed !== attribute.value) element.setAttribute(attribute.name, allowed);
    }
  }
}
