/**
 * Where the profile lives: IndexedDB through idb-keyval (database `p13n`, store `profile`, key
 * `visitor`), or memory when storage is unavailable or not consented to. Every call is guarded
 * (../guard.ts) and bounded by a timeout: some browsers throw on `indexedDB.open`, some never answer
 * (Safari has shipped such bugs), and a quota error must not cost the shopper their page.
 */
import { promisifyRequest, type UseStore } from 'idb-keyval';
import { sharedStore } from './connection.js';
import { eraseSnapshot } from './snapshot.js';
import { migrate, type Profile } from '../../core/profile/model.js';
import { isExpired, retentionMs } from '../../core/privacy/retention.js';
import { attempt, rejecting } from '../guard.js';

export const DB_NAME = 'p13n';
export const STORE_NAME = 'profile';
export const PROFILE_KEY = 'visitor';
/**
 * Where an unreadable record is kept aside rather than overwritten, so nothing is lost: stored as
 * `{ keptAt, record }` and erased like a profile once it is older than the retention time.
 */
export const CORRUPT_KEY = 'visitor.unreadable';

export interface StoreOptions {
  readonly timeoutMs?: number;
  /** A record last seen longer ago than this is erased on read (privacy/retention.ts). */
  readonly retentionMs?: number;
  readonly now?: () => number;
  /**
   * Asked inside each write transaction, right before the record is put: false refuses the write (the
   * profile was erased by another page of the origin since this one read it: see ./erase-signal.ts).
   */
  readonly mayWrite?: () => boolean;
}

export type ReadResult =
  | { readonly status: 'ok'; readonly profile: Profile }
  | { readonly status: 'empty' }
  | { readonly status: 'corrupt' }
  | { readonly status: 'future-version' }
  | { readonly status: 'unavailable'; readonly error: unknown };

export interface ProfileStore {
  readonly kind: 'indexeddb' | 'memory';
  read(): Promise<ReadResult>;
  /**
   * Applies `change` to what is stored now, in one read-modify-write transaction, and resolves with
   * the written profile. Rejects (writing nothing) when the stored record is from a newer version.
   */
  update(change: (stored: Profile | undefined) => Profile): Promise<Profile>;
  clear(): Promise<void>;
}

