/**
 * The profile of this page: the copy read once before deciding, plus every change since, written back
 * in batches. A batch is one read-modify-write transaction that applies the pending changes to
 * whatever is stored by then (another tab may have written meanwhile), so no page view is lost.
 *
 * Each change reaches the store of record (IndexedDB) exactly once, whatever consent does meanwhile:
 * the session remembers which changes IndexedDB has not seen yet (`unsynced`), and a store handed
 * over with `replay` receives those and nothing else. Changes already written are never replayed,
 * unless the stored record was erased since (a refusal): then this page's changes are all it holds.
 */
import { newProfile, type Profile } from '../../core/profile/model.js';
import { memoryStore, StorageError, type ProfileStore } from './store.js';
import type { Change } from '../../core/profile/update.js';
import { boundedPush } from './bounded.js';

export interface ProfileSession {
  current(): Profile;
  /** Applies `change` in memory now; it is written with the next `flush()`. */
  change(change: Change): Profile;
  /** Writes pending changes; resolves when they are stored (or could not be: the session then keeps them in memory). */
  flush(): Promise<void>;
  /**
   * Swaps the store (consent given or withdrawn). With `replay`, the changes of this page that
   * IndexedDB has not stored yet are written to the new store on the next flush, on top of whatever
   * it holds; each change at most once.
   */
  useStore(store: ProfileStore, options: { replay: boolean }): void;
  /** Everything stored was erased (consent refused): a later replay writes all of this page's changes again. */
  storeErased(): void;
  /**
   * The store was read again (a page restored from the back/forward cache): `stored` is what it holds
   * now, and this page's changes not written yet apply on top of it.
   */
  reread(stored: Profile): Profile;
  storeKind(): ProfileStore['kind'];
  /** How many changes the session holds, for tests and the debug panel: each list is bounded. */
  backlog(): { pending: number; unsynced: number; history: number };
}

export interface SessionOptions {
  readonly now: () => number;
  /** Reports storage trouble once per kind of trouble: the caller turns it into one console warning. */
  readonly warn: (error: unknown) => void;
  /**
   * Called after a write brought in what the store holds (another tab's changes, a record this page
   * had not read): whoever derived something from `current()` derives it again.
   */
  readonly written?: (profile: Profile, store: ProfileStore['kind']) => void;
  /**
   * While true, `flush()` writes nothing and keeps the changes for the next one: a prerendered page
   * must not store anything until the shopper sees it.
   */
  readonly held?: () => boolean;
  /**
   * Asked before each write to IndexedDB (and, by the store, again inside its transaction): false
   * refuses it, and the changes go with the profile another page erased (./erase-signal.ts).
   */
  readonly mayWrite?: () => boolean;
}

/**
 * Changes kept for a retry, for a replay and for a refusal followed by a new consent. A page makes a
 * handful; a runaway `track()` loop must not grow memory without end. Past the bound the oldest go,
 * except the first few of the page (its page view, its first assignments).
 */
export const MAX_CHANGES = 500;

/** A change with an identity, so a batch can be told apart from the same function queued twice. */
interface Entry {
  readonly apply: Change;
  /** IndexedDB holds it (since the last erasure). */
  stored: boolean;
}

const applyAll = (entries: readonly Entry[], profile: Profile) => entries.reduce((p, entry) => entry.apply(p), profile);

export function createProfileSession(store: ProfileStore, initial: Profile, options: SessionOptions): ProfileSession {
  let profile = initial;
  /** What the current store held after the last write (or the first read): `profile` = base + pending. */
  let base = initial;
  let pending: Entry[] = [];
  /** Changes IndexedDB has not stored yet (those written to memory only, or not written). */
  let unsynced: Entry[] = [];
  /** This page's changes, for a replay after an erasure. */
  const history: Entry[] = [];
  let writing: Promise<void> = Promise.resolve();

  const write = async (): Promise<void> => {
    if (options.held?.()) return;
    const target = store;
    // A replay queued while a write was under way may hold changes that write has stored since.
    const batch = target.kind === 'indexeddb' ? pending.filter((entry) => !entry.stored) : pending;
    pending = [];
    if (batch.length === 0 || (target.kind === 'indexeddb' && options.mayWrite?.() === false)) return;
    // An empty IndexedDB starts a new record from this page's changes; an empty memory store (consent
    // just withdrawn) continues from what this page knew.
    const empty = () => (target.kind === 'memory' ? base : newProfile(profile.id, options.now()));
    // A try of its own: what follows a failed write depends on the kind of error.
    try {
      const stored = await target.update((saved) => applyAll(batch, saved ?? empty()));
      if (target.kind === 'indexeddb') forget(batch);
      base = stored;
      // What is stored now includes other tabs' changes; apply what arrived during the write on top.
      profile = applyAll(pending, stored);
      options.written?.(profile, target.kind);
    } catch (error) {
      const reason = error instanceof StorageError ? error.reason : null;
      // Erased by another page since this one read the profile: these changes belong to the erased
      // profile, and the page that learns of the erase starts a new one (app/erase.ts). No warning.
      if (reason === 'erased') return;
      options.warn(error);
      if (reason === 'future-version') store = memoryFallback(store);
      // A full disk may have room by the next write: keep the batch for it, so this page's changes are
      // not lost. Quota errors abort the transaction, so nothing of it was stored.
      else if (reason === 'quota') pending = [...batch, ...pending].slice(-MAX_CHANGES);
      // After a timeout that write may still land: counting it as stored is the way never to count it twice.
      else if (reason === 'timeout' && target.kind === 'indexeddb') forget(batch);
    }
  };

  const forget = (written: readonly Entry[]) => {
    for (const entry of written) entry.stored = true;
    unsynced = unsynced.filter((entry) => !entry.stored);
  };

  return {
    current: () => profile,
    change(change) {
      const entry: Entry = { apply: change, stored: false };
      profile = change(profile);
      // Pending changes are let go by the next write (track() flushes each time): not bounded, not lost.
      pending.push(entry);
      boundedPush(unsynced, entry, MAX_CHANGES);
      boundedPush(history, entry, MAX_CHANGES);
      return profile;
    },
    flush() {
      writing = writing.then(write);
      return writing;
    },
    useStore(next, { replay }) {
      store = next;
      // The changes not applied to the old store stay pending for the new one (base + pending = what
      // this page shows); a replay brings the store of record everything it has not seen, once.
      if (replay && next.kind === 'indexeddb') pending = [...unsynced];
    },
    storeErased() {
      for (const entry of history) entry.stored = false;
      unsynced = [...history];
    },
    reread(stored) {
      base = stored;
      profile = applyAll(pending, stored);
      return profile;
    },
    storeKind: () => store.kind,
    backlog: () => ({ pending: pending.length, unsynced: unsynced.length, history: history.length }),
  };
}

/** A newer script owns the stored record: keep working in memory and leave it alone (but forget() still erases it). */
function memoryFallback(store: ProfileStore): ProfileStore {
  const memory = memoryStore();
  return { ...memory, clear: () => Promise.all([memory.clear(), store.clear()]).then(() => undefined) };
}
