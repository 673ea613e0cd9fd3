/**
 * Delivers records to the config's `endpoint` as NDJSON (one JSON object per line), in batches.
 *
 * Browsers cap what a page may have in flight with `keepalive` (the requests that outlive the page:
 * `fetch(…, { keepalive: true })` and `navigator.sendBeacon` alike) at 64 KiB
 * (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch, "inflight keepalive bytes"). A burst
 * over it (1,000 route changes of a single-page app, a loop of purchases) was refused and lost
 * without a word. So records wait in a bounded queue and leave as the endpoint answers:
 * - a batch is due when full (records or characters), when the page view ends (`flush`), and when the
 *   page is hidden or left (`visibilitychange`, `pagehide`: the last events mobile browsers fire);
 * - due batches go by keepalive `fetch`, at most `MAX_IN_FLIGHT` requests and `IN_FLIGHT_BYTES` at a
 *   time (the rest of the quota is left to the page's own beacons); each answer lets the next one go;
 *   a batch the network refuses is tried again later, `MAX_ATTEMPTS` times in all;
 * - on hiding and leaving, what is left goes by `sendBeacon` (the browser's own unload path), as far
 *   as the quota allows;
 * - what cannot be delivered (the queue is full, the page closes with more than the quota left, the
 *   endpoint never answers) is counted, and the count travels in the next batch as a `dropped`
 *   record, so `p13n report` states it.
 * Bodies are sent as a string, i.e. `text/plain`, a CORS-safelisted type: a cross-origin endpoint gets
 * no preflight (https://w3c.github.io/beacon/#sec-processing-model).
 */
import { toJson } from '../../core/json.js';
import { droppedRecord } from '../../core/track/records.js';
import { attempt } from '../guard.js';

export interface BeaconOptions {
  readonly endpoint: string;
  /** A batch this many records long is due at once. */
  readonly maxRecords?: number;
  /** A batch this many bytes long (UTF-8) is due at once; no body is longer. */
  readonly maxBytes?: number;
  /** What may wait at most; records past it are counted as dropped. */
  readonly maxQueuedBytes?: number;
  readonly now?: () => number;
}

export interface BeaconQueue {
  add(record: object): void;
  /** The page view ended: what is queued is due now. */
  flush(): void;
  /** Drops what is queued without sending, and forgets the count of dropped records (consent withdrawn). */
  clear(): void;
  /** Stops listening to the page. */
  stop(): void;
}

export const MAX_RECORDS = 20;
export const MAX_BYTES = 16 * 1024;
/** About 3,000 records: a page that queues more than this is looping; what is over is counted. */
export const MAX_QUEUED_BYTES = 1024 * 1024;
/** The browser's keepalive quota per page, shared with the page's own beacons. */
export const KEEPALIVE_QUOTA = 64 * 1024;
/** Our share of it while the page is shown: the page's own analytics keep the rest. */
export const IN_FLIGHT_BYTES = 48 * 1024;
export const MAX_IN_FLIGHT = 4;
/** Sending one batch is tried this many times (a second apart, then two, four, eight) before it is dropped. */
export const MAX_ATTEMPTS = 5;
const RETRY_MS = 1000;
/** Room kept in a last body for the `dropped` record. */
const DROPPED_ROOM = 100;

/** UTF-8 length of a string: what the browser counts against the quota. */
export function utf8Bytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x800 && (code < 0xd800 || code > 0xdfff)) bytes += 2;
    else if (code >= 0x80) bytes += 1; // two bytes, or half of a surrogate pair's four
  }
  return bytes;
}

interface Line {
  readonly text: string;
  readonly bytes: number;
  /** Records this line stands for when it is lost: 1, or a `dropped` record's count. */
  readonly counts: number;
  readonly isCount: boolean;
}

