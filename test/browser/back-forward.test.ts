/**
 * A page restored from the back/forward cache is a new page view of a page the shopper has seen
 * before: it counts one page view, decides again from the profile as it is now (a purchase made on the
 * next page, an erase), and never renders what it showed before followed by a swap: every animation
 * frame the restored page renders is sampled in the page, and the stale hero must be in none of them.
 *
 * What Chromium presents is also captured (a CDP screencast, the hero's pixels read in each frame) and
 * printed with P13N_FRAMES=1, but not asserted: the first frame Chromium presents after a restore is
 * the picture it kept when the page left, drawn before any script of the restored page runs. The slots
 * are hidden as the page leaves (`pagehide`), so that picture shows them hidden whenever Chromium drew
 * the page once more before freezing it, and the hero as the shopper left it when it did not (measured
 * in docs/architecture.md). The last presented frame is asserted.
 *
 * Playwright launches Chromium without the cache, so these tests use a browser with it on
 * (harness.ts, `newCachingContext`), and go back with `history.back()`: a restored page fires no load.
 */
import { createRequire } from 'node:module';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixtureHtml, newCachingContext, ready, serveFixture, storedProfile, watch, writesDone } from './harness.js';
import { banner } from './lifecycle-fixtures.js';

const config = {
  consent: 'implied',
  segments: { buyer: 'orders >= 1' },
  slots: {
    hero: {
      rules: [
        { id: 'thanks', when: 'buyer', content: banner('Thanks for your order') },
        { id: 'welcome', content: banner('Welcome') },
      ],
    },
  },
};
const hero = '<section data-p13n-slot="hero"><h1>Default hero</h1></section>';
/** Colours the screencast can tell apart: page A's background, page B's, and each hero. */
const COLOURS = {
  pageA: '255,255,0',
  pageB: '0,255,255',
  welcome: '255,0,0',
  thanks: '0,255,0',
};
const NAMES: Record<string, string> = {
  [COLOURS.welcome]: 'stale',
  [COLOURS.thanks]: 'decided again',
  [COLOURS.pageA]: 'hidden',
};
const style = (page: string) =>
  `<style>html{background:rgb(${page})}body{margin:0}[data-p13n-slot]{display:block;width:400px;height:300px}` +
  `[data-p13n-rule=welcome]{background:rgb(${COLOURS.welcome})}[data-p13n-rule=thanks]{background:rgb(${COLOURS.thanks})}</style>`;

/** Playwright's own PNG decoder (pngjs), for the screencast's frames. */
const { PNG } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle') as {
  PNG: { sync: { read(data: Buffer): { width: number; data: Buffer } } };
};

interface Presented {
  /** The page's background colour (which page this frame is of). */
  readonly page: string;
  /** The colour in the middle of the hero. */
  readonly hero: string;
}

const pixels = (data: Buffer): Presented => {
  const png = PNG.sync.read(data);
  const at = (x: number, y: number) => {
    const i = (png.width * y + x) * 4;
    return `${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`;
  };
  return { page: at(600, 500), hero: at(200, 150) };
};

/** Captures every frame Chromium presents from now on (the list fills as they arrive). */
async function screencast(context: BrowserContext, page: Page): Promise<Presented[]> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const frames: Presented[] = [];
  cdp.on('Page.screencastFrame', ({ data, sessionId }) => {
    frames.push(pixels(Buffer.from(data, 'base64')));
    void cdp.send('Page.screencastFrameAck', { sessionId }).catch(() => undefined);
  });
  await cdp.send('Page.startScreencast', { format: 'png', everyNthFrame: 1 });
  return frames;
}

interface Frame {
  readonly rule: string | null;
  readonly visible: boolean;
}

