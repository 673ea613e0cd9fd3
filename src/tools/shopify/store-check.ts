/**
 * What a config that validates can still get wrong on a Shopify store: addresses that exist on the
 * demo server or the owner's own site but not on a Shopify storefront. Shopify serves only its own
 * routes there (`/products/…`, `/collections/…`, `/cdn/shop/…`, an app proxy's `/apps/…`), so:
 * - an `endpoint` that is a path (`/collect`) gets a 404: every A/B record is lost;
 * - an `endpoint` over plain http is blocked from an https store page (mixed content);
 * - an image that is a path (`/img/hero.svg`, in a hero, a product card or the owner's HTML) is missing.
 * Warnings, not errors: `p13n shopify` still writes the files (a store may have an app proxy or a
 * redirect we cannot see). Links are left alone: a store's URL redirects can make any path exist.
 */
import { placeOf, type ValidationProblem } from '../../core/config/validate.js';
import { isObject } from '../../core/is-object.js';

/** Absolute (`https:`, `//cdn…`), inline (`data:`, `blob:`), or a path Shopify itself serves. */
const ON_SHOPIFY = /^(?:[a-z][a-z0-9+.-]*:|\/\/|\/cdn\/|\/apps\/)/i;
/** `src`, `poster` and each URL of a `srcset` in the owner's HTML. */
const HTML_SOURCES = /\b(src|poster|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/** For a message: quoted as JSON, C1 controls escaped too, cut to a readable length. */
const shown = (text: string) => {
  const cut = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(cut).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
};

/** The warnings, each with its place in words as the validator gives it. */
export function shopifyStoreProblems(config: unknown): ValidationProblem[] {
  return storeProblems(config).map((problem) => {
    const where = placeOf(problem.path, config);
    return where ? { ...problem, where } : problem;
  });
}

function storeProblems(config: unknown): ValidationProblem[] {
  if (!isObject(config)) return [];
  const problems: ValidationProblem[] = [];
  const endpoint = config.endpoint;
  if (typeof endpoint === 'string' && endpoint.trim() !== '') {
    const lost = 'so the A/B test records are lost';
    const measure = 'or remove "endpoint" and measure with GA4: npx p13n report --ga4 (README, Shopify step 7)';
    if (!ON_SHOPIFY.test(endpoint.trim()) || /^\/cdn\//.test(endpoint.trim()))
      problems.push({
        severity: 'warning',
        code: 'shopify-store',
        path: 'endpoint',
        message: `"endpoint": ${shown(endpoint)} is an address on the store itself, which a Shopify store does not have (it answers 404), ${lost}`,
        hint: `give the full address of a server that keeps them (https://collect.example.com/p13n), ${measure}`,
      });
    else if (/^http:/i.test(endpoint.trim()))
      problems.push({
        severity: 'warning',
        code: 'shopify-store',
        path: 'endpoint',
        message: `"endpoint": ${shown(endpoint)} is plain http: a Shopify store's pages are https and the browser blocks it, ${lost}`,
        hint: `use its https:// address, ${measure}`,
      });
  }
  const images = new Map<string, string[]>();
  const slots = isObject(config.slots) ? config.slots : {};
  for (const [slot, value] of Object.entries(slots)) {
    const rules = isObject(value) && Array.isArray(value.rules) ? value.rules : [];
    rules.forEach((rule, r) => {
      if (!isObject(rule)) return;
      const at = `slots.${slot}.rules[${r}]`;
      if (Array.isArray(rule.variants))
        rule.variants.forEach(
          (variant, v) => isObject(variant) && imagesOf(variant.content, `${at}.variants[${v}].content`, images),
        );
      else imagesOf(rule.content, `${at}.content`, images);
    });
  }
  if (images.size > 0) {
    // One warning for them all, with the first place: the fix (upload, use Shopify's address) is one task.
    const urls = [...images.keys()];
    const listed = urls.slice(0, 3).map(shown).join(', ');
    const rest = urls.length > 3 ? ` and ${urls.length - 3} more` : '';
    const places = [...images.values()].flat();
    problems.push({
      severity: 'warning',
      code: 'shopify-store',
      path: places[0]!,
      message:
        urls.length === 1
          ? `image ${listed} is a path on the store itself: a Shopify store has no such file, so it shows no picture`
          : `${urls.length} images are paths on the store itself (${listed}${rest}): a Shopify store has no such files, so they show no picture`,
      hint: `upload ${urls.length === 1 ? 'it' : 'them'} in Shopify admin (Content → Files) and use the address Shopify gives each (https://cdn.shopify.com/…)${places.length > 1 ? `; used in ${places.length} places, the first shown here` : ''}`,
    });
  }
  return problems;
}

/** Image addresses of a content that a Shopify store would not have, by URL → where they are. */
function imagesOf(content: unknown, path: string, found: Map<string, string[]>): void {
  if (!isObject(content)) return;
  const add = (url: unknown, at: string) => {
    if (typeof url !== 'string' || url.trim() === '' || ON_SHOPIFY.test(url.trim())) return;
    found.set(url, [...(found.get(url) ?? []), at]);
  };
  if (content.type === 'hero') add(content.image, `${path}.image`);
  if (content.type === 'products' && Array.isArray(content.items))
    content.items.forEach((item, i) => isObject(item) && add(item.image, `${path}.items[${i}].image`));
  if (content.type === 'html' && typeof content.html === 'string') {
    for (const match of content.html.matchAll(HTML_SOURCES)) {
      const value = match[2] ?? match[3] ?? match[4] ?? '';
      const urls =
        match[1]!.toLowerCase() === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0]!) : [value];
      for (const url of urls) add(url, `${path}.html`);
    }
  }
}
