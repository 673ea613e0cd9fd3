/**
 * Opening a test page in one call: a context (this test's own unless one is given), init scripts, the
 * fixture served on the demo origin, the page watched for warnings and errors, loaded, and `ready`.
 * Each browser file used to spell these steps out in its own `open()`; the differences between them
 * are the options below.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { baseUrl, newContext, ready, serveFixture, type Watched, watch } from './harness.js';

/** A script run in every page of the context before the page's own: a function, or one with its argument. */
export type InitScript = (() => void) | readonly [(arg: never) => void, unknown];

export interface PageOptions {
  /** The context to open the page in; by default a new one for this test (closed after it). */
  readonly context?: BrowserContext;
  /** Options of that new context (time zone, user agent, viewport). */
  readonly contextOptions?: Parameters<typeof newContext>[0];
  /** Scripts added to the context before the page loads. */
  readonly init?: readonly InitScript[];
  /** The page's HTML, served on the demo origin; without it the demo server answers. */
  readonly html?: string;
  /** Where `html` is served, when not at the address loaded (a pattern such as `/fixture/x*`). */
  readonly serveAt?: string;
  /** Response headers of the served page (a Content-Security-Policy). */
  readonly headers?: Record<string, string>;
  /** The Referer of the navigation. */
  readonly referer?: string;
  /** Wait for `window.p13n.ready` (default); false for pages that never start the script. */
  readonly ready?: boolean;
}

export interface Opened extends Watched {
  readonly context: BrowserContext;
}

/** Opens `target` (a path on the demo origin, or a full URL) as the options say. */
export async function openPage(target: string, options: PageOptions = {}): Promise<Opened> {
  const context = options.context ?? (await newContext(options.contextOptions));
  for (const script of options.init ?? []) {
    if (typeof script === 'function') await context.addInitScript(script);
    else await context.addInitScript(script[0] as (arg: unknown) => void, script[1]);
  }
  if (options.html !== undefined)
    await serveFixture(context, options.serveAt ?? target, options.html, options.headers ?? {});
  const watched = watch(await context.newPage());
  await visit(watched.page, target, { ready: options.ready ?? true, referer: options.referer });
  return { ...watched, context };
}

/** Loads `target` (a path on the demo origin, or a full URL) in `page`, and by default waits for `ready`. */
export async function visit(
  page: Page,
  target: string,
  { ready: waitReady = true, referer }: { ready?: boolean; referer?: string | undefined } = {},
): Promise<void> {
  await page.goto(/^https?:/.test(target) ? target : `${baseUrl()}${target}`, referer ? { referer } : {});
  if (waitReady) await ready(page);
}

/** The records the demo server's `/collect` endpoint received for one visitor, in order. */
export async function received(visitor: string): Promise<Array<Record<string, unknown>>> {
  const text = await (await fetch(`${baseUrl()}/collect`)).text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => record.visitor === visitor);
}
