/**
 * An erase (`forget()`, or consent refused) must reach every live page of the origin: another tab, or
 * a page kept in the back/forward cache. Without it such a page still holds the old profile in memory,
 * and its next write puts it back, old visitor id included, snapshot too.
 *
 * One marker in localStorage, `p13n:erased`: a count of erases, the kind of the last one and a few random
 * characters that tell two erases apart (`3:forget:k2x9qa`; nothing about the visitor). A page remembers the marker it started with and, before each profile write (and
 * inside the write's transaction), compares: a different marker means an erase it has not taken in, and
 * the write is refused. Pages hear of an erase at once through a BroadcastChannel, through the storage
 * event of the marker where there is no BroadcastChannel, and by comparing on `pageshow` (a page back
 * from the cache heard nothing while it was there: its channel is closed on `pagehide`, so that a
 * message cannot evict it from the cache either).
 */
import { attempt } from '../guard.js';
import { localStorageOf } from './local.js';

export const ERASED_KEY = 'p13n:erased';
const CHANNEL = 'p13n';

export type EraseKind = 'forget' | 'refused';

export interface EraseSignal {
  /** True when another page erased since this one last took an erase in: no write may go ahead. */
  stale(): boolean;
  /** This page erased: every other page of the origin is told (and this page's marker moves on). */
  announce(kind: EraseKind): void;
  /** Compares now, and takes in an erase made elsewhere (`onErased` runs once per erase). */
  check(): void;
  /** The page goes into the back/forward cache (`false`) or comes back from it (`true`). */
  listen(on: boolean): void;
}

const read = (win: Window): string | null =>
  attempt(() => {
    const value = localStorageOf(win)?.getItem(ERASED_KEY) ?? null;
    return value !== null && value.length <= 40 ? value : null;
  }, null);

const kindOf = (marker: string): EraseKind => (marker.split(':')[1] === 'refused' ? 'refused' : 'forget');

export function watchErase(win: Window, onErased: (kind: EraseKind) => void): EraseSignal {
  /** Every marker this page has taken in or written: a message and the storage it reports may arrive in either order. */
  const seen = new Set<string | null>([read(win)]);
  let channel: BroadcastChannel | null = null;

  /** `marker` is what another page wrote: taken in once. */
  const takeIn = (marker: string | null) => {
    // No marker (none yet, storage blocked, or cleared by another script) tells of no erase.
    if (marker === null || seen.has(marker)) return;
    seen.add(marker);
    // The app reports its own failures; an event listener must not throw into the page.
    attempt(() => onErased(kindOf(marker)));
  };
  const onMessage = (event: MessageEvent) => {
    if (typeof event.data === 'string' && event.data.length <= 40) takeIn(event.data);
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key === ERASED_KEY || event.key === null) takeIn(event.key === null ? read(win) : event.newValue);
  };
  const listen = (on: boolean) => {
    // No channel: the storage event and the comparisons still tell.
    channel = attempt(() => {
      if (!on) {
        channel?.close();
        return null;
      }
      const Channel = (win as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
      if (channel || typeof Channel !== 'function') return channel;
      const opened = new Channel(CHANNEL);
      opened.onmessage = onMessage;
      return opened;
    }, null);
  };
  // No events: the comparison before each write still refuses.
  attempt(() => win.addEventListener('storage', onStorage));
  listen(true);

  return {
    stale() {
      const marker = read(win);
      return marker !== null && !seen.has(marker);
    },
    announce(kind) {
      const count = Number.parseInt(read(win) ?? '0', 10);
      const marker = `${Number.isFinite(count) ? (count + 1) % 1e9 : 1}:${kind}:${Math.random().toString(36).slice(2, 8)}`;
      seen.add(marker);
      // Full or blocked: the channel still tells the pages open now.
      attempt(() => localStorageOf(win)?.setItem(ERASED_KEY, marker));
      // A closed channel: the storage event tells.
      attempt(() => channel?.postMessage(marker));
    },
    check: () => takeIn(read(win)),
    listen,
  };
}
