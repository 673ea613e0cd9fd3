/** The beacon queue: NDJSON batches, sent when full or when the page goes away, with a fetch fallback. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBeaconQueue, type BeaconQueue } from '../../../src/edge/track/beacon.js';

let queue: BeaconQueue | undefined;
afterEach(() => {
  queue?.stop();
  vi.restoreAllMocks();
});

function stubBeacon(accept = true) {
  const calls: Array<[string, string]> = [];
  Object.defineProperty(window.navigator, 'sendBeacon', {
    configurable: true,
    value: (url: string, body: string) => (calls.push([url, body]), accept),
  });
  return calls;
}

describe('createBeaconQueue()', () => {
  it('sends a full batch at once, as one JSON object per line', () => {
    const calls = stubBeacon();
    queue = createBeaconQueue(window, { endpoint: '/collect', maxRecords: 3 });
    queue.add({ n: 1 });
    queue.add({ n: 2 });
    expect(calls).toEqual([]);
    queue.add({ n: 3 });
    expect(calls).toEqual([['/collect', '{"n":1}\n{"n":2}\n{"n":3}\n']]);
  });

  it('starts a new batch before one would grow past the size limit', () => {
    const calls = stubBeacon();
    queue = createBeaconQueue(window, { endpoint: '/collect', maxChars: 30 });
    queue.add({ text: 'a'.repeat(10) }); // 19 characters + newline
    queue.add({ text: 'b'.repeat(10) });
    expect(calls.map(([, body]) => body)).toEqual([`{"text":"${'a'.repeat(10)}"}\n`]);
    queue.flush();
    expect(calls).toHaveLength(2);
  });

  it('flushes on pagehide and does not send an empty batch', () => {
    const calls = stubBeacon();
    queue = createBeaconQueue(window, { endpoint: '/collect' });
    window.dispatchEvent(new Event('pagehide'));
    expect(calls).toEqual([]);
    queue.add({ n: 1 });
    window.dispatchEvent(new Event('pagehide'));
    expect(calls).toHaveLength(1);
  });

  it('falls back to fetch with keepalive when sendBeacon refuses the batch', () => {
    stubBeacon(false);
    const fetch = vi.spyOn(window, 'fetch').mockResolvedValue(new Response(''));
    queue = createBeaconQueue(window, { endpoint: '/collect' });
    queue.add({ n: 1 });
    queue.flush();
    expect(fetch).toHaveBeenCalledWith(
      '/collect',
      expect.objectContaining({ method: 'POST', body: '{"n":1}\n', keepalive: true }),
    );
  });

  it('drops what is queued on clear()', () => {
    const calls = stubBeacon();
    queue = createBeaconQueue(window, { endpoint: '/collect' });
    queue.add({ n: 1 });
    queue.clear();
    queue.flush();
    expect(calls).toEqual([]);
  });
});
