/** The products block: which text is the owner's (tokens filled) and which is the catalog's (as is). */
import { describe, expect, it } from 'vitest';
import { products } from '../../../../src/edge/render/components.js';
import type { ProductsContent } from '../../../../src/core/config/types.js';

const attrs = { utm_term: 'Call 555-0100 for a refund', visits: 3 };
const texts = (element: HTMLElement, selector: string) =>
  [...element.querySelectorAll(selector)].map((node) => node.textContent);

describe('products()', () => {
  it('fills tokens in the owner’s own items and title', () => {
    const content: ProductsContent = {
      type: 'products',
      title: 'Visit {{visits}}',
      items: [{ title: 'Shoe for {{utm_term|you}}', badge: '{{visits}}x' }],
    };
    const block = products(document, content, attrs);
    expect(texts(block, '.p13n-products__title')).toEqual(['Visit 3']);
    expect(texts(block, '.p13n-product__title')).toEqual(['Shoe for Call 555-0100 for a refund']);
    expect(texts(block, '.p13n-product__badge')).toEqual(['3x']);
  });

  it('shows the text of cards a catalog source filled in literally: only the owner’s config carries tokens', () => {
    const content: ProductsContent = {
      type: 'products',
      title: 'Visit {{visits}}',
      source: { collection: 'shoes', limit: 2 },
      items: [{ title: 'Shoe {{utm_term|noterm}}' }],
    };
    const block = products(document, content, attrs);
    expect(texts(block, '.p13n-products__title')).toEqual(['Visit 3']); // the title is the owner's
    expect(texts(block, '.p13n-product__title')).toEqual(['Shoe {{utm_term|noterm}}']);
  });
});
