/**
 * Init scripts that make a page's IndexedDB slow, as on a busy phone: every `open` answers `ms` late.
 * For `context.addInitScript(delayIndexedDb, ms)`.
 */
export function delayIndexedDb(ms: number): void {
  const open = indexedDB.open.bind(indexedDB);
  const onsuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess')!;
  indexedDB.open = (...args: Parameters<IDBFactory['open']>) => {
    const request = open(...args);
    let handler: ((event: Event) => void) | null = null;
    Object.defineProperty(request, 'onsuccess', {
      configurable: true,
      set: (h) => {
        handler = h;
      },
      get: () => handler,
    });
    onsuccess.set!.call(request, (event: Event) => setTimeout(() => handler?.call(request, event), ms));
    return request;
  };
}
