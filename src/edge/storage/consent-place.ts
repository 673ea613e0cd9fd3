/**
 * Where the profile lives for each consent state (consent/resolve.ts):
 *   granted  IndexedDB, read and written
 *   pending  memory; what an earlier consent stored is read, without creating anything
 *   refused  memory; what is stored is erased
 */
import {
  eraseAll,
  indexedDbStore,
  memoryStore,
  readExisting,
  type ProfileStore,
  type ReadResult,
  type StoreOptions,
} from './store.js';
import type { ConsentState } from '../../core/consent/resolve.js';

export interface ProfilePlace {
  readonly store: ProfileStore;
  /** The first read of this page; null when nothing may be read. */
  readonly reading: Promise<ReadResult> | null;
}

/** At load: the store for `state` and its first read (a refusal starts the erase). */
export function openProfile(
  state: ConsentState,
  options: StoreOptions,
  onEraseError: (error: unknown) => void,
): ProfilePlace {
  if (state === 'granted') {
    const store = indexedDbStore(options);
    return { store, reading: store.read() };
  }
  if (state === 'refused') eraseAll().catch(onEraseError);
  return { store: memoryStore(), reading: state === 'pending' ? readExisting(options) : null };
}

/** After a change: the store to write to now. `storageUsable` is false once IndexedDB failed on this page. */
export function storeFor(state: ConsentState, options: StoreOptions, storageUsable: boolean): ProfileStore {
  return state === 'granted' && storageUsable ? indexedDbStore(options) : memoryStore();
}
