/**
 * Structural parsing of the store owner's config. Lenient by design: a bad slot, rule or content is
 * dropped with a problem naming its JSON path, and the rest of the config keeps working.
 * Expressions are checked later, by `config/compile.ts`, which knows the segment language.
 */
import { parseHoldout } from './holdout.js';
import { parseModels } from './models.js';
import type { Config, Rule, SlotConfig, Variant } from './types.js';
import { DEFAULT_TIMEOUT_MS } from './types.js';
import { parseJson } from '../json.js';
import { createBudget, type Budget } from './budget.js';
import { MAX_CONFIG_LENGTH } from '../limits.js';
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS } from '../privacy/retention.js';
import { parseWindow, parseZone } from './schedule-keys.js';
import { isProgram, PROGRAM_VERSION, type Program } from '../program/program.js';
import { isObject } from '../is-object.js';
import { parseContent, pickText, type Report } from './parse-content.js';

export interface ConfigProblem {
  readonly severity: 'error' | 'warning';
  /** JSON path, e.g. `slots.hero.rules[1].when`. */
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

export interface ParsedConfig {
  readonly config: Config;
  readonly problems: ConfigProblem[];
  /** The decision program this config came in (compiled ahead of time), if it did. */
  readonly program?: Program;
}

const isText = (value: unknown): value is string => typeof value === 'string';

const EMPTY: Config = { segments: {}, slots: {}, timeout: DEFAULT_TIMEOUT_MS, internalHosts: [] };

/** Parses config text (from the inline script or a fetched file). Never throws. */
export function parseConfigText(text: string): ParsedConfig {
  if (text.length > MAX_CONFIG_LENGTH) return { config: EMPTY, problems: [tooLong(text)] };
  let json: unknown;
  try {
    json = parseJson(text);
  } catch (error) {
    return {
      config: EMPTY,
      problems: [
        {
          severity: 'error',
          path: '',
          message: `config is not valid JSON: ${(error as Error).message}`,
          hint: 'check for a trailing comma or a missing quote; every page keeps its default content until it parses',
        },
      ],
    };
  }
  if (isProgram(json)) {
    if (json.v !== PROGRAM_VERSION) {
      const message = `config is a decision program of another version (${String(json.v).slice(0, 20)}) than this personalize.js reads (${PROGRAM_VERSION})`;
      const hint =
        'generate the install again (npx p13n snippet, or npx p13n shopify) and upload the personalize.js of the same version';
      return { config: EMPTY, problems: [{ severity: 'error', path: '', message, hint }] };
    }
    return { ...parseConfig(json.config), program: json };
  }
  return parseConfig(json);
}

/** Refused before parsing: parsing alone would keep the page busy (see MAX_CONFIG_LENGTH). */
export function tooLong(text: string): ConfigProblem {
  const message = `config is ${Math.ceil(text.length / 1024)} KB, the limit is ${MAX_CONFIG_LENGTH / 1024} KB: every page keeps its default content`;
  return {
    severity: 'error',
    path: '',
    message,
    hint: 'remove unused segments and rules, or host large HTML content elsewhere',
  };
}

export function parseConfig(json: unknown): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const error = (path: string, message: string, hint?: string) =>
    problems.push(hint ? { severity: 'error', path, message, hint } : { severity: 'error', path, message });
  if (!isObject(json)) {
    error('', 'config must be a JSON object with "segments" and "slots"');
    return { config: EMPTY, problems };
  }

  const segments: Record<string, string> = {};
  const budget = createBudget(error);
  if (json.segments !== undefined && !isObject(json.segments))
    error('segments', 'must be an object of name → expression');
  for (const [name, expression] of Object.entries(isObject(json.segments) ? json.segments : {})) {
    if (!isText(expression)) error(`segments.${name}`, 'must be an expression string', `e.g. "visits >= 3"`);
    else if (reservedName(name, `segments.${name}`, 'segment', error)) continue;
    else if (budget.segment(name, expression)) segments[name] = expression;
  }

  const slots: Record<string, SlotConfig> = {};
  if (json.slots !== undefined && !isObject(json.slots)) error('slots', 'must be an object of slot name → { rules }');
  for (const [name, slot] of Object.entries(isObject(json.slots) ? json.slots : {})) {
    if (reservedName(name, `slots.${name}`, 'slot', error)) continue;
    const parsed = parseSlot(slot, `slots.${name}`, error, budget);
    if (parsed) slots[name] = parsed;
  }

  let timeout = DEFAULT_TIMEOUT_MS;
  if (json.timeout !== undefined) {
    if (typeof json.timeout === 'number' && json.timeout >= 0 && json.timeout <= 10_000) timeout = json.timeout;
    else
      error('timeout', 'must be a number of milliseconds between 0 and 10000', `the default is ${DEFAULT_TIMEOUT_MS}`);
  }

  const internalHosts = Array.isArray(json.internalHosts)
    ? json.internalHosts.filter(isText).map((host) => host.toLowerCase())
    : [];
  if (json.internalHosts !== undefined && !Array.isArray(json.internalHosts))
    error('internalHosts', 'must be a list of host names');

