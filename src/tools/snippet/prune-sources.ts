/**
 * Prunes the source tables for one config, ahead of time: the inline decider then carries only what
 * that config's rules can tell apart, and still gives the full classifier's answer or none (UNSURE).
 *
 * An answer is what the config's tests say about a source (the value of each test on `channel`,
 * `referrer_type`…), or the exact values where a `{{token}}` prints them. The corpus (./corpus.ts) is
 * every entry of both tables as a referrer and as a tagged link, with the mediums and campaigns GA4's
 * rules look at, plus the referrers of the accuracy sets. Then:
 *   1. GA4 names: the big sites' names (ours, and the click ids' sources) are kept exactly; the rest
 *      become fingerprints that answer UNSURE.
 *   2. Our list: an entry whose removal leaves every answer that used it the same is dropped.
 *   3. GA4 names: one whose absence (a lookup answering "no category") leaves every answer that looked
 *      it up the same is dropped.
 *   4. Every answer is checked: the full classifier's, or UNSURE. A table that fails is not pruned.
 */
import type { CompiledConfig } from '../../core/config/compile.js';
import { compileExpr, type Expr } from '../../core/program/expr.js';
import { encodeFingerprints } from '../../core/program/fingerprint.js';
import type { SourceCategory } from '../../core/classify/channel.js';
import { GA4_SOURCE_CATEGORIES } from '../../core/classify/ga4-categories.js';
import { prunedSourceTables, type PrunedSources } from '../../core/classify/pruned-sources.js';
import { CLICK_IDS, classifySourceIn } from '../../core/classify/source.js';
import type { SourceInput } from '../../core/classify/referrer.js';
import { fullSourceTables, SITES, UNSURE, type SiteType, type SourceTables } from '../../core/classify/sites.js';
import type { TrafficSource } from '../../core/classify/types.js';
import { sourceCorpus } from './corpus.js';
import type { Reads } from './reads.js';

/** Attributes that come from the visit's source, by the field of TrafficSource they read. */
export const SOURCE_FIELDS: Readonly<Record<string, keyof TrafficSource>> = {
  channel: 'channel',
  source: 'source',
  medium: 'medium',
  campaign: 'campaign',
  utm_content: 'content',
  utm_term: 'term',
  referrer_type: 'referrerType',
  referrer_host: 'referrerHost',
  first_channel: 'channel',
  first_source: 'source',
  first_medium: 'medium',
  first_campaign: 'campaign',
};

/** The fields the tables decide; the others come from the URL or the referrer as they are. */
const TABLE_FIELDS = new Set<keyof TrafficSource>(['channel', 'source', 'medium', 'referrerType']);

type Answer = (source: TrafficSource | null) => string;

/** What the config's rules can tell about a source; null when they read nothing the tables decide. */
export function answerOf(reads: Reads): Answer | null {
  const tests = reads.tests.filter((t) => TABLE_FIELDS.has(SOURCE_FIELDS[t.path]!));
  const printed = reads.prints.filter((p) => TABLE_FIELDS.has(SOURCE_FIELDS[p.path]!));
  if (!tests.length && !printed.length) return null;
  const check = (t: { readonly path: string; readonly expr: Expr }) => {
    const test = compileExpr(t.expr);
    const field = SOURCE_FIELDS[t.path]!;
    return (source: TrafficSource) => test({ attrs: { [t.path]: source[field] }, segment: () => false });
  };
  const checks = tests.map(check);
  // A printed value matters only where its rule can match: when each test the rule needs holds.
  const prints = printed.map((p) => ({
    field: SOURCE_FIELDS[p.path]!,
    guards: p.guards.filter((g) => SOURCE_FIELDS[g.path] !== undefined).map(check),
  }));
  return (source) => {
    if (source === null) return 'internal';
    let answer = '';
    for (const test of checks) answer += test(source) ? '1' : '0';
    for (const { field, guards } of prints)
      answer += guards.every((g) => g(source)) ? `|${String(source[field])}` : '|';
    return answer;
  };
}

const ALL_CATEGORIES = Object.keys(GA4_SOURCE_CATEGORIES) as SourceCategory[];

/** GA4's names, expanded (`x~` is x and x.com). */
function ga4Names(): Map<string, SourceCategory> {
  const names = new Map<string, SourceCategory>();
  for (const category of ALL_CATEGORIES) {
    for (const word of GA4_SOURCE_CATEGORIES[category].split(',')) {
      const stem = word.endsWith('~') ? word.slice(0, -1) : word;
      names.set(stem, category);
      if (stem !== word) names.set(`${stem}.com`, category);
    }
  }
  names.set('x.com', 'social'); // as channel.ts does
  return names;
}

