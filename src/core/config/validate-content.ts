/**
 * The validator's checks of what a rule shows: variants' weights, links the renderer would drop, and
 * `{{tokens}}` that name no attribute.
 */
import { attributeSpec, ATTRIBUTE_NAMES } from '../attributes/registry.js';
import { safeUrl } from '../content/url.js';
import { TOKEN } from '../content/tokens.js';
import { nearest } from '../segments/index.js';
import type { ValidationProblem } from './validate.js';
import { isObject } from '../is-object.js';

type Json = Record<string, unknown>;

export function checkVariants(rule: Json, path: string, add: (p: ValidationProblem) => void): void {
  if (!Array.isArray(rule.variants)) return;
  const weights = rule.variants.map((variant) => (isObject(variant) ? variant.weight : undefined));
  if (!weights.some((weight) => typeof weight === 'number' && weight > 0)) return; // parse.ts reports "all zero"
  rule.variants.forEach((variant, index) => {
    if (!isObject(variant) || variant.weight !== 0) return;
    const id = typeof variant.id === 'string' ? variant.id : `#${index + 1}`;
    const preview = typeof rule.id === 'string' ? ` (?p13n_variant=${rule.id}:${id} still previews it)` : '';
    add({
      severity: 'warning',
      code: 'zero-weight',
      path: `${path}.variants[${index}].weight`,
      message: `variant '${id}' has weight 0: no new visitor gets it`,
      hint: `visitors already assigned to it keep it; give it a weight or remove it${preview}`,
    });
  });
}

/** Links the renderer would drop, and `{{tokens}}` that name no attribute (they show the fallback). */
export function checkContent(content: unknown, path: string, add: (p: ValidationProblem) => void): void {
  if (!isObject(content)) return;
  const urls: Array<[string, unknown]> = [];
  if (content.type === 'hero')
    urls.push(
      [`${path}.image`, content.image],
      [`${path}.cta.href`, isObject(content.cta) ? content.cta.href : undefined],
    );
  if (content.type === 'products' && Array.isArray(content.items)) {
    content.items.forEach(
      (item, index) =>
        isObject(item) &&
        urls.push([`${path}.items[${index}].href`, item.href], [`${path}.items[${index}].image`, item.image]),
    );
  }
  for (const [at, url] of urls) {
    if (typeof url !== 'string' || safeUrl(url) !== undefined) continue;
    const shown = url.length > 60 ? `${url.slice(0, 57)}...` : url;
    add({
      severity: 'error',
      code: 'unsafe-url',
      path: at,
      message: `link ${JSON.stringify(shown)} is not allowed: it would be left out`,
      hint: 'use an http(s), mailto or relative URL (/sale)',
    });
  }
  forEachText(content, path, (text, at) => {
    for (const match of text.matchAll(TOKEN)) {
      const name = match[1]!;
      if (attributeSpec(name)) continue;
      const guess = nearest(
        name,
        ATTRIBUTE_NAMES.map((n) => n.replace('.KEY', '')),
      );
      add({
        severity: 'warning',
        code: 'unknown-token',
        path: at,
        message: `{{${name}}} names no attribute: it shows ${match[2] === undefined ? 'nothing' : 'its fallback'}`,
        hint: guess ? `did you mean {{${guess}}}?` : 'see the attribute table in docs/expressions.md',
      });
    }
  });
}

function forEachText(value: unknown, path: string, each: (text: string, path: string) => void): void {
  if (typeof value === 'string') each(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => forEachText(item, `${path}[${index}]`, each));
  else if (isObject(value)) for (const [key, item] of Object.entries(value)) forEachText(item, `${path}.${key}`, each);
}