/** Runs in every page before its scripts: counts restores, and samples the hero in each frame after one. */
function watchRestores(): void {
  const w = window as Window & { __restores?: number; __frames?: Frame[] };
  w.__restores = 0;
  w.__frames = [];
  addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    w.__restores! += 1;
    w.__frames = [];
    // requestAnimationFrame callbacks run right before style, layout and paint: what they see is what
    // that frame paints (bench/paint-recorder.mjs).
    const sample = () => {
      const slot = document.querySelector('[data-p13n-slot="hero"]');
      w.__frames!.push({
        rule: slot?.getAttribute('data-p13n-rule') ?? null,
        visible: !!slot && getComputedStyle(slot).visibility !== 'hidden',
      });
      if (w.__frames!.length < 120) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
}

async function openShop(): Promise<{ context: BrowserContext; page: Page; errors: string[]; a: string; b: string }> {
  const context = await newCachingContext({ viewport: { width: 800, height: 600 } });
  await context.addInitScript(watchRestores);
  await context.addInitScript(slowReadsWhenAsked);
  const a = await serveFixture(
    context,
    '/cache/a',
    fixtureHtml({ config, head: style(COLOURS.pageA), body: `${hero}<a id="next" href="/cache/b">Checkout</a>` }),
  );
  const b = await serveFixture(context, '/cache/b', fixtureHtml({ config, head: style(COLOURS.pageB), body: hero }));
  const { page, errors } = watch(await context.newPage());
  await page.goto(a);
  await ready(page);
  return { context, page, errors, a, b };
}

/**
 * Runs in every page before its scripts: once a page sets `__slowReads`, its IndexedDB reads answer
 * that many milliseconds late (writes are left alone: a read-write transaction must stay active), as
 * on a busy phone.
 */
function slowReadsWhenAsked(): void {
  const get = IDBObjectStore.prototype.get;
  const onsuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess')!;
  IDBObjectStore.prototype.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    const request = get.call(this, query);
    const ms = (window as Window & { __slowReads?: number }).__slowReads;
    if (!ms || this.transaction.mode !== 'readonly') return request;
    let handler: ((event: Event) => void) | null = null;
    Object.defineProperty(request, 'onsuccess', {
      configurable: true,
      set: (h) => {
        handler = h;
      },
      get: () => handler,
    });
    onsuccess.set!.call(request, (event: Event) => setTimeout(() => handler?.call(request, event), ms));
    return request;
  };
}

/**
 * Goes back to the previous page, which must come from the cache (not a new load); returns the frames
 * it rendered, once one shows the hero decided again and a few more followed.
 */
async function back(page: Page): Promise<Frame[]> {
  await page.evaluate(() => history.back());
  await page.waitForFunction(() => {
    const w = window as Window & { __restores?: number; __frames?: Frame[] };
    const decided = w.__frames!.findIndex((f) => f.visible && f.rule === 'thanks');
    return w.__restores === 1 && decided >= 0 && w.__frames!.length >= decided + 5;
  });
  return page.evaluate(() => (window as Window & { __frames?: Frame[] }).__frames!);
}

const heroNow = (page: Page) =>
  page.evaluate(() => {
    const slot = document.querySelector('[data-p13n-slot="hero"]')!;
    return { rule: slot.getAttribute('data-p13n-rule'), text: slot.textContent!.trim() };
  });

describe('a page restored from the back/forward cache', () => {
  it.each([
    ['from the snapshot, before its first frame', false],
    ['after the IndexedDB read when there is no snapshot, hidden until then', true],
  ])('shows the post-purchase hero and counts one page view: decided %s', async (_how, withoutSnapshot) => {
    const { context, page, errors, b } = await openShop();
    expect(await heroNow(page)).toEqual({ rule: 'welcome', text: 'Welcome' });
    // Back on this page, its IndexedDB reads will take a while: long enough to see it wait, hidden.
    if (withoutSnapshot) await page.evaluate(() => ((window as Window & { __slowReads?: number }).__slowReads = 300));

    await page.click('#next');
    await page.waitForURL(b);
    await ready(page);
    await page.evaluate(() => window.p13n!.track('purchase', { value: 30, transaction_id: 'order-1' }));
    await writesDone(page);
    expect(await heroNow(page)).toMatchObject({ rule: 'thanks' });
    if (withoutSnapshot) await page.evaluate(() => localStorage.removeItem('p13n:snapshot'));

    const presented = await screencast(context, page);
    const frames = await back(page);
    expect(
      frames.filter((frame) => frame.visible && frame.rule !== 'thanks'),
      'no frame the page renders shows the stale hero',
    ).toEqual([]);
    if (withoutSnapshot) expect(frames[0], 'hidden while IndexedDB is read').toMatchObject({ visible: false });
    if (process.env.P13N_FRAMES) {
      const ofA = presented.filter((f) => f.page === COLOURS.pageA).map((f) => NAMES[f.hero] ?? f.hero);
      console.info(`presented after the restore (${withoutSnapshot ? 'no snapshot' : 'snapshot'}): ${ofA.join(' | ')}`);
    }
    expect(pixels(await page.screenshot()), 'presented now').toEqual({ page: COLOURS.pageA, hero: COLOURS.thanks });
    expect(frames.at(-1)).toEqual({ rule: 'thanks', visible: true });
    expect(await heroNow(page)).toEqual({ rule: 'thanks', text: 'Thanks for your order' });
    expect(await page.evaluate(() => window.p13n!.attributes()!.orders)).toBe(1);
    await writesDone(page);
    expect(await storedProfile(page)).toMatchObject({ pageviews: 3, visits: 1, orders: 1 });
    expect(await page.evaluate(() => window.p13n!.profile()!.pageviews)).toBe(3);
    expect(errors).toEqual([]);
  });
});
