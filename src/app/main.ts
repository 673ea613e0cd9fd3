/**
 * Script-tag entry: boots personalization for this page and exposes `window.p13n`. Nothing else.
 * Included twice (two theme snippets, an app embed plus a manual tag), the second copy steps aside.
 */
import { createController, type P13nApi } from './boot.js';
import { createWarner } from '../edge/warn.js';
import { cannotRun, publish, releaseSlots } from './claim.js';

declare const __VERSION__: string;

declare global {
  interface Window {
    p13n?: P13nApi;
  }
}

function start(win: Window): void {
  const warn = createWarner();
  try {
    if (win.p13n && typeof win.p13n.track === 'function') {
      warn('twice', 'personalize.js is included twice on this page: the second copy does nothing');
      return;
    }
    const refusal = cannotRun(win);
    if (refusal) {
      warn('start', refusal);
      return releaseSlots(win.document);
    }
    const script = win.document.currentScript instanceof HTMLScriptElement ? win.document.currentScript : null;
    publish(win, createController(win, script, warn, __VERSION__));
  } catch (error) {
    // Nothing may escape into the store's page; the hiding style is only added inside the controller.
    warn('start', `personalization is off for this page view: ${String(error)}`);
  }
}

start(window);
