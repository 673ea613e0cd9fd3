/**
 * `?p13n_preview=…` / `?p13n_variant=…`: the store owner forces segments or variants in this tab. The
 * preview file loads only then, and the first decision waits for it (bounded by the timeout).
 */
import type { CompiledConfig } from '../core/config/compile.js';
import { forcedBy, previewWanted } from '../edge/preview/wanted.js';
import type { Hiding } from './hiding.js';
import type { Run } from './run.js';

export interface Forced {
  readonly forcedSegments: ReadonlySet<string>;
  readonly forcedVariants: ReadonlyMap<string, string>;
  /** Shows the preview badge, after the first decision. */
  readonly badge: () => void;
}

export async function previewOf(run: Run, compiled: CompiledConfig, hiding: Hiding): Promise<Forced> {
  const none = { ...forcedBy(null), badge: () => undefined };
  if (!previewWanted(run.win)) return none;
  hiding.waitFor('preview');
  const code = await run.chunks.load('preview', compiled.config.timeout);
  hiding.waitFor(null);
  const preview = code?.startPreview(run.win, compiled, run.warn) ?? null;
  if (!code || !preview) return none;
  const href = run.win.location.href;
  return { ...forcedBy(preview), badge: () => code.showBadgeWhenReady(run.doc, preview, href) };
}
