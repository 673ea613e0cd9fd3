/**
 * The profile of this page: the copy read once before deciding, plus every change since, written back
 * in batches. A batch is one read-modify-write transaction that replays the pending changes on
 * whatever is stored by then (another tab may have written meanwhile), so no page view is lost.
 */
import { newProfile, type Profile } from '../../core/profile/model.js';
import { memoryStore, StorageError, type ProfileStore } from './store.js';
import type { Change } from '../../core/profile/update.js';

export interface ProfileSession {
  current(): Profile;
  /** Applies `change` in memory now; it is written with the next `flush()`. */
  change(change: Change): Profile;
  /** Writes pending changes; resolves when they are stored (or could not be: the session then keeps them in memory). */
  flush(): Promise<void>;
  /**
   * Swaps the store (consent given or withdrawn). With `replay`, every change made on this page is
   * written again to the new store on the next flush, on top of whatever it holds.
   */
  useStore(store: ProfileStore, options: { replay: boolean }): void;
  storeKind(): ProfileStore['kind'];
}

export interface SessionOptions {
  readonly now: () => number;
  /** Reports storage trouble once per kind of trouble: the caller turns it into one console warning. */
  readonly warn: (error: unknown) => void;
}

/** Changes kept for a retry while writes fail; the oldest go first (a page makes a handful each). */
const MAX_PENDING = 500;

export function createProfileSession(store: ProfileStore, initial: Profile, options: SessionOptions): ProfileSession {
  let profile = initial;
  let pending: Change[] = [];
  const history: Change[] = [];
  let writing: Promise<void> = Promise.resolve();

  const write = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const fresh = () => newProfile(profile.id, options.now());
    try {
      const stored = await store.update((saved) => batch.reduce((p, change) => change(p), saved ?? fresh()));
      // What is stored now includes other tabs' changes; replay what arrived during the write on top.
      profile = pending.reduce((p, change) => change(p), stored);
    } catch (error) {
      options.warn(error);
      if (error instanceof StorageError && error.reason === 'future-version') store = memoryFallback(store);
      // A full disk may have room by the next write: keep the batch for it, so this page's changes are
      // not lost. Quota errors abort the transaction, so nothing of it was stored. (Not after a
      // timeout: that write may still land, and replaying it would count it twice.)
      else if (error instanceof StorageError && error.reason === 'quota') pending = [...batch, ...pending].slice(-MAX_PENDING);
    }
  };

  return {
    current: () => profile,
    change(change) {
      profile = change(profile);
      pending.push(change);
      history.push(change);
      return profile;
    },
    flush() {
      writing = writing.then(write);
      return writing;
    },
    useStore(next, { replay }) {
      store = next;
      if (replay) pending = [...history];
    },
    storeKind: () => store.kind,
  };
}

/** A newer script owns the stored record: keep working in memory and leave it alone (but forget() still erases it). */
function memoryFallback(store: ProfileStore): ProfileStore {
  const memory = memoryStore();
  return { ...memory, clear: () => Promise.all([memory.clear(), store.clear()]).then(() => undefined) };
}
