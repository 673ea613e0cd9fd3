/**
 * The strict half of the config's shape, for the validator only: what the lenient runtime parser
 * (`parse.ts`) silently ignores, but a store owner wants to hear about. Above all unknown keys: a rule
 * with `"whne": "vip"` has no `when`, so it matches every visitor. Mirrors `schema/p13n.schema.json`
 * (a test checks that the two agree on the fixtures).
 */
import { nearest } from '../segments/index.js';
import { isObject } from '../is-object.js';

export interface ShapeProblem {
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
  /** `unknown-key`, or `structure` for a value of the wrong type. */
  readonly code: 'unknown-key' | 'structure';
}

type Json = Record<string, unknown>;

export const TOP_LEVEL_KEYS = [
  '$schema',
  'segments',
  'slots',
  'timeout',
  'internalHosts',
  'endpoint',
  'styleNonce',
  'login',
  'consent',
  'globalPrivacyControl',
  'retentionDays',
  'timezone',
  'holdout',
  'models',
  'collect',
] as const;
const SLOT_KEYS = ['rules', 'selector'];
const RULE_KEYS = [
  'id',
  'when',
  'selector',
  'content',
  'variants',
  'traffic',
  'version',
  'weights_version',
  'from',
  'until',
];
const VARIANT_KEYS = ['id', 'weight', 'content', 'from', 'until'];
const CTA_KEYS = ['label', 'href'];
const ITEM_KEYS = ['title', 'href', 'image', 'price', 'badge'];
const LOGIN_KEYS = ['global', 'cookie', 'selector'];
const MODEL_KEYS = ['v', 'b', 'f', 't', 'card'];
const TERM_KEYS = ['a', 'l', 'c', 'o', 'm'];
const CARD_KEYS = ['trained', 'label', 'source', 'train', 'test', 'metrics', 'calibration', 'quantiles', 'effects'];
/** Product cards a source may give: the Product Recommendations API's own maximum. */
const MAX_SOURCE_LIMIT = 10;
const CONTENT_KEYS: Readonly<Record<string, readonly string[]>> = {
  hero: ['type', 'heading', 'text', 'image', 'imageAlt', 'cta'],
  products: ['type', 'title', 'items', 'source'],
  html: ['type', 'html'],
  hide: ['type'],
};

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export function checkShape(json: unknown): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const report = (path: string, message: string, hint?: string, code: ShapeProblem['code'] = 'structure') =>
    problems.push(hint ? { path, message, hint, code } : { path, message, code });

  const keys = (object: Json, path: string, known: readonly string[]) => {
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const guess = nearest(key, known);
      const hint = guess ? `did you mean "${guess}"?` : `known keys here: ${known.join(', ')}`;
      report(join(path, key), `unknown key "${key}"`, hint, 'unknown-key');
    }
  };
  const text = (object: Json, path: string, fields: readonly string[]) => {
    for (const field of fields) {
      if (object[field] !== undefined && typeof object[field] !== 'string') report(join(path, field), 'must be text');
    }
  };

  if (!isObject(json)) return problems; // parse.ts reports it
  keys(json, '', TOP_LEVEL_KEYS);
  text(json, '', ['$schema', 'endpoint', 'styleNonce']);
  if (Array.isArray(json.internalHosts)) {
    json.internalHosts.forEach((host, index) => {
      if (typeof host !== 'string')
        report(`internalHosts[${index}]`, 'must be a host name, e.g. "checkout.mystore.com"');
    });
  }
  if (isObject(json.holdout)) keys(json.holdout, 'holdout', ['percent', 'id']);
  for (const [name, model] of Object.entries(isObject(json.models) ? json.models : {})) {
    if (!isObject(model)) continue; // parse.ts reports it
    const at = `models.${name}`;
    keys(model, at, MODEL_KEYS);
    if (Array.isArray(model.f)) model.f.forEach((term, i) => isObject(term) && keys(term, `${at}.f[${i}]`, TERM_KEYS));
    if (isObject(model.card)) keys(model.card, `${at}.card`, CARD_KEYS);
  }
  if (isObject(json.login)) {
    keys(json.login, 'login', LOGIN_KEYS);
    text(json.login, 'login', LOGIN_KEYS);
  }
  for (const [name, slot] of Object.entries(isObject(json.slots) ? json.slots : {})) {
    if (!isObject(slot)) continue;
    const at = `slots.${name}`;
    keys(slot, at, SLOT_KEYS);
    text(slot, at, ['selector']);
    if (Array.isArray(slot.rules)) slot.rules.forEach((rule, index) => checkRule(rule, `${at}.rules[${index}]`));
  }
  return problems;

  function checkRule(rule: unknown, path: string): void {
    if (!isObject(rule)) return;
    keys(rule, path, RULE_KEYS);
    text(rule, path, ['selector']);
    if (rule.version !== undefined && !(Number.isInteger(rule.version) && (rule.version as number) >= 1)) {
      report(
        `${path}.version`,
        'must be a whole number from 1',
        'bump it (1, 2, 3 …) to re-assign visitors after changing the variants',
      );
    }
    if (
      rule.weights_version !== undefined &&
      !(Number.isInteger(rule.weights_version) && (rule.weights_version as number) >= 1)
    ) {
      report(
        `${path}.weights_version`,
        'must be a whole number from 1',
        'bump it (1, 2, 3 …) with each change of weights; `p13n report --allocate` does',
      );
    }
    if (rule.variants !== undefined && rule.content !== undefined) {
      report(
        `${path}.content`,
        'a rule has either "content" or "variants", not both',
        'with "variants", put each variant\'s content inside it: this "content" would be ignored',
      );
    }
    if (Array.isArray(rule.variants)) {
      rule.variants.forEach((variant, index) => {
        const at = `${path}.variants[${index}]`;
        if (!isObject(variant)) return;
        keys(variant, at, VARIANT_KEYS);
        checkContent(variant.content, `${at}.content`);
      });
    } else checkContent(rule.content, `${path}.content`);
  }

  /** `{collection, limit?}`, `{recommendations, limit?}` or `{recently_viewed}` (edge/shopify/sources.ts). */
  function checkSource(source: Json, path: string): void {
    const names = ['collection', 'recommendations', 'recently_viewed'];
    const given = names.filter((name) => source[name] !== undefined);
    keys(source, path, given[0] === 'recently_viewed' ? ['recently_viewed'] : [...names, 'limit']);
    if (given.length !== 1) {
      report(
        path,
        'a product source names one of "collection", "recommendations", "recently_viewed"',
        '{"collection": "HANDLE", "limit": 4}, {"recommendations": "related", "limit": 4} or {"recently_viewed": 4}',
      );
      return;
    }
    const count = (value: unknown) =>
      Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_SOURCE_LIMIT;
    if (source.limit !== undefined && !count(source.limit))
      report(`${path}.limit`, `must be a whole number from 1 to ${MAX_SOURCE_LIMIT}`);
    if (
      given[0] === 'collection' &&
      !(typeof source.collection === 'string' && /^[a-z0-9][a-z0-9_-]*$/.test(source.collection))
    ) {
      report(
        `${path}.collection`,
        'must be a collection handle: lower-case letters, digits and dashes',
        "the last part of the collection's address: /collections/HANDLE",
      );
    }
    if (
      given[0] === 'recommendations' &&
      source.recommendations !== 'related' &&
      source.recommendations !== 'complementary'
    )
      report(`${path}.recommendations`, 'must be "related" or "complementary"');
    if (given[0] === 'recently_viewed' && !count(source.recently_viewed))
      report(`${path}.recently_viewed`, `must be how many cards: a whole number from 1 to ${MAX_SOURCE_LIMIT}`);
  }

  function checkContent(content: unknown, path: string): void {
    if (!isObject(content) || typeof content.type !== 'string') return;
    const known = CONTENT_KEYS[content.type];
    if (!known) return; // parse.ts reports the unknown type
    keys(content, path, known);
    if (content.type === 'hero') {
      text(content, path, ['heading', 'text', 'image', 'imageAlt']);
      if (isObject(content.cta)) keys(content.cta, `${path}.cta`, CTA_KEYS);
    }
    if (content.type === 'products') {
      text(content, path, ['title']);
      if (content.items !== undefined && content.source !== undefined)
        report(
          `${path}.source`,
          'a products block takes "items" or a "source", not both',
          'remove "items" to show the source\'s products',
        );
      else if (isObject(content.source)) checkSource(content.source, `${path}.source`);
      if (Array.isArray(content.items)) {
        content.items.forEach((item, index) => {
          const at = `${path}.items[${index}]`;
          if (!isObject(item)) return;
          keys(item, at, ITEM_KEYS);
          text(item, at, ['href', 'image', 'badge']);
          if (item.price !== undefined && typeof item.price !== 'string' && typeof item.price !== 'number')
            report(`${at}.price`, 'must be text ("$129.00") or a number');
        });
      }
    }
  }
}
