/**
 * Batches records for the config's `endpoint` and posts them as NDJSON (one JSON object per line).
 * `navigator.sendBeacon` is made for this: the browser delivers it even while the page unloads. We flush
 * when the page is hidden (`visibilitychange`, the last event mobile browsers reliably fire) and on
 * `pagehide` (Safari, bfcache), and whenever a batch is full. Bodies are sent as a string, i.e.
 * `text/plain`, a CORS-safelisted type, so a cross-origin endpoint gets no preflight
 * (https://w3c.github.io/beacon/#sec-processing-model). When sendBeacon is missing or refuses (its
 * in-flight quota is 64 KiB), `fetch(…, { keepalive: true })` takes the batch instead.
 */
import { toJson } from '../../core/json.js';

export interface BeaconOptions {
  readonly endpoint: string;
  /** A batch this many records long is sent at once. */
  readonly maxRecords?: number;
  /** A batch this large (UTF-16 length of the body, close to bytes for our ASCII-ish JSON) is sent at once. */
  readonly maxChars?: number;
}

export interface BeaconQueue {
  add(record: object): void;
  /** Sends what is queued now. */
  flush(): void;
  /** Drops what is queued without sending (consent withdrawn). */
  clear(): void;
  /** Stops listening to the page. */
  stop(): void;
}

/** Well under sendBeacon's 64 KiB quota, which a batch shares with the page's own beacons. */
export const MAX_RECORDS = 20;
export const MAX_CHARS = 16 * 1024;

export function createBeaconQueue(win: Window, options: BeaconOptions): BeaconQueue {
  const maxRecords = options.maxRecords ?? MAX_RECORDS;
  const maxChars = options.maxChars ?? MAX_CHARS;
  let lines: string[] = [];
  let chars = 0;

  const send = (body: string) => {
    const nav = win.navigator as Navigator | undefined;
    try {
      if (typeof nav?.sendBeacon === 'function' && nav.sendBeacon(options.endpoint, body)) return;
    } catch {
      // An invalid endpoint URL throws here; fetch below rejects it quietly.
    }
    try {
      void win
        .fetch(options.endpoint, {
          method: 'POST',
          body,
          keepalive: true,
          mode: 'no-cors',
          credentials: 'omit',
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
        })
        .catch(() => undefined);
    } catch {
      // No way to send: measurement is lost, the page is not.
    }
  };

  const flush = () => {
    if (lines.length === 0) return;
    const body = `${lines.join('\n')}\n`;
    lines = [];
    chars = 0;
    send(body);
  };

  const onHidden = () => {
    if (win.document.visibilityState === 'hidden') flush();
  };
  win.document.addEventListener('visibilitychange', onHidden);
  win.addEventListener('pagehide', flush);

  return {
    add(record) {
      const line = toJson(record) ?? 'null';
      if (chars + line.length + 1 > maxChars) flush();
      lines.push(line);
      chars += line.length + 1;
      if (lines.length >= maxRecords || chars >= maxChars) flush();
    },
    flush,
    clear() {
      lines = [];
      chars = 0;
    },
    stop() {
      win.document.removeEventListener('visibilitychange', onHidden);
      win.removeEventListener('pagehide', flush);
    },
  };
}
