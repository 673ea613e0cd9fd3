/**
 * Profile stores for the app's tests, given to `createController` as its `stores` option (the seam
 * idb-keyval's injected store suggests): `durable` stands for IndexedDB, and the page's one profile
 * read answers what `read` says (what `durable` holds, unless a test needs a read that answers late or
 * never). Erases are counted.
 */
import type { ProfileStores } from '../../../src/edge/storage/consent-place.js';
import type { ProfileStore, ReadResult } from '../../../src/edge/storage/store.js';

export interface FakeStores extends ProfileStores {
  /** How many times everything was erased. */
  readonly erased: () => number;
}

export function fakeStores(durable: () => ProfileStore, read?: () => Promise<ReadResult>): FakeStores {
  let erased = 0;
  return {
    durable: () => (read ? { ...durable(), read } : durable()),
    existing: () => (read ? read() : durable().read()),
    eraseAll: async () => {
      erased++;
      await durable().clear();
    },
    erased: () => erased,
  };
}
