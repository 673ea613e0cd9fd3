/**
 * Source tables pruned ahead of time for one config (tools/snippet/prune-sources.ts): the inline
 * decider in the page's <head> carries only what that config's rules can tell apart. Our own site
 * list keeps the entries that matter, in its own format (sites.ts); GA4's source categories keep the
 * names that matter exactly (the big sites, where most traffic comes from) and the long tail as
 * fingerprints (../program/fingerprint.ts): a name among those makes the lookup throw UNSURE, and
 * the decision that needed it waits for the full script. Never a wrong answer, at worst a late one.
 */
import type { SourceCategory } from './channel.js';
import { decodeFingerprints, fingerprint } from '../program/fingerprint.js';
import { sourceTables, UNSURE, type SiteType, type SourceTables } from './sites.js';

export interface PrunedSources {
  /** Our site list, pruned, as sites.ts writes it. */
  readonly sites?: Readonly<Partial<Record<SiteType, string>>>;
  /** GA4 source names kept exactly, by category, comma-separated. */
  readonly exact?: Readonly<Partial<Record<SourceCategory, string>>>;
  /** Fingerprints of the other GA4 names that matter. */
  readonly filter?: string;
}

export function prunedSourceTables(data: PrunedSources): SourceTables {
  const exact = new Map<string, SourceCategory>();
  for (const [category, names] of Object.entries(data.exact ?? {})) {
    if (typeof names === 'string') for (const name of names.split(',')) exact.set(name, category as SourceCategory);
  }
  const filter = decodeFingerprints(data.filter);
  return sourceTables(data.sites ?? {}, (name) => {
    const category = exact.get(name);
    if (category) return category;
    if (filter.has(fingerprint(name))) throw UNSURE;
    return null;
  });
}
