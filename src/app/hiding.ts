/**
 * Slots wait hidden for their decision, never longer than the config's timeout: then they show their
 * default for this page view, with one warning naming what did not answer. Slots the page may already
 * have painted (the script ran late) keep their default: never a late swap.
 */
import type { CompiledConfig } from '../core/config/compile.js';
import { DEFAULT_TIMEOUT_MS, type Config } from '../core/config/types.js';
import { EMPTY_CONFIG } from './config.js';
import { allSelectors } from '../edge/render/renderer.js';
import { shownNow } from '../edge/render/shown.js';
import { installStyles, isValidSelector, type StyleHandle } from '../edge/render/style.js';
import type { Run } from './run.js';

/** What the decision waits on, so the one timeout warning names it (a slow config fetch names itself). */
export type Waiting = 'config' | 'profile' | 'preview' | 'chunk' | null;

const CAUSE = {
  profile: ' (IndexedDB did not answer)',
  preview: ' (the preview file did not arrive)',
  chunk: ' (a file personalize.js loads beside it did not arrive)',
} as const;

export interface Hiding {
  /** Some slots may have been painted before the script ran: they keep their default. */
  readonly late: boolean;
  timedOut(): boolean;
  waitFor(what: Waiting): void;
  /** The fetched config arrived: hide its slots instead of every marked one. */
  configured(compiled: CompiledConfig): void;
  /** The first decisions are rendered: the timeout is off. */
  decided(): void;
  /** Shows every slot with its default now (the timeout, or a failed boot). */
  stop(selectors?: readonly string[]): void;
}

export function startHiding(run: Run, compiled: CompiledConfig | null, source: 'inline' | 'url' | 'none'): Hiding {
  const { doc, warn, renderer } = run;
  // Hide only what has rules; with a config still to fetch, every marked slot waits for it.
  let selectors = compiled ? allSelectors(compiled) : source === 'url' ? ['[data-p13n-slot]'] : [];
  let styles: StyleHandle | null = null;
  const hide = (config: Config) => {
    styles = installStyles(
      doc,
      selectors.filter((s) => isValidSelector(doc, s)),
      config.styleNonce ?? run.script?.nonce,
    );
    for (const selector of selectors.filter((s) => !isValidSelector(doc, s)))
      warn(`selector:${selector}`, `invalid CSS selector '${selector}' in the config: that slot is left alone`);
  };
  // Run late (async, deferred, from <body>): slots already shown may have been painted, so they keep
  // their default; those the owner's hiding style still hides were not (edge/render/shown.ts). Paint
  // Timing cannot tell in time: its entry is queued after the frame is presented, and an async script
  // ran between that paint and its entry in 2 of 2 measured loads. Asked before our own sheet hides them.
  const shown = shownNow(
    doc,
    selectors.filter((s) => isValidSelector(doc, s)),
  );
  const config = compiled?.config ?? EMPTY_CONFIG;
  if (selectors.length) hide(config);
  const late = shown.size > 0 && renderer.showDefaults(selectors, (element) => shown.has(element)) > 0;

  let waiting: Waiting = source === 'url' ? 'config' : null;
  let timedOut = false;
  const stop = (which: readonly string[] = selectors) => {
    renderer.stopWaiting();
    renderer.showDefaults(which);
    styles?.stopHiding();
  };
  const timeoutMs = config.timeout ?? DEFAULT_TIMEOUT_MS;
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
    if (waiting === 'config') return;
    warn(
      'timeout',
      `no decision within ${timeoutMs} ms${waiting ? CAUSE[waiting] : ''}: slots show their default content for this page view`,
    );
  }, timeoutMs);

  return {
    late,
    timedOut: () => timedOut,
    waitFor(what) {
      waiting = what;
    },
    configured(fetched) {
      if (source !== 'url' || timedOut) return;
      (styles as StyleHandle | null)?.stopHiding();
      selectors = allSelectors(fetched);
      hide(fetched.config);
    },
    decided() {
      if (!timedOut) clearTimeout(timer);
    },
    stop,
  };
}
