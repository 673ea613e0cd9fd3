/**
 * The only CSS the script adds: hide slots that have rules until their decision is rendered, plus a
 * few zero-specificity layout defaults for personalized content. Added through a constructable
 * stylesheet, which strict Content-Security-Policies allow without 'unsafe-inline'; browsers without
 * `adoptedStyleSheets` get a `<style>` element carrying the owner's nonce. If neither works, nothing is
 * hidden: the shopper may see a swap, but never a hidden page.
 */
import { attempt } from '../guard.js';

/** Set on a slot once it may be shown: its decision is rendered, or the default stays. */
export const READY_ATTRIBUTE = 'data-p13n-ready';

const BASE_RULES = [
  ':where(.p13n-hero__image,.p13n-product__image){display:block;max-width:100%;height:auto}',
  ':where(.p13n-products__list){display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:1rem;list-style:none;padding:0;margin:0}',
];

export interface StyleHandle {
  /** Stops hiding anything (timeout, failure): everything not yet decided shows its default. */
  stopHiding(): void;
}

type DocumentWithSheets = Document & { adoptedStyleSheets?: CSSStyleSheet[] };

export function hidingRules(selectors: readonly string[]): string[] {
  return selectors.map((selector) => `${selector}:not([${READY_ATTRIBUTE}]){visibility:hidden!important}`);
}

/** Installs the sheets; invalid selectors are skipped and returned so the caller can warn. */
export function installStyles(
  doc: Document,
  selectors: readonly string[],
  nonce?: string,
): StyleHandle & { invalid: string[] } {
  const invalid: string[] = [];
  const rules = hidingRules(selectors);
  const d = doc as DocumentWithSheets;
  /** Adds each rule to `sheet`; a rule the browser refuses names its selector as invalid. */
  const insertAll = (sheet: CSSStyleSheet) =>
    rules.forEach((rule, index) => {
      if (!attempt(() => (sheet.insertRule(rule, sheet.cssRules.length), true), false)) invalid.push(selectors[index]!);
    });
  // Where this throws, it falls through to the <style> element.
  const adopted = attempt(() => {
    if (
      Array.isArray(d.adoptedStyleSheets) &&
      typeof CSSStyleSheet === 'function' &&
      'replaceSync' in CSSStyleSheet.prototype
    ) {
      const hide = new CSSStyleSheet();
      insertAll(hide);
      const base = new CSSStyleSheet();
      base.replaceSync(BASE_RULES.join(''));
      d.adoptedStyleSheets = [...d.adoptedStyleSheets, base, hide];
      return {
        invalid,
        stopHiding: () => {
          d.adoptedStyleSheets = (d.adoptedStyleSheets ?? []).filter((sheet) => sheet !== hide);
        },
      };
    }
  });
  if (adopted) return adopted;
  const style = doc.createElement('style');
  if (nonce) style.nonce = nonce;
  style.setAttribute('data-p13n', '');
  (doc.head ?? doc.documentElement).appendChild(style);
  const sheet = style.sheet;
  if (sheet) {
    for (const rule of BASE_RULES) sheet.insertRule(rule, sheet.cssRules.length);
    insertAll(sheet);
  }
  return { invalid, stopHiding: () => style.remove() };
}

/** Whether `selector` is valid CSS: an owner's typo must not break the combined selector of every slot. */
export const isValidSelector = (doc: Document, selector: string): boolean =>
  attempt(() => (doc.createDocumentFragment().querySelector(selector), true), false);
