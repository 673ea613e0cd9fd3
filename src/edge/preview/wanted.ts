/**
 * Whether this page view asks for a preview (`?p13n_preview=…`, `?p13n_variant=…`, or one kept in this
 * tab): only then does the shopper's script load the preview chunk. Tiny on purpose: it is in the
 * main file.
 */
import { readTab } from '../storage/tab.js';

/** sessionStorage key of this tab's preview (preview.ts PREVIEW_KEY: a unit test keeps them equal). */
export const PREVIEW_TAB_KEY = 'p13n_preview';

export const previewWanted = (win: Window): boolean =>
  /[?&]p13n_(?:preview|variant)=/i.test(win.location.search) || readTab(win, PREVIEW_TAB_KEY) !== null;