interface Entry {
  readonly type: SiteType;
  readonly name: string;
  readonly patterns: readonly string[];
}

function siteEntries(): Entry[] {
  const entries: Entry[] = [];
  for (const type of Object.keys(SITES) as SiteType[]) {
    for (const entry of SITES[type].split(',')) {
      const colon = entry.indexOf(':');
      const patterns = entry.slice(colon + 1).split(' ');
      entries.push({ type, name: colon > 0 ? entry.slice(0, colon) : patterns[0]!.replace(/^\./, ''), patterns });
    }
  }
  return entries;
}

function listsOf(entries: readonly Entry[], kept: ReadonlySet<string>): Partial<Record<SiteType, string>> {
  const lists: Partial<Record<SiteType, string[]>> = {};
  for (const entry of entries) {
    const patterns = entry.patterns.filter((p) => kept.has(p));
    if (!patterns.length) continue;
    // Without `name:`, sites.ts takes the first pattern (less its dot) as the name.
    const implied = patterns[0]!.replace(/^\./, '') === entry.name;
    (lists[entry.type] ??= []).push(`${implied ? '' : `${entry.name}:`}${patterns.join(' ')}`);
  }
  return Object.fromEntries(Object.entries(lists).map(([type, list]) => [type, list!.join(',')]));
}

/**
 * The pruned tables as sites.ts would build them from `listsOf(entries, kept)` and the GA4 sets, read
 * from the live sets: a name is the first kept entry's (in list order, as sourceTables keeps the first),
 * a filtered GA4 name is UNSURE (the encoded filter adds only more UNSURE, for names sharing a
 * fingerprint, and the final check reads the real tables).
 */
function liveTables(
  entries: readonly Entry[],
  kept: ReadonlySet<string>,
  exact: ReadonlyMap<string, SourceCategory>,
  filtered: ReadonlySet<string>,
): SourceTables {
  const byPattern = new Map<string, Entry[]>();
  const byName = new Map<string, Entry[]>();
  for (const entry of entries) {
    for (const p of entry.patterns) (byPattern.get(p) ?? byPattern.set(p, []).get(p)!).push(entry);
    (byName.get(entry.name) ?? byName.set(entry.name, []).get(entry.name)!).push(entry);
  }
  const alive = (entry: Entry) => entry.patterns.some((p) => kept.has(p));
  return {
    sites: {
      get: (pattern: string) => {
        if (!kept.has(pattern)) return undefined;
        const entry = byPattern.get(pattern)?.[0];
        return entry && { name: entry.name, type: entry.type };
      },
    } as SourceTables['sites'],
    names: { get: (name: string) => byName.get(name)?.find(alive)?.type } as SourceTables['names'],
    category(name) {
      const category = exact.get(name);
      if (category) return category;
      if (filtered.has(name)) throw UNSURE;
      return null;
    },
  };
}

/** The answer of `tables` for an input, or UNSURE. */
function classifyOrUnsure(tables: SourceTables, input: SourceInput, answer: Answer): string {
  try {
    return answer(classifySourceIn(tables, input));
  } catch (error) {
    if (error === UNSURE) return 'unsure';
    throw error;
  }
}

export interface PrunedSourceResult {
  readonly data: PrunedSources;
  /** Share of the corpus the pruned tables leave UNSURE (the full script decides those). */
  readonly unsure: number;
  readonly inputs: number;
}

/**
 * Pruning depends only on what the rules ask of the tables: configs (and the studio's edits) that ask
 * the same reuse the result. A handful are kept.
 */
const pruned = new Map<string, PrunedSourceResult>();
const MAX_CACHED = 16;

/** The pruned tables for a config; null when its rules read nothing the source tables decide. */
export function pruneSources(_compiled: CompiledConfig, reads: Reads): PrunedSourceResult | null {
  const answer = answerOf(reads);
  if (!answer) return null;
  const key = JSON.stringify([
    reads.tests.filter((t) => TABLE_FIELDS.has(SOURCE_FIELDS[t.path]!)),
    reads.prints.filter((p) => TABLE_FIELDS.has(SOURCE_FIELDS[p.path]!)),
  ]);
  const cached = pruned.get(key);
  if (cached) return cached;
  const result = pruneFor(answer);
  if (pruned.size >= MAX_CACHED) pruned.delete(pruned.keys().next().value!);
  pruned.set(key, result);
  return result;
}

