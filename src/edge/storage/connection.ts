/**
 * The one IndexedDB connection of this page, opened on first need and given up as soon as another
 * party wants the database changed or gone. idb-keyval's `createStore` keeps its
 * connection open for the page's lifetime and ignores `versionchange`: a privacy tool's or another
 * script's `indexedDB.deleteDatabase('p13n')` then stays blocked, and every new tab waits behind it
 * until the decision timeout. Here the connection closes on `versionchange` (the delete proceeds), and
 * the next read or write opens a new one (recreating the store if it was deleted).
 */
import { promisifyRequest, type UseStore } from 'idb-keyval';

const connections = new Map<string, UseStore>();

/**
 * A `UseStore` for idb-keyval's helpers, shared by every caller on the page for the same database and
 * store. `deleted` runs when another party deletes the database while this page is connected.
 */
export function sharedStore(dbName: string, storeName: string, deleted: () => void = () => undefined): UseStore {
  const key = `${dbName}\u0000${storeName}`;
  let store = connections.get(key);
  if (!store) connections.set(key, (store = reopeningStore(dbName, storeName, deleted)));
  return store;
}

function reopeningStore(dbName: string, storeName: string, deleted: () => void): UseStore {
  let current: Promise<IDBDatabase> | undefined;

  const open = (): Promise<IDBDatabase> => {
    const request = indexedDB.open(dbName);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    const opening: Promise<IDBDatabase> = promisifyRequest(request).then((db) => {
      const drop = () => {
        if (current === opening) current = undefined;
      };
      // Another tab (or this one) deletes or upgrades the database: let it, and reopen when needed.
      db.onversionchange = (event) => {
        db.close();
        drop();
        if (event.newVersion === null) deleted();
      };
      // The browser closed it (storage cleared, Safari's spurious closes): reopen on the next need.
      db.onclose = drop;
      return db;
    });
    opening.catch(() => {
      if (current === opening) current = undefined;
    });
    return opening;
  };

  const transaction = (db: IDBDatabase, mode: IDBTransactionMode) =>
    db.transaction(storeName, mode).objectStore(storeName);

  return async (mode, callback) => {
    const used = (current ??= open());
    let store: IDBObjectStore;
    // A try of its own: only an InvalidStateError is retried, anything else is rethrown.
    try {
      store = transaction(await used, mode);
    } catch (error) {
      // Closed between two calls (a `versionchange` raced this one): one new connection, once.
      if ((error as { name?: string } | null)?.name !== 'InvalidStateError') throw error;
      if (current === undefined || current === used) current = open();
      store = transaction(await current, mode);
    }
    return callback(store);
  };
}
