/**
 * The markup of personalized content. Class names are BEM-style (`p13n-hero__heading`) so a theme can
 * style them; text goes through Preact as text (escaped), links through `safeUrl`.
 */
import type { HeroContent, ProductItem, ProductsContent } from '../../core/config/types.js';
import type { Attributes } from '../../core/types.js';
import { fillTokens } from '../../core/content/tokens.js';
import { safeUrl } from '../../core/content/url.js';

interface Props<T> {
  readonly content: T;
  readonly attrs: Attributes;
}

export function Hero({ content, attrs }: Props<HeroContent>) {
  const text = (value: string | undefined) => (value === undefined ? undefined : fillTokens(value, attrs));
  const image = safeUrl(content.image);
  const ctaHref = content.cta && safeUrl(fillTokens(content.cta.href, attrs, encodeURIComponent));
  return (
    <div class="p13n-hero">
      {image && <img class="p13n-hero__image" src={image} alt={text(content.imageAlt) ?? ''} />}
      <div class="p13n-hero__body">
        {content.heading && <h2 class="p13n-hero__heading">{text(content.heading)}</h2>}
        {content.text && <p class="p13n-hero__text">{text(content.text)}</p>}
        {content.cta && ctaHref && <a class="p13n-hero__cta" href={ctaHref}>{text(content.cta.label)}</a>}
      </div>
    </div>
  );
}

function ProductCard({ item, attrs }: { readonly item: ProductItem; readonly attrs: Attributes }) {
  const href = safeUrl(item.href);
  const image = safeUrl(item.image);
  const title = fillTokens(item.title, attrs);
  const body = (
    <>
      {image && <img class="p13n-product__image" src={image} alt="" loading="lazy" />}
      {item.badge && <span class="p13n-product__badge">{fillTokens(item.badge, attrs)}</span>}
      <span class="p13n-product__title">{title}</span>
      {item.price !== undefined && <span class="p13n-product__price">{String(item.price)}</span>}
    </>
  );
  return <li class="p13n-product">{href ? <a href={href}>{body}</a> : body}</li>;
}

export function Products({ content, attrs }: Props<ProductsContent>) {
  return (
    <div class="p13n-products">
      {content.title && <h2 class="p13n-products__title">{fillTokens(content.title, attrs)}</h2>}
      <ul class="p13n-products__list">
        {content.items.map((item, index) => <ProductCard key={index} item={item} attrs={attrs} />)}
      </ul>
    </div>
  );
}
