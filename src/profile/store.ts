/**
 * Where the profile lives: IndexedDB through idb-keyval (database `p13n`, store `profile`, key
 * `visitor`), or memory when storage is unavailable or not consented to. Every call is guarded and
 * bounded by a timeout: some browsers throw on `indexedDB.open`, some never answer (Safari has shipped
 * such bugs), and a quota error must not cost the shopper their page.
 */
import { createStore, del, promisifyRequest, type UseStore } from 'idb-keyval';
import { migrate, type Profile } from './model.js';

export const DB_NAME = 'p13n';
export const STORE_NAME = 'profile';
export const PROFILE_KEY = 'visitor';
/** Where an unreadable record is kept aside rather than overwritten, so nothing is lost. */
export const CORRUPT_KEY = 'visitor.unreadable';

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
  constructor(readonly reason: 'future-version' | 'timeout' | 'unavailable' | 'quota', message: string) {
    super(message);
    this.name = 'StorageError';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StorageError('timeout', `IndexedDB did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });
}

/** Runs an idb-keyval store call, turning synchronous throws (no `indexedDB`, SecurityError) into rejections. */
function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return run();
  } catch (error) {
    return Promise.reject(error);
  }
}

function classifyWriteError(error: unknown): unknown {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return new StorageError('quota', 'storage quota exceeded; the profile was not saved');
  return error;
}

export function indexedDbStore(timeoutMs = 3000): ProfileStore {
  let useStore: UseStore | undefined;
  const store = (): UseStore => (useStore ??= createStore(DB_NAME, STORE_NAME));
  return {
    kind: 'indexeddb',
    async read() {
      try {
        const raw: unknown = await withTimeout(guarded(() => store()('readonly', (s) => promisifyRequest(s.get(PROFILE_KEY)))), timeoutMs);
        if (raw === undefined) return { status: 'empty' };
        const migrated = migrate(raw);
        if (migrated.ok) return { status: 'ok', profile: migrated.profile };
        return { status: migrated.reason };
      } catch (error) {
        return { status: 'unavailable', error };
      }
    },
    update(change) {
      const transaction = guarded(() =>
        store()('readwrite', (s) =>
          new Promise<Profile>((resolve, reject) => {
            const request = s.get(PROFILE_KEY);
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              try {
                const raw: unknown = request.result;
                const migrated = raw === undefined ? undefined : migrate(raw);
                if (migrated && !migrated.ok && migrated.reason === 'future-version') {
                  throw new StorageError('future-version', 'the stored profile was written by a newer version of the script; it is left untouched');
                }
                if (migrated && !migrated.ok) s.put(raw, CORRUPT_KEY);
                const next = change(migrated?.ok ? migrated.profile : undefined);
                s.put(next, PROFILE_KEY);
                promisifyRequest(s.transaction).then(() => resolve(next), (error: unknown) => reject(classifyWriteError(error)));
              } catch (error) {
                s.transaction.abort();
                reject(error);
              }
            };
          }),
        ),
      );
      return withTimeout(transaction, timeoutMs);
    },
    async clear() {
      const current = store();
      await withTimeout(guarded(() => Promise.all([del(PROFILE_KEY, current), del(CORRUPT_KEY, current)])), timeoutMs);
    },
  };
}

/** Keeps the profile for this page only: no consent, or no usable IndexedDB. */
export function memoryStore(initial?: Profile): ProfileStore {
  let saved = initial;
  return {
    kind: 'memory',
    read: async () => (saved ? { status: 'ok', profile: saved } : { status: 'empty' }),
    update: async (change) => (saved = change(saved)),
    clear: async () => {
      saved = undefined;
    },
  };
}
