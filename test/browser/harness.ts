/**
 * Shared helpers for browser tests: connect to the run's Chromium, open isolated contexts, serve
 * fixture pages on the demo origin, and collect what a store owner would see in the console.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

export const baseUrl = () => inject('baseUrl');

let browser: Promise<Browser> | undefined;

/** The run's shared Chromium; disconnected after the file's tests. */
export function connect(): Promise<Browser> {
  if (!browser) {
    browser = chromium.connect(inject('wsEndpoint'));
    afterAll(async () => {
      await (await browser!).close();
      browser = undefined;
    });
  }
  return browser;
}

let cached: Promise<Browser> | undefined;

/**
 * A Chromium of this file's own, with the back/forward cache on. Playwright turns the cache off in
 * every browser it launches (`--disable-back-forward-cache`, so that its `goBack()` always sees a
 * load); the run's shared browser keeps that, and the tests of a restored page use this one. Such a
 * page fires no `load`: go back with `history.back()` and wait for the `pageshow` it does fire.
 */
export function connectWithCache(): Promise<Browser> {
  if (!cached) {
    cached = chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      ignoreDefaultArgs: ['--disable-back-forward-cache'],
    });
    afterAll(async () => {
      await (await cached!).close();
      cached = undefined;
    });
  }
  return cached;
}

export interface Watched {
  readonly page: Page;
  /** `console.warn` / `console.error` texts and uncaught page errors, in order. */
  readonly warnings: string[];
  readonly errors: string[];
}

export function watch(page: Page): Watched {
  const warnings: string[] = [];
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return { page, warnings, errors };
}

/**
 * Headless Chromium announces itself as `HeadlessChrome`, which the script rightly treats as a bot
 * (default content, no tests). Contexts therefore present the UA of the same Chromium, headful.
 */
export const SHOPPER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';

/** Contexts open in the current test, closed after it: the one setup every browser test file shares. */
const perTest = new Set<BrowserContext>();
afterEach(async () => {
  const open = [...perTest];
  perTest.clear();
  await Promise.all(open.map((context) => context.close().catch(() => undefined)));
});

async function openContext(
  options: Parameters<Browser['newContext']>[0],
  lifetime: Set<BrowserContext> | null,
  browser: Promise<Browser> = connect(),
): Promise<BrowserContext> {
  const context = await (await browser).newContext({ userAgent: SHOPPER_UA, ...options });
  if (lifetime) {
    lifetime.add(context);
    context.on('close', () => lifetime.delete(context));
  }
  return context;
}

/** A fresh context (its own IndexedDB and cookies) for this test; closed after it. */
export function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return openContext(options, perTest);
}

/** A fresh context of the browser with the back/forward cache on (`connectWithCache`); closed after the test. */
export function newCachingContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return openContext(options, perTest, connectWithCache());
}

/** A context for a `beforeAll`, shared by the tests of a file; closed with the file's browser connection. */
export function sharedContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return openContext(options, null);
}

export const bundle = () => readFileSync(new URL('../../dist/personalize.js', import.meta.url), 'utf8');

/** Serves `html` at `path` on the demo origin for this context (IndexedDB is per origin). */
export async function serveFixture(
  context: BrowserContext,
  path: string,
  html: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const url = `${baseUrl()}${path}`;
  await context.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: html }),
  );
  return url;
}

/** A minimal page with the install snippet of the contract. */
export function fixtureHtml({
  config,
  body = '',
  head = '',
  context,
}: {
  config: unknown;
  body?: string;
  head?: string;
  context?: unknown;
}): string {
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><title>fixture</title>
${head}
<script type="application/json" id="p13n-config">${typeof config === 'string' ? config : json(config)}</script>
${context === undefined ? '' : `<script type="application/json" id="p13n-context">${json(context)}</script>`}
<script src="/personalize.js"></script>
</head><body>${body}</body></html>`;
}

export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof window.p13n?.ready?.then === 'function');
  // A flag set by `ready`, polled, rather than evaluate() awaiting `ready` itself: with the debug panel
  // open, Chromium's DevTools protocol reported that awaited promise as "collected" in 1 of 6 runs
  // although `ready` settled every time (the flag form passed 6 of 6 in the same conditions).
  await page.evaluate(() => {
    const flagged = window as { __p13nReadySettled?: boolean };
    flagged.__p13nReadySettled = false;
    const settled = () => (flagged.__p13nReadySettled = true);
    window.p13n!.ready.then(settled, settled);
  });
  await page.waitForFunction(() => (window as { __p13nReadySettled?: boolean }).__p13nReadySettled === true);
}

/** The profile record as stored in IndexedDB, read with the raw API (not through the script). */
export function storedProfile(page: Page): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
        const open = indexedDB.open('p13n');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('profile')) return resolve(undefined);
          const get = db.transaction('profile').objectStore('profile').get('visitor');
          get.onsuccess = () => {
            db.close();
            resolve(get.result as Record<string, unknown> | undefined);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/** A response a route handler awaits until the test releases it: wait for the event, never a delay. */
export function heldResponse(): { readonly released: Promise<void>; release(): void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { released, release };
}

/**
 * Waits until the script's profile writes so far are done: `refresh()` resolves after its own flush,
 * which is queued behind every earlier write (edge/storage/session.ts). The event to wait for before
 * asserting that something was, or was not, stored — never a delay.
 */
export function writesDone(page: Page): Promise<void> {
  return page.evaluate(() => window.p13n!.refresh());
}
