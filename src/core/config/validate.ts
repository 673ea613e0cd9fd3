/**
 * The store owner's config check (`npx p13n validate`, and the build when a config is baked in): every
 * problem at once, errors and warnings, each with its JSON path, a caret under the mistake in an
 * expression, and a hint. Pure: JSON in, a list out. The runtime never runs this; it parses leniently
 * (`parse.ts`) and turns off only what is broken.
 *
 * Errors: the script would drop or turn off something as written (bad shape, broken expression, a link
 * it refuses, a rule that can never match, an id two slots share). Warnings: it works, but something is
 * dead weight (a variant of weight 0, a slot without rules, a segment nothing uses, an unknown token).
 */
import { compileSegments } from '../segments/index.js';
import { checkUnusedSegments, checkWhen, expressionProblem, shopifyNotes } from './validate-expressions.js';
import { checkContent, checkVariants } from './validate-content.js';
import { ruleOrder } from './validate-order.js';
import { findJsonError } from './json-error.js';
import { parseConfig, tooLong } from './parse.js';
import { isProgram, PROGRAM_VERSION } from '../program/program.js';
import { MAX_CONFIG_LENGTH } from '../limits.js';
import { MAX_JSON_DEPTH, TOO_DEEP, tooDeep, tooDeepAt } from '../json-depth.js';
import { inDocumentOrder, placeOf } from './validate-place.js';
import { checkShape } from './strict.js';
import { checkSchedules, checkZone, type ValidateOptions } from './validate-time.js';
import { checkModels } from './validate-model.js';
import { isObject } from '../is-object.js';

export type { ValidateOptions };
export { placeOf };

export type CheckCode =
  | 'json'
  | 'structure'
  | 'unknown-key'
  | 'bad-name'
  | 'expression'
  | 'duplicate-id'
  | 'unreachable'
  | 'unsafe-url'
  | 'zero-weight'
  | 'empty-slot'
  | 'unused-segment'
  | 'unknown-token'
  | 'schedule'
  | 'shopify-name'
  | 'inline-unsafe'
  /** From `p13n shopify` (tools/shopify/store-check.ts): an address a Shopify store does not have. */
  | 'shopify-store'
  | 'traffic'
  | 'model';

export interface ValidationProblem {
  /** `info`: nothing wrong, worth knowing (a Shopify name that is an alias of ours). */
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: CheckCode;
  /** JSON path, e.g. `slots.hero.rules[1].when`; '' for the whole text. */
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
  /** An expression and a caret line under the mistake (from `formatExpressionError`). */
  readonly excerpt?: string;
  /** Invalid JSON: 0-based offset of the mistake in the text. */
  readonly offset?: number;
  /** The place in words, before the JSON path: `slot "hero", rule "winback"`, `segment "vip"`. */
  readonly where?: string;
  /** What this one mistake also turns off, in words (`segment "winback"`, `slot "hero", rule "winback"`). */
  readonly alsoOff?: readonly string[];
}

const rulesOf = (slot: unknown): unknown[] => (isObject(slot) && Array.isArray(slot.rules) ? slot.rules : []);

/** Validates config text: JSON syntax first (with the offset of the mistake), then everything else. */
export function validateConfigText(text: string, options: ValidateOptions = {}): ValidationProblem[] {
  if (text.length > MAX_CONFIG_LENGTH) return [{ ...tooLong(text), code: 'structure' }];
  // Before parsing: everything after JSON.parse walks the config recursively.
  const deep = tooDeepAt(text);
  if (deep >= 0) return [{ ...tooDeepProblem, offset: deep }];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const found = findJsonError(text);
    const hint = found?.hint ?? 'check for a trailing comma or a missing quote';
    const message = `not valid JSON: ${found?.message ?? (error as Error).message}`;
    return [{ severity: 'error', code: 'json', path: '', message, hint, ...(found ? { offset: found.offset } : {}) }];
  }
  // A page installed with `p13n snippet` carries the config inside its decision program.
  if (isProgram(json)) {
    if (json.v !== PROGRAM_VERSION) {
      const message = `a decision program of another version (${String(json.v).slice(0, 20)}) than this p13n makes (${PROGRAM_VERSION})`;
      return [
        {
          severity: 'error',
          code: 'structure',
          path: '',
          message,
          hint: 'generate the install again with npx p13n snippet (or npx p13n shopify)',
        },
      ];
    }
    return validateConfig(json.config, options);
  }
  return [...validateConfig(json, options), ...inlineProblems(text)];
}

const tooDeepProblem: ValidationProblem = {
  severity: 'error',
  code: 'json',
  path: '',
  message: `${TOO_DEEP}: more than ${MAX_JSON_DEPTH} levels of { and [ inside each other`,
  hint: 'a config needs about 6 levels, and no p13n tool reads one this deep: check what wrote this file',
};

/**
 * Text that cannot be pasted into a page as is: the HTML parser ends the config's `<script>` at the
 * first `</script` (and `<!--` changes how it looks for it). `npx p13n shopify` escapes both.
 */
function inlineProblems(text: string): ValidationProblem[] {
  const found = /<\/script|<!--/i.exec(text);
  if (!found) return [];
  const hint = `write "<" as \\u003c inside strings (same JSON), or install with npx p13n shopify or data-config, which need no change`;
  return [
    {
      severity: 'warning',
      code: 'inline-unsafe',
      path: '',
      offset: found.index,
      message: `${JSON.stringify(found[0])} in the text breaks <script id="p13n-config"> when pasted into a page as is`,
      hint,
    },
  ];
}

