/**
 * Whether this page view asks for a preview (`?p13n_preview=…`, `?p13n_variant=…`, or one kept in this
 * tab): only then does the shopper's script load the preview chunk. Tiny on purpose: it is in the
 * main file.
 */
import { readTab } from '../storage/tab.js';
import type { Preview } from './preview.js';

/** sessionStorage key of this tab's preview (preview.ts PREVIEW_KEY: a unit test keeps them equal). */
export const PREVIEW_TAB_KEY = 'p13n_preview';

export const previewWanted = (win: Window): boolean =>
  /[?&]p13n_(?:preview|variant)=/i.test(win.location.search) || readTab(win, PREVIEW_TAB_KEY) !== null;

/** The runtime's form of a preview: what `RuntimeState.forcedSegments` / `forcedVariants` hold. */
export function forcedBy(preview: Preview | null): {
  forcedSegments: ReadonlySet<string>;
  forcedVariants: ReadonlyMap<string, string>;
} {
  return {
    forcedSegments: new Set(preview?.segments),
    forcedVariants: new Map(Object.entries(preview?.variants ?? {})),
  };
}
