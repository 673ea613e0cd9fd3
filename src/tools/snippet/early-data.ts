/**
 * What the inline decider of one config carries: which readers (the build variant of app/early.ts)
 * and which pruned tables, from what the config's rules read. Also what the owner is told: which
 * rules are decided before the first paint and which wait for personalize.js, and why.
 */
import type { CompiledConfig } from '../../core/config/compiled.js';
import { consentRequiredIn } from '../../core/consent/regions.js';
import { compileExpr } from '../../core/program/expr.js';
import type { EarlyData } from '../../core/program/early.js';
import { TZ_COUNTRIES } from '../../core/classify/tz-countries.js';
import { pruneSources, SOURCE_FIELDS } from './prune-sources.js';
import { pruneZoneTable } from './prune-zones.js';
import { readsOf, type Reads } from './reads.js';

/** The readers a decider build carries (app/early.ts `EARLY`). */
export interface EarlyFlags {
  readonly source: boolean;
  readonly zones: boolean;
  readonly hemispheres: boolean;
}

export interface EarlyPlan {
  readonly data: EarlyData;
  readonly flags: EarlyFlags;
  readonly reads: Reads;
  /** Share of the pruning corpus the source tables leave to the full script (0 without them). */
  readonly sourceUnsure: number;
}

/** Storing may need consent the decider resolves from the country: tests enter only with consent. */
function consentNeedsCountry(compiled: CompiledConfig, reads: Reads): boolean {
  if (compiled.config.consent !== undefined) return false;
  const tests = compiled.slots.some((slot) => slot.rules.some((rule) => rule.variants?.length));
  return tests || compiled.config.holdout !== undefined || reads.attributes.has('consent');
}

export function planEarly(compiled: CompiledConfig): EarlyPlan {
  const reads = readsOf(compiled);
  const data: Record<string, unknown> = {};
  const sourceRead = [...reads.attributes].some((name) => SOURCE_FIELDS[name] !== undefined);
  const pruned = sourceRead ? pruneSources(compiled, reads) : null;
  if (pruned) data.sources = pruned.data;
  const countryTests = reads.tests.filter((t) => t.path === 'country').map((t) => compileExpr(t.expr));
  const countryPrinted = reads.printed.has('country');
  const needsCountry = countryTests.length > 0 || countryPrinted || consentNeedsCountry(compiled, reads);
  if (needsCountry) {
    const consent = consentNeedsCountry(compiled, reads);
    data.zones = pruneZoneTable(TZ_COUNTRIES, (country) => {
      if (countryPrinted) return String(country);
      const answers = countryTests.map((test) => (test({ attrs: { country }, segment: () => false }) ? '1' : '0'));
      return `${answers.join('')}${consent && consentRequiredIn(country) ? 'c' : ''}`;
    });
  }
  const seasons = reads.attributes.has('season') || reads.attributes.has('hemisphere');
  if (seasons) data.hemispheres = true;
  return {
    data: data as EarlyData,
    flags: { source: sourceRead, zones: needsCountry, hemispheres: seasons },
    reads,
    sourceUnsure: pruned?.unsure ?? 0,
  };
}

/** The build variant of the decider for these flags: dist/early/early-N.js. */
export const variantOf = (flags: EarlyFlags): number =>
  (flags.source ? 1 : 0) | (flags.zones ? 2 : 0) | (flags.hemispheres ? 4 : 0);

export const ALL_VARIANTS: readonly EarlyFlags[] = Array.from({ length: 8 }, (_, n) => ({
  source: (n & 1) !== 0,
  zones: (n & 2) !== 0,
  hemispheres: (n & 4) !== 0,
}));
