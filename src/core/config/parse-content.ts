/**
 * Structural parsing of one rule's or variant's content: hero, products, html or hide. Lenient like
 * the rest of `parse.ts`: invalid content is reported by its JSON path and the rule is left out.
 */
import { isObject } from '../is-object.js';
import { toJson } from '../json.js';
import type { Content, ProductItem, ProductSource } from './types.js';

export type Report = (path: string, message: string, hint?: string) => void;

const isText = (value: unknown): value is string => typeof value === 'string';

/** `undefined` means invalid (reported); `null` is the valid "keep the default" content. */
export function parseContent(content: unknown, path: string, error: Report): Content | null | undefined {
  if (content === null) return null;
  if (!isObject(content))
    return void error(path, 'content must be an object with a "type", or null to keep the default');
  switch (content.type) {
    case 'hero': {
      const cta = content.cta;
      if (cta !== undefined && !(isObject(cta) && isText(cta.label) && isText(cta.href)))
        return void error(`${path}.cta`, 'a cta needs a "label" and an "href"');
      const hero = { ...pickText(content, ['heading', 'text', 'image', 'imageAlt']), type: 'hero' as const };
      return isObject(cta) ? { ...hero, cta: { label: cta.label as string, href: cta.href as string } } : hero;
    }
    case 'products': {
      if (content.source !== undefined && content.items === undefined) {
        // Checked in full by the validator (strict.ts); a source the runtime cannot use keeps the default.
        if (!isObject(content.source)) return void error(`${path}.source`, 'a product source must be an object');
        return {
          type: 'products',
          items: [],
          source: content.source as unknown as ProductSource,
          ...pickText(content, ['title']),
        };
      }
      if (!Array.isArray(content.items))
        return void error(`${path}.items`, 'a products block needs an "items" list (or a "source")');
      const items: ProductItem[] = [];
      content.items.forEach((item, index) => {
        if (isObject(item) && isText(item.title)) {
          const price = typeof item.price === 'number' ? { price: item.price } : {};
          items.push({ ...pickText(item, ['href', 'image', 'price', 'badge']), ...price, title: item.title });
        } else error(`${path}.items[${index}]`, 'a product item needs a "title"');
      });
      return { type: 'products', items, ...pickText(content, ['title']) };
    }
    case 'html':
      if (!isText(content.html)) return void error(`${path}.html`, 'html content needs an "html" string');
      return { type: 'html', html: content.html };
    case 'hide':
      return { type: 'hide' };
    default:
      return void error(
        `${path}.type`,
        `unknown content type ${toJson(content.type) ?? String(content.type)}`,
        "use 'hero', 'products', 'html' or 'hide' (or null to keep the default)",
      );
  }
}

export function pickText(source: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) if (isText(source[key])) out[key] = source[key];
  return out;
}