function pruneFor(answer: Answer): PrunedSourceResult {
  const inputs = sourceCorpus();
  const full = fullSourceTables();
  const expected = inputs.map((input) => answer(classifySourceIn(full, input)));
  const ga4 = ga4Names();
  const entries = siteEntries();

  // 1. The big sites' names stay exact: tagged links name them (utm_source=facebook), click ids too.
  const common = new Set([
    ...entries.map((e) => e.name),
    ...entries.flatMap((e) => e.patterns.map((p) => p.replace(/^\./, ''))),
    ...CLICK_IDS.map((c) => c[1]),
  ]);
  const exact = new Map([...ga4].filter(([name]) => common.has(name)));
  const filtered = new Set([...ga4.keys()].filter((name) => !exact.has(name)));
  const kept = new Set(entries.flatMap((e) => e.patterns));

  // The tables as pruned so far, read live: a trial removal is a set change, not a rebuild.
  const live = liveTables(entries, kept, exact, filtered);
  const agrees = (subset: readonly number[]) =>
    subset.every((i) => classifyOrUnsure(live, inputs[i]!, answer) === expected[i]);

  // Which inputs each pattern and each GA4 name can matter to: those that look it up under the
  // tables as pruned so far (only they can change when it goes). Kept up to date as entries go:
  // an input whose lookup found nothing goes on to look up others.
  const byKey = new Map<string, Set<number>>();
  const record = (indices: Iterable<number>) => lookups(inputs, indices, live, byKey);
  record(inputs.keys());

  // 2. Our list, entry by entry, against exact answers (an UNSURE where there was an answer is a loss).
  const entryOf = new Map(entries.flatMap((entry) => entry.patterns.map((p) => [p, entry] as const)));
  for (const pattern of [...kept]) {
    // The entry's last pattern takes its name along (names type tagged links: utm_source=chatgpt.com).
    const entry = entryOf.get(pattern)!;
    const last = !entry.patterns.some((p) => p !== pattern && kept.has(p));
    const touched = [
      ...new Set([...(byKey.get(`site:${pattern}`) ?? []), ...(last ? (byKey.get(`name:${entry.name}`) ?? []) : [])]),
    ];
    kept.delete(pattern);
    if (agrees(touched)) record(touched);
    else kept.add(pattern);
  }
  // 3. GA4 names, one by one: gone where "no category" gives the same answers.
  for (const name of [...exact.keys(), ...filtered]) {
    const touched = [...(byKey.get(`ga4:${name}`) ?? [])];
    const category = exact.get(name);
    const wasFiltered = filtered.delete(name);
    exact.delete(name);
    if (agrees(touched)) {
      record(touched);
      continue;
    }
    if (category) exact.set(name, category);
    if (wasFiltered) filtered.add(name);
  }
  // 4. Every answer: the full classifier's, or UNSURE, from the tables as the decider decodes them.
  const data: PrunedSources = {
    sites: listsOf(entries, kept),
    exact: groupByCategory(exact),
    filter: encodeFingerprints(filtered),
  };
  const tables = prunedSourceTables(data);
  let unsure = 0;
  inputs.forEach((input, i) => {
    const got = classifyOrUnsure(tables, input, answer);
    if (got === 'unsure') unsure++;
    else if (got !== expected[i]) throw new Error(`pruned source tables disagree on ${JSON.stringify(input)}`);
  });
  return { data, unsure: unsure / inputs.length, inputs: inputs.length };
}

function groupByCategory(names: ReadonlyMap<string, SourceCategory>): Partial<Record<SourceCategory, string>> {
  const groups: Partial<Record<SourceCategory, string[]>> = {};
  for (const [name, category] of names) (groups[category] ??= []).push(name);
  return Object.fromEntries(Object.entries(groups).map(([category, list]) => [category, list!.join(',')]));
}

/** Notes, for each input given, every pattern of our list and GA4 name its classification looks up. */
function lookups(
  inputs: readonly SourceInput[],
  indices: Iterable<number>,
  tables: SourceTables,
  byKey: Map<string, Set<number>>,
): void {
  let current = 0;
  const note = (key: string) => {
    (byKey.get(key) ?? byKey.set(key, new Set()).get(key)!).add(current);
  };
  const recording: SourceTables = {
    sites: { get: (key: string) => (note(`site:${key}`), tables.sites.get(key)) } as SourceTables['sites'],
    names: { get: (key: string) => (note(`name:${key}`), tables.names.get(key)) } as SourceTables['names'],
    category: (name) => (note(`ga4:${name}`), tables.category(name)),
  };
  for (const i of [...indices]) {
    current = i;
    try {
      classifySourceIn(recording, inputs[i]!);
    } catch (error) {
      if (error !== UNSURE) throw error;
    }
  }
}