/** `options.now` (the tools' clock) turns on the "this window has ended" warning; the core has no clock. */
export function validateConfig(json: unknown, options: ValidateOptions = {}): ValidationProblem[] {
  if (tooDeep(json)) return [tooDeepProblem];
  const problems: ValidationProblem[] = [];
  const add = (problem: ValidationProblem) => problems.push(problem);
  const parsed = parseConfig(json);
  for (const problem of parsed.problems) {
    add({ ...problem, code: problem.message.startsWith('duplicate rule id') ? 'duplicate-id' : 'structure' });
  }
  for (const problem of checkShape(json)) add({ severity: 'error', ...problem });
  if (!isObject(json)) return problems;

  const segments = compileSegments(parsed.config.segments);
  // One mistake, one error: what fails only because of another segment's mistake is listed under it.
  const knockOn = new Map<string, string[]>();
  const offBecause = (root: string, what: string) => {
    const at = home.get(root) ?? root;
    knockOn.set(at, [...(knockOn.get(at) ?? []), what]);
  };
  const cycles = new Map<string, string>(); // its members, sorted → the member it is reported on
  const home = new Map<string, string>(); // a cycle's member → the member it is reported on
  for (const [name, error] of segments.errors) {
    if (error.code === 'broken-dependency' && error.related) {
      offBecause(error.related[1]!, `segment "${name}"`);
      continue;
    }
    if (error.code === 'cycle' && error.related) {
      const members = [...error.related].sort().join(' ');
      const first = cycles.get(members);
      if (first !== undefined) {
        offBecause(first, `segment "${name}"`);
        continue;
      }
      cycles.set(members, name);
      for (const member of error.related) home.set(member, name);
    }
    add(expressionProblem(`segments.${name}`, error, error.code === 'bad-name' ? 'bad-name' : 'expression'));
  }
  for (const [name, expression] of Object.entries(parsed.config.segments))
    shopifyNotes(`segments.${name}`, expression, add);
  checkZone(json.timezone, add);

  const slots = isObject(json.slots) ? json.slots : {};
  const rulesInOrder = ruleOrder(parsed.config.segments);
  const ruleSlot = new Map<string, string>();
  for (const [slotName, slot] of Object.entries(slots)) {
    const at = `slots.${slotName}`;
    const rules = rulesOf(slot);
    if (isObject(slot) && Array.isArray(slot.rules) && rules.length === 0) {
      add({
        severity: 'warning',
        code: 'empty-slot',
        path: `${at}.rules`,
        message: `slot '${slotName}' has no rules: it always shows its default content`,
        hint: 'add a rule, or remove the slot',
      });
    }
    // Rules the runtime keeps (parse.ts drops a broken one, and a repeated id): only they can match.
    const kept = new Set(parsed.config.slots[slotName]?.rules.map((rule) => rule.id));
    const order = rulesInOrder();
    rules.forEach((rule, index) => {
      if (!isObject(rule)) return;
      const runs = typeof rule.id === 'string' && kept.delete(rule.id);
      const path = `${at}.rules[${index}]`;
      const id = typeof rule.id === 'string' ? rule.id : `#${index + 1}`;
      if (typeof rule.id === 'string' && rule.id !== '') {
        const other = ruleSlot.get(rule.id);
        if (other !== undefined && other !== slotName) {
          add({
            severity: 'error',
            code: 'duplicate-id',
            path: `${path}.id`,
            message: `rule id '${rule.id}' is also used in slot '${other}'`,
            hint: 'rule ids must be unique across slots: A/B assignments, preview links and events are keyed by them',
          });
        }
        if (other === undefined) ruleSlot.set(rule.id, slotName);
      }
      const tree = checkWhen(rule.when, `${path}.when`, segments, add, (root) =>
        offBecause(root, `slot "${slotName}", rule "${id}"`),
      );
      if (typeof rule.when === 'string') shopifyNotes(`${path}.when`, rule.when, add);
      checkSchedules(rule, path, id, options, add);
      if (runs) order.rule(rule, id, path, tree, add);
      checkVariants(rule, path, add);
      if (Array.isArray(rule.variants))
        rule.variants.forEach(
          (variant, v) => isObject(variant) && checkContent(variant.content, `${path}.variants[${v}].content`, add),
        );
      else checkContent(rule.content, `${path}.content`, add);
    });
  }
  checkUnusedSegments(segments, Object.values(slots).flatMap(rulesOf), add);
  const whens: Array<[string, string]> = Object.entries(parsed.config.segments).map(([name, e]) => [
    `segments.${name}`,
    e,
  ]);
  for (const [slotName, slot] of Object.entries(slots))
    rulesOf(slot).forEach((rule, index) => {
      if (isObject(rule) && typeof rule.when === 'string')
        whens.push([`slots.${slotName}.rules[${index}].when`, rule.when]);
    });
  for (const problem of checkModels(parsed.config, whens)) add(problem);
  const named = problems.map((problem) => {
    const root =
      problem.path.startsWith('segments.') && problem.code !== 'unused-segment'
        ? knockOn.get(problem.path.slice('segments.'.length))
        : undefined;
    const where = placeOf(problem.path, json);
    return { ...problem, ...(where ? { where } : {}), ...(root ? { alsoOff: root } : {}) };
  });
  return inDocumentOrder(named, json);
}
