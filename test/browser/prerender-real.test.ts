/**
 * Real prerendering: a `<script type="speculationrules">` page prerenders the next page, whose
 * personalize.js then runs unseen, and a click-like navigation shows it. Chromium prerenders only when
 * no DevTools client is attached to it, and Playwright always attaches one; so this test starts its own
 * headless Chromium (the system one, the run's flags) on a start page, with no driver at all, and
 * watches through a small server of its own: the prerendered page reports what it has counted, while
 * unseen and once shown. prerender.test.ts inspects the same steps with `document.prerendering`
 * emulated under Playwright.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { fixtureHtml, SHOPPER_UA } from './harness.js';
import { PRERENDER_CONFIG } from './lifecycle-fixtures.js';

const DIST = new URL('../../dist/', import.meta.url);

/** Runs in the shop page: reports what is stored and counted, unseen (at ready) and once shown. */
function reporter(): void {
  const w = window as Window & { __exposures?: number; dataLayer?: unknown[] };
  w.__exposures = 0;
  document.addEventListener('p13n:exposure', () => {
    w.__exposures! += 1;
  });
  const stored = () =>
    new Promise<unknown>((resolve) => {
      const open = indexedDB.open('p13n');
      open.onerror = () => resolve(null);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('profile')) return resolve(null);
        const get = db.transaction('profile').objectStore('profile').get('visitor');
        get.onsuccess = () => resolve(get.result ?? null);
        get.onerror = () => resolve(null);
      };
    });
  const report = async (phase: string) => {
    await window.p13n!.refresh(); // every write so far is done
    const record = (await stored()) as { pageviews?: number; visits?: number } | null;
    await fetch('/report', {
      method: 'POST',
      body: JSON.stringify({
        phase,
        prerendering: (document as Document & { prerendering?: boolean }).prerendering === true,
        hero: document.querySelector('[data-p13n-slot="hero"]')!.textContent!.trim(),
        pageviews: record?.pageviews ?? null,
        visits: record?.visits ?? null,
        snapshot: localStorage.getItem('p13n:snapshot') !== null,
        exposures: w.__exposures,
        dataLayer: (w.dataLayer ?? []).length,
      }),
    });
  };
  const whenReady = () => window.p13n!.ready.then(() => report('unseen'));
  const poll = setInterval(() => window.p13n && (clearInterval(poll), void whenReady()), 10);
  document.addEventListener('prerenderingchange', () => {
    // Counted in personalize.js's own listener (registered earlier); the exposure arrives with the track file.
    const shown = setInterval(() => w.__exposures && (clearInterval(shown), void report('shown')), 10);
  });
}

interface Report {
  readonly phase: string;
  readonly prerendering: boolean;
  readonly hero: string;
  readonly pageviews: number | null;
  readonly visits: number | null;
  readonly snapshot: boolean;
  readonly exposures: number;
  readonly dataLayer: number;
}

/** The test's own origin: the start page, the shop page, personalize.js and its files, and the reports. */
function startServer() {
  const shop = fixtureHtml({
    config: PRERENDER_CONFIG,
    body: '<section data-p13n-slot="hero"><h1>Default hero</h1></section>',
    head: `<script>(${reporter.toString()})()</script>`,
  });
  const start = `<!doctype html><title>start</title><p>start</p>
<script type="speculationrules">{"prerender":[{"source":"list","urls":["/shop"]}]}</script>
<script>const go = setInterval(() => fetch('/go').then((r) => r.text()).then((t) => t === 'go' && (clearInterval(go), location.href = '/shop')), 50);</script>`;
  const shopRequests: string[] = [];
  const reports: Report[] = [];
  const waiting: Array<() => void> = [];
  let go = false;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://test').pathname;
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
      res.end(body);
    };
    if (path === '/report') {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        reports.push(JSON.parse(text) as Report);
        for (const wake of waiting.splice(0)) wake();
        res.end();
      });
      return;
    }
    if (path === '/go') return send('text/plain', go ? 'go' : 'wait');
    if (path === '/start') return send('text/html', start);
    if (path === '/shop') {
      shopRequests.push(String(req.headers['sec-purpose'] ?? 'navigation'));
      return send('text/html', shop);
    }
    if (/^\/personalize(-[a-z]+)?\.js$/.test(path))
      return send('text/javascript', readFileSync(new URL(`.${path}`, DIST)));
    res.writeHead(204);
    res.end();
  });
  const report = (phase: string): Promise<Report> =>
    new Promise((resolve) => {
      const look = () => {
        const found = reports.find((r) => r.phase === phase);
        if (found) resolve(found);
        else waiting.push(look);
      };
      look();
    });
  return {
    server,
    shopRequests,
    report,
    go: () => {
      go = true;
    },
  };
}

let chromium: ChildProcess | null = null;
let server: Server | null = null;
let profileDir: string | null = null;
afterEach(async () => {
  const browser = chromium;
  if (browser && browser.exitCode === null) {
    const exited = new Promise((resolve) => browser.once('exit', resolve));
    process.kill(-browser.pid!); // the whole process group: the browser, its renderers and helpers
    await exited; // its profile directory is in use until then
  }
  server?.close();
  // A helper process may still be writing its last file as the group exits: rmSync retries for it.
  if (profileDir) rmSync(profileDir, { recursive: true, force: true, maxRetries: 10 });
  chromium = server = profileDir = null;
});

describe('a page prerendered by speculation rules, in Chromium without a driver', () => {
  it('counts nothing while unseen, then one page view and one exposure once shown', { timeout: 60_000 }, async () => {
    const origin = startServer();
    server = origin.server;
    await new Promise<void>((resolve) => origin.server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(origin.server.address() as AddressInfo).port}`;
    profileDir = mkdtempSync(join(tmpdir(), 'p13n-prerender-'));
    chromium = spawn(
      CHROMIUM_PATH,
      [
        ...CHROMIUM_ARGS,
        '--headless=new',
        `--user-data-dir=${profileDir}`,
        `--user-agent=${SHOPPER_UA}`,
        `${base}/start`,
      ],
      { stdio: 'ignore', detached: true },
    );

    const unseen = await origin.report('unseen');
    expect(unseen, 'the shop page ran prerendered').toMatchObject({ prerendering: true });
    expect(unseen.hero).toMatch(/^Welcome, [AB]$/);
    expect(unseen).toMatchObject({ pageviews: null, visits: null, snapshot: false, exposures: 0, dataLayer: 0 });

    origin.go();
    const shown = await origin.report('shown');
    expect(shown).toMatchObject({ prerendering: false, hero: unseen.hero, pageviews: 1, visits: 1, exposures: 1 });
    expect(shown.snapshot).toBe(true);
    expect(shown.dataLayer).toBeGreaterThanOrEqual(2); // the exposure and the audience
    // One request for the shop page, the prerender's: it was shown, not loaded again.
    expect(origin.shopRequests).toEqual(['prefetch;prerender']);
  });
});
