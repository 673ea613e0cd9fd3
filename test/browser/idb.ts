/**
 * IndexedDB as the tests see it: the raw API, never the script's own code, so a test can seed what an
 * earlier (or later) version left behind and check what is there afterwards.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { serveFixture } from './harness.js';

/** A blank page on the demo origin (IndexedDB is per origin), without the script. */
export async function blankPage(context: BrowserContext): Promise<Page> {
  const url = await serveFixture(context, '/fixture/blank', '<!doctype html><title>blank</title>');
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/**
 * Puts `records` (key → value) into the script's database, creating it as idb-keyval would. The
 * script's localStorage snapshot of the record goes: what is seeded is a record written behind the
 * script's back (an earlier version, a tampered record), which the snapshot cannot mirror.
 */
export function seed(page: Page, records: Record<string, unknown>): Promise<void> {
  return page.evaluate(
    (entries) =>
      new Promise<void>((resolve, reject) => {
        localStorage.removeItem('p13n:snapshot');
        const open = indexedDB.open('p13n');
        open.onupgradeneeded = () => open.result.createObjectStore('profile');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('profile', 'readwrite');
          for (const [key, value] of Object.entries(entries)) tx.objectStore('profile').put(value, key);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    records,
  );
}

/** Every record of the script's database, or null when the database does not exist. */
export function records(page: Page): Promise<Record<string, unknown> | null> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name);
    if (!names.includes('p13n')) return null;
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const open = indexedDB.open('p13n');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('profile')) {
          db.close();
          return resolve({});
        }
        const out: Record<string, unknown> = {};
        const cursor = db.transaction('profile').objectStore('profile').openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) {
            db.close();
            return resolve(out);
          }
          out[String(c.key)] = c.value;
          c.continue();
        };
        cursor.onerror = () => reject(cursor.error);
      };
    });
  });
}

/** A valid current-version profile, as an earlier page view would have stored it. */
export function profileRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const t = Date.now() - 60 * 60 * 1000;
  return {
    version: 1,
    id: 'seeded-visitor',
    firstSeen: t,
    lastSeen: t,
    visits: 1,
    pageviews: 3,
    visitStart: t,
    visitPageviews: 3,
    previousVisitEnd: null,
    source: null,
    firstSource: null,
    loggedIn: null,
    cartValue: 0,
    cartItems: 0,
    abandonedCart: false,
    orders: 0,
    totalSpent: 0,
    lastOrderAt: null,
    transactions: [],
    interest: {},
    events: {},
    assignments: {},
    ...overrides,
  };
}

/** `[p13n]` lines among the console warnings. */
export const p13nWarnings = (warnings: readonly string[]) => warnings.filter((line) => line.startsWith('[p13n]'));
