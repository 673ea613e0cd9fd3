/**
 * The beacon queue against a model of the browser's network: keepalive requests (`fetch` with
 * `keepalive`, and `sendBeacon`) share a 64 KiB quota of bytes in flight; over it, `fetch` rejects
 * and `sendBeacon` returns false. Requests stay in flight until the test answers them, the way a
 * synchronous burst of records sees the network: nothing answers until the burst is over.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createBeaconQueue,
  KEEPALIVE_QUOTA,
  MAX_ATTEMPTS,
  MAX_IN_FLIGHT,
  utf8Bytes,
  type BeaconQueue,
} from '../../../../src/edge/track/beacon.js';

/** Taken before any test fakes the timers: the model's answers arrive on the real clock. */
const realSetTimeout = globalThis.setTimeout;

let queue: BeaconQueue | undefined;
afterEach(() => {
  queue?.stop();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

interface Pending {
  readonly bytes: number;
  readonly body: string;
  answer(ok: boolean): void;
}

/** Chromium's rule for keepalive requests, with the test deciding when (and whether) each one is answered. */
class Network {
  inFlight = 0;
  pending: Pending[] = [];
  delivered: string[] = [];
  beacons = 0;
  /** While down, every request fails when answered (a network error). */
  down = false;

  constructor() {
    vi.spyOn(window, 'fetch').mockImplementation((_url, init) => {
      const body = String(init?.body ?? '');
      return new Promise((resolve, reject) => {
        if (
          !this.request(body, (ok) =>
            ok ? resolve(new Response(null, { status: 204 })) : reject(new TypeError('Failed to fetch')),
          )
        )
          reject(new TypeError('keepalive quota exceeded'));
      });
    });
    Object.defineProperty(window.navigator, 'sendBeacon', {
      configurable: true,
      value: (_url: string, body: string) => this.request(body, () => undefined) && ++this.beacons > 0,
    });
  }

  /** A keepalive request: refused over the quota, else in flight until answered. */
  private request(body: string, done: (ok: boolean) => void): boolean {
    const bytes = utf8Bytes(body);
    if (this.inFlight + bytes > KEEPALIVE_QUOTA) return false;
    this.inFlight += bytes;
    this.pending.push({
      bytes,
      body,
      answer: (ok) => {
        this.inFlight -= bytes;
        if (ok) this.delivered.push(body);
        done(ok);
      },
    });
    return true;
  }

  /** Answers every request in flight, and those the answers set off, until none is left. */
  async settle(): Promise<void> {
    for (let round = 0; round < 10_000 && this.pending.length; round++) {
      const now = this.pending.splice(0);
      for (const request of now) request.answer(!this.down);
      await new Promise((resolve) => realSetTimeout(resolve, 0)); // let the answers' callbacks run
    }
  }

  records(): Array<Record<string, unknown>> {
    return this.delivered.flatMap((body) =>
      body
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    );
  }

  /** Records delivered, and the records the queue says it lost. */
  counted(): { delivered: number; dropped: number } {
    const records = this.records();
    return {
      delivered: records.filter((r) => r.type !== 'dropped').length,
      dropped: records.filter((r) => r.type === 'dropped').reduce((sum, r) => sum + Number(r.count), 0),
    };
  }
}

/** An exposure-sized record (about 350 bytes, as the script sends). */
const record = (n: number) => ({
  type: 'exposure',
  v: 1,
  ts: 1_793_908_096_581 + n,
  visitor: '99e1ef7c72c32b8ada3b32c0ab73b0ad',
  test: 'hero-welcome-back-test@1',
  rule: 'hero-welcome-back-test',
  version: 1,
  variant: 'welcome-back',
  control: 'control',
  weights: { control: 50, 'welcome-back': 50 },
  traffic: 100,
  slot: 'hero',
  when: 'returning',
  segments: ['returning', 'mobile'],
  n,
});

let network: Network;
beforeEach(() => {
  network = new Network();
});

describe('createBeaconQueue()', () => {
  it('sends a full batch at once, as one JSON object per line, by keepalive fetch', () => {
    const fetch = vi.mocked(window.fetch);
    queue = createBeaconQueue(window, { endpoint: '/collect', maxRecords: 3 });
    queue.add({ n: 1 });
    queue.add({ n: 2 });
    expect(network.pending).toEqual([]);
    queue.add({ n: 3 });
    expect(network.pending.map((p) => p.body)).toEqual(['{"n":1}\n{"n":2}\n{"n":3}\n']);
    expect(fetch).toHaveBeenCalledWith(
      '/collect',
      expect.objectContaining({ method: 'POST', keepalive: true, credentials: 'omit' }),
    );
  });

  it('makes a batch due when its bytes reach the limit, and keeps every body under it', () => {
    queue = createBeaconQueue(window, { endpoint: '/collect', maxBytes: 50 });
    queue.add({ text: 'a'.repeat(10) }); // 22 bytes with its newline
    queue.add({ text: 'b'.repeat(10) });
    expect(network.pending).toEqual([]);
    queue.add({ text: 'c'.repeat(10) }); // 66 bytes waiting: due
    expect(network.pending.map((p) => p.body)).toEqual([
      `{"text":"${'a'.repeat(10)}"}\n{"text":"${'b'.repeat(10)}"}\n`,
      `{"text":"${'c'.repeat(10)}"}\n`,
    ]);
  });

  it('delivers every record of 1,000 page views in a burst (one flush each), without a loss', async () => {
    queue = createBeaconQueue(window, { endpoint: '/collect' });
    for (let i = 0; i < 1000; i++) {
      queue.add(record(i));
      queue.flush();
    }
    expect(network.pending.length).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    await network.settle();
    expect(network.counted()).toEqual({ delivered: 1000, dropped: 0 });
    expect(network.records().map((r) => r.n)).toEqual(Array.from({ length: 1000 }, (_, i) => i)); // in order
  });

  it('delivers 2,000 purchases made in one go, and counts what a runaway loop of 10,000 overflows', async () => {
    queue = createBeaconQueue(window, { endpoint: '/collect' });
    for (let i = 0; i < 2000; i++) queue.add(record(i));
    queue.flush();
    await network.settle();
    expect(network.counted()).toEqual({ delivered: 2000, dropped: 0 });

    network.delivered = [];
    for (let i = 0; i < 10_000; i++) queue.add(record(i));
    queue.flush();
    await network.settle();
    const { delivered, dropped } = network.counted();
    expect(delivered + dropped).toBe(10_000);
    expect(dropped).toBeGreaterThan(0);
  });

  it('tries a refused batch again, later, and delivers it once the endpoint answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    queue = createBeaconQueue(window, { endpoint: '/collect', maxRecords: 1 });
    network.down = true;
    queue.add(record(1));
    await network.settle(); // fails once: a retry is scheduled, nothing is sent meanwhile
    queue.add(record(2));
    expect(network.pending).toEqual([]);
    network.down = false;
    await vi.advanceTimersByTimeAsync(1000);
    await network.settle();
    expect(network.records().map((r) => r.n)).toEqual([1, 2]);
  });

  it(`counts a batch as dropped after ${MAX_ATTEMPTS} failures, and sends the count with the next batch`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    queue = createBeaconQueue(window, { endpoint: '/collect', maxRecords: 2 });
    network.down = true;
    queue.add(record(1));
    queue.add(record(2));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await network.settle();
      await vi.advanceTimersByTimeAsync(1000 * 2 ** (attempt - 1));
    }
    network.down = false;
    queue.add(record(3));
    queue.flush();
    await network.settle();
    const records = network.records();
    expect(records[0]).toMatchObject({ type: 'dropped', v: 1, count: 2 });
    expect(records.slice(1).map((r) => r.n)).toEqual([3]);
  });

  it('sends what is left by sendBeacon when the page is hidden, and keeps what did not fit', async () => {
    queue = createBeaconQueue(window, { endpoint: '/collect' });
    queue.add(record(1));
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    delete (document as { visibilityState?: unknown }).visibilityState;
    expect(network.beacons).toBe(1);
    await network.settle();
    expect(network.counted()).toEqual({ delivered: 1, dropped: 0 });
  });

  it('closing with more than the quota queued: sends what fits and the count of the rest', async () => {
    queue = createBeaconQueue(window, { endpoint: '/collect' });
    for (let i = 0; i < 600; i++) queue.add(record(i)); // about 210 KB, most of it due
    window.dispatchEvent(new Event('pagehide'));
    await network.settle();
    const { delivered, dropped } = network.counted();
    expect(dropped).toBeGreaterThan(0);
    expect(delivered + dropped).toBe(600);
  });

  it('drops what is queued on clear(), and sends no count of it', async () => {
    queue = createBeaconQueue(window, { endpoint: '/collect' });
    queue.add({ n: 1 });
    queue.clear();
    queue.flush();
    window.dispatchEvent(new Event('pagehide'));
    await network.settle();
    expect(network.delivered).toEqual([]);
  });

  it('never throws into the page for an endpoint the browser cannot use', () => {
    vi.spyOn(window, 'fetch').mockImplementation(() => {
      throw new TypeError('Failed to parse URL');
    });
    queue = createBeaconQueue(window, { endpoint: 'http://[bad', maxRecords: 1 });
    expect(() => queue!.add({ n: 1 })).not.toThrow();
  });
});
