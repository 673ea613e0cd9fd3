/**
 * This tab's sessionStorage, for the store owner's tools (preview, debug panel): it lasts while the tab
 * is open, survives navigation, and is never shared with other tabs or stored in the profile. Every
 * call is guarded: storage can be disabled, full, or throw in sandboxed frames; the tools then work
 * from the URL alone.
 */
export function readTab(win: Window, key: string): string | null {
  try {
    return win.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeTab(win: Window, key: string, value: string | null): void {
  try {
    if (value === null) win.sessionStorage.removeItem(key);
    else win.sessionStorage.setItem(key, value);
  } catch {
    // The URL still carries the setting for this page view.
  }
}
