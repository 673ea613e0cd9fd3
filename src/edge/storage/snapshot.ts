/**
 * Where the snapshot lives: one localStorage entry, read synchronously at load. Same consent rules as
 * the profile: written only while storing is granted (after a write to IndexedDB), read also while
 * consent is pending (like what an earlier consent stored), erased on refusal and by forget(). Every
 * call is guarded: localStorage can be missing, full, or throw in sandboxed frames and some private
 * modes; the page then decides from IndexedDB as before.
 */
import { fromSnapshot, toSnapshot } from '../../core/profile/snapshot.js';
import type { Profile } from '../../core/profile/model.js';

import { SNAPSHOT_KEY } from './snapshot-key.js';
import { attempt } from '../guard.js';
import { localStorageOf } from './local.js';

export { SNAPSHOT_KEY };

export const readSnapshot = (win: Window, now: number, retention: number): Profile | null =>
  attempt(() => fromSnapshot(localStorageOf(win)?.getItem(SNAPSHOT_KEY) ?? null, now, retention), null);

/** Keeps the snapshot of what IndexedDB now holds (over the bound, the marker that a profile exists). */
export function writeSnapshot(win: Window, profile: Profile): void {
  const text = toSnapshot(profile);
  const kept = attempt(() => (localStorageOf(win)?.setItem(SNAPSHOT_KEY, text), true), false);
  // Full or blocked: the next page reads IndexedDB, as without a snapshot. Drop a stale one if we can.
  if (!kept) eraseSnapshot(win);
}

/** Where nothing could be written, nothing is left to erase either. */
export function eraseSnapshot(win: Window): void {
  attempt(() => localStorageOf(win)?.removeItem(SNAPSHOT_KEY));
}
