/**
 * Erasing the visitor: `forget()` on this page, and an erase or refusal made on another page of the
 * origin (another tab, or a page this one left for the back/forward cache). Either way this page
 * starts a new profile (a new visitor id) and decides again; no page writes the old profile back
 * (edge/storage/erase-signal.ts refuses such a write even before the news arrives).
 */
import { newProfile } from '../core/profile/model.js';
import { randomId } from '../edge/id.js';
import type { EraseKind } from '../edge/storage/erase-signal.js';
import { eraseSnapshot } from '../edge/storage/snapshot.js';
import { memoryStore } from '../edge/storage/store.js';
import { describeError } from '../edge/warn.js';
import { applyConsent } from './consent.js';
import { redecide } from './decide.js';
import { createSession } from './profile.js';
import type { Run } from './run.js';
import type { RuntimeState } from './runtime.js';

/** A new visitor from now on: the old session must not write its pending changes after the erase. */
function startOver(run: Run, state: RuntimeState): void {
  state.session.useStore(memoryStore(), { replay: false });
  eraseSnapshot(run.win);
  run.shopify.forget();
  state.session = createSession(run, newProfile(randomId(), run.now()));
  redecide(run, state);
}

/** `p13n.forget()`: erases what is stored, on every page of the origin, and starts over. */
export function forget(run: Run): Promise<void> {
  const failed = (error: unknown) =>
    run.warn('forget', `forget(): the stored profile could not be erased (${describeError(error)})`);
  // Every other page first, so none of them writes the old profile back after the erase.
  const announce = () => run.erase.announce('forget');
  return run.whenBooted(
    (state) => {
      announce();
      const store = run.place.store;
      const erase = (store ? store.clear() : run.stores.eraseAll()).catch(failed);
      // Also erase IndexedDB when this page runs from memory: the record may be from an earlier visit.
      const eraseDb = store?.kind === 'memory' ? run.stores.eraseAll().catch(() => undefined) : Promise.resolve();
      startOver(run, state);
      return Promise.all([erase, eraseDb]).then(() => undefined);
    },
    // Boot failed: whatever an earlier visit stored still goes.
    () => (announce(), run.stores.eraseAll().catch(failed)),
  );
}

/** Another page of the origin erased the profile (`forget()`), or the visitor refused consent there. */
export function erasedElsewhere(run: Run, kind: EraseKind): void {
  // Recorded now, so a profile read still under way is not used for storing either.
  if (kind === 'refused') run.signals.choose(false, 'consent refused on another page of this store');
  void run.whenBooted((state) => (kind === 'refused' ? applyConsent(run, state, false) : startOver(run, state)));
}
