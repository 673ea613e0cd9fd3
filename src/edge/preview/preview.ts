/**
 * Preview for the store owner: see the store as a segment sees it, before shoppers do.
 *
 *   ?p13n_preview=vip,lapsed        these segments match, whatever the visitor is
 *   ?p13n_variant=hero-test:welcome  this A/B rule shows this variant (repeat, or separate with commas)
 *   ?p13n_preview=off                back to normal
 *
 * For this tab only (sessionStorage), so it follows the owner from page to page. Nothing about it goes
 * into the profile, and a previewing tab is never counted in an experiment (see `decideAll`). Names
 * from the URL are only compared with the config's names and shown as text, never used as markup.
 */
import type { CompiledConfig } from '../../core/config/compile.js';
import { readTab, writeTab } from '../storage/tab.js';
import type { Warn } from '../warn.js';

export interface Preview {
  readonly segments: readonly string[];
  /** Rule id → variant id. */
  readonly variants: Readonly<Record<string, string>>;
}

export const PREVIEW_KEY = 'p13n_preview';
const SEGMENTS = 'p13n_preview';
const VARIANTS = 'p13n_variant';
/** More than any real preview needs; a pasted essay in the URL is cut here. */
const MAX_NAMES = 20;

/**
 * Pure: this tab's preview after a page's query string, given the one it had. Kept as query text
 * (`p13n_preview=vip&p13n_variant=hero-test:welcome`): a parameter in the URL replaces its part.
 */
export function nextPreview(search: string, stored: string | null): string | null {
  const url = new URLSearchParams(search);
  if (url.getAll(SEGMENTS).some((value) => value.trim().toLowerCase() === 'off')) return null;
  const next = new URLSearchParams(stored ?? '');
  for (const key of [SEGMENTS, VARIANTS]) if (url.has(key)) next.set(key, url.getAll(key).join(','));
  const { segments, variants } = parsePreview(next.toString());
  return segments.length || Object.keys(variants).length ? next.toString() : null;
}

export function parsePreview(text: string): Preview {
  const params = new URLSearchParams(text);
  const names = (key: string) =>
    (params.get(key) ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .slice(0, MAX_NAMES);
  const variants: Record<string, string> = {};
  for (const pair of names(VARIANTS)) {
    const colon = pair.lastIndexOf(':');
    if (colon > 0 && colon < pair.length - 1) variants[pair.slice(0, colon)] = pair.slice(colon + 1);
  }
  return { segments: [...new Set(names(SEGMENTS))], variants };
}

/** Keeps what the config knows; each name it does not know is one warning. */
export function knownOnly(preview: Preview, compiled: CompiledConfig, warn: Warn): Preview {
  const segments = preview.segments.filter((name) => {
    const known = Object.prototype.hasOwnProperty.call(compiled.config.segments, name);
    if (!known) warn(`preview:${name}`, `preview: no segment '${name}' in the config, ignored`);
    return known;
  });
  const variants: Record<string, string> = {};
  const rules = compiled.slots.flatMap((slot) => slot.rules);
  for (const [rule, variant] of Object.entries(preview.variants)) {
    if (rules.some((r) => r.id === rule && r.variants?.some((v) => v.id === variant))) variants[rule] = variant;
    else warn(`preview:${rule}:${variant}`, `preview: no variant '${variant}' in an A/B rule '${rule}', ignored`);
  }
  return { segments, variants };
}

/** Reads the URL and this tab's storage, stores the result for the next pages, and returns it. */
export function startPreview(win: Window, compiled: CompiledConfig, warn: Warn): Preview | null {
  const next = nextPreview(win.location.search, readTab(win, PREVIEW_KEY));
  writeTab(win, PREVIEW_KEY, next);
  if (next === null) return null;
  const known = knownOnly(parsePreview(next), compiled, warn);
  return known.segments.length || Object.keys(known.variants).length ? known : null;
}

/** This page's URL without preview parameters, plus `p13n_preview=off`: the way out. */
export function leaveUrl(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('p13n_variant');
  url.searchParams.set('p13n_preview', 'off');
  return url.href;
}

export { forcedBy } from './wanted.js';
