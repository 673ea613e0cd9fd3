/** The product a page describes in its JSON-LD (`<script type="application/ld+json">`), if any. */
import { productFromJsonLd, type JsonLdProduct } from '../../core/classify/page.js';
import { attempt } from '../guard.js';

export function readProductFromJsonLd(doc: Document): JsonLdProduct | null {
  const scripts = attempt(() => doc.querySelectorAll('script[type*="ld+json"]'));
  if (!scripts) return null;
  const blocks: string[] = [];
  for (let i = 0; i < scripts.length && i < 50; i++) blocks.push(scripts[i]!.textContent ?? '');
  return productFromJsonLd(blocks);
}
