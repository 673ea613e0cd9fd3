/**
 * One page load through boot, in a window of its own (happy-dom): the landing URL, the referrer and
 * the user agent as a browser reports them, the config in the page, the slots parsed after the
 * script, a clock and a profile store the test controls. A store kept between loads stands for
 * IndexedDB across page loads; the beacon and `fetch` are recorded instead of sent.
 */
import { Window } from 'happy-dom';
import { createController } from '../../../src/app/boot.js';
import type { P13nApi } from '../../../src/app/api.js';
import { memoryStore, type ProfileStore } from '../../../src/edge/storage/store.js';
import { fakeStores } from './fake-stores.js';

/** A desktop Chrome: a shopper, not a bot. */
export const DESKTOP_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';

/** IndexedDB as boot sees it: durable, so consent decides whether it is written. */
export function durableStore(): ProfileStore {
  return { ...memoryStore(), kind: 'indexeddb' };
}

export interface LoadOptions {
  readonly config: unknown;
  /** The page's body, parsed after the script has started (as the parser adds it after <head>). */
  readonly body: string;
  readonly url?: string;
  readonly referrer?: string;
  readonly userAgent?: string;
  readonly now: number;
  /** The profile store; kept between loads, it is the visitor's IndexedDB. */
  readonly store: ProfileStore;
}

export interface Loaded {
  readonly win: Window & { dataLayer?: Array<Record<string, unknown>> };
  readonly api: P13nApi;
  /** Warnings given to the console, as `cause: message`. */
  readonly warnings: string[];
  /** Bodies sent to the endpoint, by beacon or fetch. */
  readonly sent: string[];
  readonly text: (selector: string) => string | undefined;
  /** The page is left (`pagehide`): the beacon queue is flushed. */
  readonly leave: () => void;
}

export async function load(options: LoadOptions): Promise<Loaded> {
  const win = new Window({
    url: options.url ?? 'https://shop.example/',
    settings: { navigator: { userAgent: options.userAgent ?? DESKTOP_UA } },
  });
  Object.defineProperty(win.document, 'referrer', { configurable: true, value: options.referrer ?? '' });
  const sent: string[] = [];
  Object.defineProperty(win.navigator, 'sendBeacon', {
    configurable: true,
    value: (_url: string, body: string) => (sent.push(String(body)), true),
  });
  Object.defineProperty(win, 'fetch', {
    configurable: true,
    value: (_url: string, init?: { body?: string }) => {
      sent.push(String(init?.body));
      return Promise.resolve(new Response(null, { status: 204 }));
    },
  });
  const config = typeof options.config === 'string' ? options.config : JSON.stringify(options.config);
  win.document.head.innerHTML = `<script type="application/json" id="p13n-config">${config.replace(/</g, '\\u003c')}</script>`;
  const warnings: string[] = [];
  const api = createController(
    win as unknown as globalThis.Window,
    null,
    (cause, message) => warnings.push(`${cause}: ${message}`),
    'test',
    { now: () => options.now, stores: fakeStores(() => options.store) },
  );
  win.document.body.innerHTML = options.body;
  await api.ready;
  await api.refresh(); // the page view's write has landed
  return {
    win: win as Loaded['win'],
    api,
    warnings,
    sent,
    text: (selector) => win.document.querySelector(selector)?.textContent?.trim(),
    leave: () => win.dispatchEvent(new win.Event('pagehide')),
  };
}
