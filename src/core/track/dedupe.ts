/**
 * Themes often report the same shopper action twice: once to GA4 (`dataLayer`, which we read) and once
 * to `p13n.track()`. An event equal to one seen within the window counts once. Product views are kept
 * for the whole page view: reloading data layers or re-rendered sections must not inflate interest.
 */
import type { TrackEvent } from '../profile/update.js';

export const DUPLICATE_WINDOW_MS = 2000;

export interface Deduper {
  /** True when `event` repeats one seen recently (it should then be ignored); records it otherwise. */
  seen(event: TrackEvent, now: number): boolean;
  /** A new page view (SPA navigation): product views may count again. */
  newPage(): void;
}

const fingerprint = (event: TrackEvent) =>
  [
    event.name,
    event.value ?? '',
    event.quantity ?? '',
    event.interest ?? '',
    event.transactionId ?? '',
    event.item ?? '',
  ].join('\u0000');

export function createDeduper(): Deduper {
  let recent = new Map<string, number>();
  let viewed = new Set<string>();
  return {
    seen(event, now) {
      if (event.name === 'view_item') {
        const key = event.item ?? event.interest ?? '';
        if (viewed.has(key)) return true;
        viewed.add(key);
        return false;
      }
      const print = fingerprint(event);
      const last = recent.get(print);
      recent.set(print, now);
      if (recent.size > 100) recent = new Map([...recent].slice(-50));
      return last !== undefined && now - last < DUPLICATE_WINDOW_MS;
    },
    newPage() {
      viewed = new Set();
    },
  };
}