export class StorageError extends Error {
  constructor(
    readonly reason: 'future-version' | 'timeout' | 'unavailable' | 'quota' | 'erased',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StorageError('timeout', `IndexedDB did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function classifyWriteError(error: unknown): unknown {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError')
    return new StorageError('quota', 'storage quota exceeded; the profile was not saved');
  return error;
}

/** Result of one stored record: what `read()` reports, and whether it must be erased as expired. */
function examine(raw: unknown, now: number, retention: number): ReadResult & { expired?: boolean } {
  if (raw === undefined) return { status: 'empty' };
  const migrated = migrate(raw);
  if (!migrated.ok) return { status: migrated.reason };
  return isExpired(migrated.profile.lastSeen, now, retention)
    ? { status: 'empty', expired: true }
    : { status: 'ok', profile: migrated.profile };
}

/** A record kept aside under CORRUPT_KEY that has outlived the retention time (or lost its date). */
function asideExpired(aside: unknown, now: number, retention: number): boolean {
  if (aside === undefined) return false;
  const keptAt = (aside as { keptAt?: unknown } | null)?.keptAt;
  return typeof keptAt !== 'number' || isExpired(keptAt, now, retention);
}

export function indexedDbStore({
  timeoutMs = 3000,
  retentionMs: retention = retentionMs(undefined),
  now = Date.now,
  mayWrite = () => true,
}: StoreOptions = {}): ProfileStore {
  // A database deleted by another party takes the snapshot of its record with it.
  const store = (): UseStore => sharedStore(DB_NAME, STORE_NAME, () => eraseSnapshot(globalThis as unknown as Window));
  return {
    kind: 'indexeddb',
    async read() {
      // A try of its own: the error is part of the result (`unavailable`), for the caller's one warning.
      try {
        const [raw, aside] = await withTimeout(
          rejecting(() =>
            store()('readonly', (s) =>
              Promise.all([promisifyRequest(s.get(PROFILE_KEY)), promisifyRequest(s.get(CORRUPT_KEY))]),
            ),
          ),
          timeoutMs,
        );
        const t = now();
        const result = examine(raw, t, retention);
        const expired = [
          ...(result.expired ? [PROFILE_KEY] : []),
          ...(asideExpired(aside, t, retention) ? [CORRUPT_KEY] : []),
        ];
        if (expired.length > 0) {
          await withTimeout(
            rejecting(() =>
              store()('readwrite', (s) => {
                for (const key of expired) s.delete(key);
                return promisifyRequest(s.transaction);
              }),
            ),
            timeoutMs,
          );
        }
        return result.expired ? { status: 'empty' } : result;
      } catch (error) {
        return { status: 'unavailable', error };
      }
    },
    update(change) {
      const transaction = rejecting(() =>
        store()(
          'readwrite',
          (s) =>
            new Promise<Profile>((resolve, reject) => {
              const request = s.get(PROFILE_KEY);
              request.onerror = () => reject(request.error);
              request.onsuccess = () => {
                try {
                  const raw: unknown = request.result;
                  const migrated = raw === undefined ? undefined : migrate(raw);
                  if (migrated && !migrated.ok && migrated.reason === 'future-version') {
                    throw new StorageError(
                      'future-version',
                      'the stored profile was written by a newer version of the script; it is left untouched',
                    );
                  }
                  // Asked here, inside the transaction: an erase queued before it has run by now.
                  if (!mayWrite()) throw new StorageError('erased', 'the profile was erased on another page');
                  if (migrated && !migrated.ok) s.put({ keptAt: now(), record: raw }, CORRUPT_KEY);
                  // An expired record is not carried over: the visitor starts afresh.
                  const current =
                    migrated?.ok && !isExpired(migrated.profile.lastSeen, now(), retention)
                      ? migrated.profile
                      : undefined;
                  const next = change(current);
                  s.put(next, PROFILE_KEY);
                  promisifyRequest(s.transaction).then(
                    () => resolve(next),
                    (error: unknown) => reject(classifyWriteError(error)),
                  );
                } catch (error) {
                  // Caught here, not by guard.ts: the transaction must be aborted and the error classified.
                  s.transaction.abort();
                  reject(classifyWriteError(error));
                }
              };
            }),
        ),
      );
      return withTimeout(transaction, timeoutMs);
    },
    clear: () => eraseAll(timeoutMs),
  };
}

/**
 * Opens the database only if it exists. Opening by name creates a missing database, and creating one
 * is storing something on the device: before consent, or to erase, that must not happen. Aborting the
 * upgrade transaction that a missing database triggers leaves no database behind
 * (https://w3c.github.io/IndexedDB/#abort-an-upgrade-transaction).
 */
function openExisting(): Promise<IDBDatabase | null> {
  return new Promise<IDBDatabase | null>((resolve, reject) => {
    let missing = false;
    const request = indexedDB.open(DB_NAME);
    request.onupgradeneeded = () => {
      missing = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      event.preventDefault();
      if (missing) resolve(null);
      else reject(request.error);
    };
    request.onblocked = () => reject(new StorageError('unavailable', 'IndexedDB is blocked by another tab'));
  });
}

/** Runs `work` on the profile store of an existing database; `fallback` when there is none. */
async function withExisting<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => Promise<T>,
  fallback: T,
): Promise<T> {
  const db = await openExisting();
  if (!db) return fallback;
  db.onversionchange = () => db.close(); // never the connection that blocks another tab's delete
  try {
    if (!db.objectStoreNames.contains(STORE_NAME)) return fallback;
    return await work(db.transaction(STORE_NAME, mode).objectStore(STORE_NAME));
  } finally {
    db.close();
  }
}

/** Whether this page can reach IndexedDB at all (missing in old private modes; a throwing getter where storage is blocked). */
const hasIndexedDb = (): boolean => attempt(() => typeof indexedDB === 'object' && indexedDB !== null, false);

/**
 * Erases every record of the script (profile, a record kept aside, a newer version's record). Never
 * creates the database. Without IndexedDB nothing can have been stored: there is nothing to erase.
 */
export function eraseAll(timeoutMs = 3000): Promise<void> {
  if (!hasIndexedDb()) return Promise.resolve();
  return withTimeout(
    rejecting(() =>
      withExisting(
        'readwrite',
        (s) => {
          s.clear();
          return promisifyRequest(s.transaction);
        },
        undefined,
      ),
    ),
    timeoutMs,
  );
}

/**
 * Reads what an earlier, consented page view stored, without creating anything: for a visitor whose
 * consent is still pending on this page (a banner not loaded yet). An expired record is erased.
 */
export async function readExisting({
  timeoutMs = 3000,
  retentionMs: retention = retentionMs(undefined),
  now = Date.now,
}: StoreOptions = {}): Promise<ReadResult> {
  // A try of its own: the error is part of the result (`unavailable`), for the caller's one warning.
  try {
    const raw = await withTimeout(
      rejecting(() =>
        withExisting('readonly', (s) => promisifyRequest(s.get(PROFILE_KEY)) as Promise<unknown>, undefined),
      ),
      timeoutMs,
    );
    const result = examine(raw, now(), retention);
    if (result.expired) await eraseAll(timeoutMs);
    return result.expired ? { status: 'empty' } : result;
  } catch (error) {
    return { status: 'unavailable', error };
  }
}

export { memoryStore } from './memory.js';