  const config: { -readonly [K in keyof Config]: Config[K] } = { segments, slots, timeout, internalHosts };
  if (isText(json.endpoint)) config.endpoint = json.endpoint;
  if (isText(json.styleNonce)) config.styleNonce = json.styleNonce;
  if (isObject(json.login)) config.login = pickText(json.login, ['global', 'cookie', 'selector']);
  else if (json.login !== undefined) error('login', 'must be an object with "global", "cookie" or "selector"');
  if (json.consent === 'required' || json.consent === 'implied') config.consent = json.consent;
  else if (json.consent !== undefined) error('consent', 'must be "required" or "implied"');
  if (json.globalPrivacyControl === 'refuse' || json.globalPrivacyControl === 'ignore')
    config.globalPrivacyControl = json.globalPrivacyControl;
  else if (json.globalPrivacyControl !== undefined) error('globalPrivacyControl', 'must be "refuse" or "ignore"');
  if (typeof json.retentionDays === 'number' && json.retentionDays >= 1 && json.retentionDays <= MAX_RETENTION_DAYS)
    config.retentionDays = json.retentionDays;
  else if (json.retentionDays !== undefined)
    error(
      'retentionDays',
      `must be a number of days from 1 to ${MAX_RETENTION_DAYS}`,
      `the default is ${DEFAULT_RETENTION_DAYS} (13 months)`,
    );
  const timezone = parseZone(json.timezone, error);
  if (timezone) config.timezone = timezone;
  const holdout = parseHoldout(json.holdout, error);
  if (holdout) config.holdout = holdout;
  const models = parseModels(json.models, error);
  if (models) config.models = models;
  if (Array.isArray(json.collect) && json.collect.every((kind) => kind === 'pageviews'))
    config.collect = json.collect.length ? ['pageviews'] : [];
  else if (json.collect !== undefined)
    error('collect', 'must be a list of record kinds: ["pageviews"] is the one there is', 'it needs an "endpoint" too');
  return { config, problems };
}

/** Where each kept rule stood in the owner's list: problems found later name that index, not its place among the kept rules. */
const sourceIndex = new WeakMap<Rule, number>();
export const sourceIndexOf = (rule: Rule, fallback: number): number => sourceIndex.get(rule) ?? fallback;

/**
 * `__proto__` cannot be a key of a plain object (assigning it sets the prototype): dropped, and said.
 * `constructor` and `prototype` work as any other name (lookups are own-property only).
 */
function reservedName(name: string, path: string, what: string, error: Report): boolean {
  if (name !== '__proto__') return false;
  error(path, `'__proto__' cannot be a ${what} name: the ${what} is left out`, `rename it, e.g. proto_${what}`);
  return true;
}

function parseSlot(slot: unknown, path: string, error: Report, budget: Budget): SlotConfig | undefined {
  if (!isObject(slot) || !Array.isArray(slot.rules)) {
    error(
      path,
      'a slot must be an object with a "rules" list',
      '{ "rules": [{ "id": "…", "when": "…", "content": {…} }] }',
    );
    return undefined;
  }
  const rules: Rule[] = [];
  const seen = new Set<string>();
  slot.rules.forEach((rule, index) => {
    // Counted before it is parsed: rules past the limit cost nothing.
    if (!budget.rule(rule, `${path}.rules[${index}]`)) return;
    const parsed = parseRule(rule, `${path}.rules[${index}]`, error);
    if (!parsed) return;
    if (seen.has(parsed.id))
      error(
        `${path}.rules[${index}].id`,
        `duplicate rule id '${parsed.id}' in this slot`,
        'rule ids must be unique: A/B assignment is keyed by them',
      );
    else {
      sourceIndex.set(parsed, index);
      rules.push(parsed);
    }
    seen.add(parsed.id);
  });
  return isText(slot.selector) ? { selector: slot.selector, rules } : { rules };
}

function parseRule(rule: unknown, path: string, error: Report): Rule | undefined {
  if (!isObject(rule)) return void error(path, 'a rule must be an object');
  if (!isText(rule.id) || rule.id === '')
    return void error(
      `${path}.id`,
      'every rule needs a non-empty "id"',
      'ids keep A/B assignments stable when rules are reordered',
    );
  if (rule.when !== undefined && !isText(rule.when)) return void error(`${path}.when`, 'must be an expression string');
  const out: { -readonly [K in keyof Rule]: Rule[K] } = { id: rule.id };
  if (!parseWindow(rule, out, path, `rule '${rule.id}'`, error)) return undefined;
  if (isText(rule.when)) out.when = rule.when;
  if (isText(rule.selector)) out.selector = rule.selector;
  if (typeof rule.version === 'number') out.version = rule.version;
  if (typeof rule.weights_version === 'number') out.weights_version = rule.weights_version;
  if (rule.traffic !== undefined) {
    if (typeof rule.traffic !== 'number' || !(rule.traffic >= 0 && rule.traffic <= 100))
      return void error(`${path}.traffic`, 'must be a percentage from 0 to 100');
    out.traffic = rule.traffic;
  }
  if (rule.variants !== undefined) {
    if (!Array.isArray(rule.variants) || rule.variants.length === 0)
      return void error(`${path}.variants`, 'must be a non-empty list of { id, weight, content }');
    const variants: Variant[] = [];
    for (const [index, variant] of rule.variants.entries()) {
      const at = `${path}.variants[${index}]`;
      if (!isObject(variant) || !isText(variant.id))
        return void error(at, 'a variant needs an "id", a "weight" and a "content" (null for control)');
      if (typeof variant.weight !== 'number' || !(variant.weight >= 0) || !Number.isFinite(variant.weight))
        return void error(`${at}.weight`, 'must be a number >= 0');
      const content = parseContent(variant.content, `${at}.content`, error);
      if (content === undefined) return undefined;
      const parsed: { -readonly [K in keyof Variant]: Variant[K] } = {
        id: variant.id,
        weight: variant.weight,
        content,
      };
      if (!parseWindow(variant, parsed, at, `variant '${variant.id}' of rule '${rule.id}'`, error)) return undefined;
      variants.push(parsed);
    }
    if (!variants.some((variant) => variant.weight > 0))
      return void error(`${path}.variants`, 'at least one variant needs a weight above 0');
    out.variants = variants;
  } else {
    const content = parseContent(rule.content, `${path}.content`, error);
    if (content === undefined) return undefined;
    out.content = content;
  }
  return out;
}
