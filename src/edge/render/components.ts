/**
 * The markup of personalized content, built with plain DOM calls: the shopper's script renders only
 * these few static shapes, once per decision, so a virtual DOM (Preact, 4.5 KB gzip, kept for the
 * debug panel and owner tools) would cost more than it saves. Class names are BEM-style
 * (`p13n-hero__heading`) so a theme can style them; text goes in as text nodes (never parsed as
 * HTML), links and images through `safeUrl`.
 */
import type { HeroContent, ProductItem, ProductsContent } from '../../core/config/types.js';
import type { Attributes } from '../../core/types.js';
import { fillTokens } from '../../core/content/tokens.js';
import { safeUrl } from '../../core/content/url.js';

type Child = Node | string | false | null | undefined;

/** An element with attributes (set in order; undefined skipped) and children (strings as text, falsy skipped). */
function h(
  doc: Document,
  tag: string,
  attributes: Record<string, string | undefined>,
  ...children: Child[]
): HTMLElement {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

export function hero(doc: Document, content: HeroContent, attrs: Attributes): HTMLElement {
  const text = (value: string | undefined) => (value === undefined ? undefined : fillTokens(value, attrs));
  const image = safeUrl(content.image);
  const ctaHref = content.cta && safeUrl(fillTokens(content.cta.href, attrs, encodeURIComponent));
  return h(
    doc,
    'div',
    { class: 'p13n-hero' },
    image && h(doc, 'img', { class: 'p13n-hero__image', src: image, alt: text(content.imageAlt) ?? '' }),
    h(
      doc,
      'div',
      { class: 'p13n-hero__body' },
      content.heading && h(doc, 'h2', { class: 'p13n-hero__heading' }, text(content.heading)),
      content.text && h(doc, 'p', { class: 'p13n-hero__text' }, text(content.text)),
      content.cta && ctaHref && h(doc, 'a', { class: 'p13n-hero__cta', href: ctaHref }, text(content.cta.label)),
    ),
  );
}

/** `fill` fills the owner's tokens; cards from a catalog source get their text as is (see products()). */
function productCard(doc: Document, item: ProductItem, fill: (text: string) => string): HTMLElement {
  const href = safeUrl(item.href);
  const image = safeUrl(item.image);
  const body: Child[] = [
    image && h(doc, 'img', { class: 'p13n-product__image', src: image, alt: '', loading: 'lazy' }),
    item.badge && h(doc, 'span', { class: 'p13n-product__badge' }, fill(item.badge)),
    h(doc, 'span', { class: 'p13n-product__title' }, fill(item.title)),
    item.price !== undefined && h(doc, 'span', { class: 'p13n-product__price' }, String(item.price)),
  ];
  const card = h(doc, 'li', { class: 'p13n-product' });
  if (href) card.append(h(doc, 'a', { href }, ...body));
  else for (const child of body) if (child) card.append(child);
  return card;
}

/**
 * Only the owner's config carries tokens. Items a `source` filled in come from the store's catalog
 * (edge/shopify/sources.ts): a product titled `{{utm_term}}` must show those characters, not what the
 * visitor's URL says.
 */
export function products(doc: Document, content: ProductsContent, attrs: Attributes): HTMLElement {
  const fill = content.source ? (text: string) => text : (text: string) => fillTokens(text, attrs);
  return h(
    doc,
    'div',
    { class: 'p13n-products' },
    content.title && h(doc, 'h2', { class: 'p13n-products__title' }, fillTokens(content.title, attrs)),
    h(doc, 'ul', { class: 'p13n-products__list' }, ...content.items.map((item) => productCard(doc, item, fill))),
  );
}
