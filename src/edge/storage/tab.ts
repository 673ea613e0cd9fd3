/**
 * This tab's sessionStorage, for the store owner's tools (preview, debug panel): it lasts while the tab
 * is open, survives navigation, and is never shared with other tabs or stored in the profile. Every
 * call is guarded: storage can be disabled, full, or throw in sandboxed frames; the tools then work
 * from the URL alone.
 */
import { attempt } from '../guard.js';

export const readTab = (win: Window, key: string): string | null =>
  attempt(() => win.sessionStorage.getItem(key), null);

/** Where it cannot be kept, the URL still carries the setting for this page view. */
export function writeTab(win: Window, key: string, value: string | null): void {
  attempt(() => (value === null ? win.sessionStorage.removeItem(key) : win.sessionStorage.setItem(key, value)));
}
