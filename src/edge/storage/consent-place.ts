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

/**
 * Where profiles are kept and erased: IndexedDB in the browser. Injected (idb-keyval's injected
 * store), so the app's tests run on stores they control, without replacing modules.
 */
export interface ProfileStores {
  /** The store of record: read and written while storing is granted. */
  durable(options: StoreOptions): ProfileStore;
  /** What an earlier, consented page view stored, read without creating anything. */
  existing(options: StoreOptions): Promise<ReadResult>;
  /** Erases every record; never creates anything. */
  eraseAll(): Promise<void>;
}

export const browserStores: ProfileStores = {
  durable: indexedDbStore,
  existing: readExisting,
  eraseAll: () => eraseAll(),
};

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
  stores: ProfileStores = browserStores,
): ProfilePlace {
  if (state === 'granted') {
    const store = stores.durable(options);
    return { store, reading: store.read() };
  }
  if (state === 'refused') stores.eraseAll().catch(onEraseError);
  return { store: memoryStore(), reading: state === 'pending' ? stores.existing(options) : null };
}

/** After a change: the store to write to now. `storageUsable` is false once IndexedDB failed on this page. */
export function storeFor(
  state: ConsentState,
  options: StoreOptions,
  storageUsable: boolean,
  stores: ProfileStores = browserStores,
): ProfileStore {
  return state === 'granted' && storageUsable ? stores.durable(options) : memoryStore();
}