export function createBeaconQueue(win: Window, options: BeaconOptions): BeaconQueue {
  const maxRecords = options.maxRecords ?? MAX_RECORDS;
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  const maxQueued = options.maxQueuedBytes ?? MAX_QUEUED_BYTES;
  const now = options.now ?? Date.now;
  let queue: Line[] = [];
  let queuedBytes = 0;
  /** The first `due` lines of the queue are to be sent now; the bytes of the others. */
  let due = 0;
  let waitingBytes = 0;
  let inFlight = 0;
  let inFlightBytes = 0;
  /** Records lost and not yet reported. */
  let dropped = 0;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by clear(): answers to requests sent before it change nothing. */
  let epoch = 0;

  const allDue = () => {
    due = queue.length;
    waitingBytes = 0;
  };

  /** The next batch from the head of the queue, up to `limit` bytes, led by the count of lost records. */
  const take = (limit: number): Line[] => {
    const batch: Line[] = [];
    let bytes = 0;
    if (dropped > 0) {
      const text = toJson(droppedRecord(dropped, now())) ?? '';
      batch.push({ text, bytes: utf8Bytes(text) + 1, counts: dropped, isCount: true });
      bytes = batch[0]!.bytes;
      dropped = 0;
    }
    while (due > 0 && (batch.length === 0 || bytes + queue[0]!.bytes <= limit)) {
      const line = queue.shift()!;
      due--;
      queuedBytes -= line.bytes;
      batch.push(line);
      bytes += line.bytes;
    }
    return batch;
  };

  /** A batch that did not leave goes back to the head, still due, in its order. */
  const putBack = (batch: readonly Line[]) => {
    const lines = batch.filter((line) => !line.isCount);
    for (const line of batch) if (line.isCount) dropped += line.counts;
    queue = [...lines, ...queue];
    due += lines.length;
    queuedBytes += lines.reduce((sum, line) => sum + line.bytes, 0);
  };

  const lose = (lines: readonly Line[]) => {
    for (const line of lines) dropped += line.counts;
  };

  const bodyOf = (batch: readonly Line[]) => `${batch.map((line) => line.text).join('\n')}\n`;

  // False too where an invalid endpoint URL throws.
  const sendBeacon = (body: string): boolean =>
    attempt(() => {
      const nav = win.navigator as Navigator | undefined;
      return typeof nav?.sendBeacon === 'function' && nav.sendBeacon(options.endpoint, body);
    }, false);

  /** Posts with keepalive and reports the outcome; false when no request could even start. */
  const post = (body: string, settle: (ok: boolean) => void): boolean =>
    // False too where fetch cannot even parse the endpoint URL.
    attempt(() => {
      if (typeof win.fetch !== 'function') {
        // Very old browsers: the beacon is all there is, and it says only whether it took the body.
        const queued = sendBeacon(body);
        setTimeout(() => settle(queued), 0);
        return true;
      }
      win
        .fetch(options.endpoint, {
          method: 'POST',
          body,
          keepalive: true,
          mode: 'no-cors',
          credentials: 'omit',
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
        })
        .then(
          () => settle(true),
          () => settle(false),
        );
      return true;
    }, false);

  const pump = (): void => {
    while (
      retry === undefined &&
      (due > 0 || dropped > 0) &&
      inFlight < MAX_IN_FLIGHT &&
      inFlightBytes + maxBytes <= IN_FLIGHT_BYTES
    ) {
      const batch = take(maxBytes);
      const bytes = batch.reduce((sum, line) => sum + line.bytes, 0);
      inFlight++;
      inFlightBytes += bytes;
      const sentIn = epoch;
      const settle = (ok: boolean) => {
        if (sentIn !== epoch) return;
        inFlight--;
        inFlightBytes -= bytes;
        if (ok || ++failures >= MAX_ATTEMPTS) {
          if (!ok) lose(batch);
          failures = 0;
          return pump();
        }
        putBack(batch);
        retry = setTimeout(
          () => {
            retry = undefined;
            pump();
          },
          RETRY_MS * 2 ** (failures - 1),
        );
      };
      if (!post(bodyOf(batch), settle)) return settle(false);
    }
  };

  /**
   * Hidden or leaving: everything is due, and what fits in the quota goes by sendBeacon now. When the
   * page closes for good, the rest is lost, and its count rides in a last body.
   */
  const sendNow = (closing: boolean) => {
    allDue();
    let budget = KEEPALIVE_QUOTA - inFlightBytes - DROPPED_ROOM;
    while ((due > 0 || dropped > 0) && budget > 0) {
      const batch = take(Math.min(budget, KEEPALIVE_QUOTA / 2));
      const body = bodyOf(batch);
      const bytes = utf8Bytes(body);
      if (bytes > budget || !sendBeacon(body)) {
        putBack(batch);
        break;
      }
      budget -= bytes;
    }
    if (!closing || queue.length === 0) return pump();
    lose(queue);
    queue = [];
    queuedBytes = 0;
    due = 0;
    sendBeacon(bodyOf(take(0)));
  };

  const onVisibility = () => {
    if (win.document.visibilityState === 'hidden') sendNow(false);
    else pump();
  };
  // Into the back/forward cache (`persisted`) the page may come back, and then sends the rest itself.
  const onPageHide = (event: Event) => sendNow(!(event as PageTransitionEvent).persisted);
  const onPageShow = () => pump();
  win.document.addEventListener('visibilitychange', onVisibility);
  win.addEventListener('pagehide', onPageHide);
  win.addEventListener('pageshow', onPageShow);

  return {
    add(record) {
      const text = toJson(record) ?? 'null';
      const bytes = utf8Bytes(text) + 1;
      if (bytes > maxBytes || queuedBytes + bytes > maxQueued) {
        dropped++;
        return;
      }
      queue.push({ text, bytes, counts: 1, isCount: false });
      queuedBytes += bytes;
      waitingBytes += bytes;
      if (queue.length - due >= maxRecords || waitingBytes >= maxBytes) {
        allDue();
        pump();
      }
    },
    flush() {
      allDue();
      pump();
    },
    clear() {
      queue = [];
      queuedBytes = 0;
      due = 0;
      waitingBytes = 0;
      dropped = 0;
      failures = 0;
      inFlight = 0;
      inFlightBytes = 0;
      epoch++;
      if (retry !== undefined) clearTimeout(retry);
      retry = undefined;
    },
    stop() {
      win.document.removeEventListener('visibilitychange', onVisibility);
      win.removeEventListener('pagehide', onPageHide);
      win.removeEventListener('pageshow', onPageShow);
    },
  };
}
