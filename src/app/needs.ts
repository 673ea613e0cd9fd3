/**
 * The classifier parts the shopper's script loads on demand (ua, tz, sources: app/chunks), and the
 * rule that keeps decisions exact while they are missing: a decision is kept only from a run that read
 * no missing part. A run that did is thrown away, the parts it read are loaded, and it runs again;
 * what a run never read cannot have changed its outcome, so the kept result is the one every part
 * loaded would give. A part that cannot be loaded reads as unknown (null) from then on, like any
 * missing value (comparisons with it are false), after one warning from the loader.
 */
import type { ClassifierPart, ClassifierParts, Missing } from '../core/classify/facts.js';
import type { ChunkLoader } from '../edge/chunks.js';

export interface Parts {
  /** Live: each property is the part as loaded now. */
  readonly parts: ClassifierParts;
  /** Given to the classifiers: a read of a part not loaded yet. */
  readonly missing: Missing;
  /** Runs `run` until it reads nothing that is missing (or failed to load); at most once per part, plus one. */
  settle<T>(run: () => T, timeoutMs: number): Promise<T>;
  /** Runs `run` once; `missed` tells whether it read a part not loaded yet (which then starts loading). */
  probe<T>(run: () => T, timeoutMs: number): { result: T; missed: boolean };
  /** Starts loading a part (no wait). */
  preload(part: ClassifierPart, timeoutMs: number): void;
}

export function createParts(loader: ChunkLoader): Parts {
  const parts: ClassifierParts = {
    get ua() {
      return loader.loaded('ua')?.uaFacts;
    },
    get tz() {
      return loader.loaded('tz');
    },
    get sources() {
      return loader.loaded('sources')?.classifySource;
    },
  };
  const failed = new Set<ClassifierPart>();
  let sink: ((part: ClassifierPart) => void) | null = null;
  /** Outside a run (a read after boot), a missing part starts loading, so the next read has it. */
  let lateTimeout = 0;
  const missing: Missing = (part) => (sink ? sink(part) : lateTimeout > 0 && preload(part, lateTimeout));

  const load = async (part: ClassifierPart, timeoutMs: number) => {
    if (!(await loader.load(part, timeoutMs))) failed.add(part);
  };
  const preload = (part: ClassifierPart, timeoutMs: number) => {
    if (!failed.has(part)) void load(part, timeoutMs);
  };

  const once = <T>(run: () => T): { result: T; wanted: ClassifierPart[] } => {
    const missed = new Set<ClassifierPart>();
    const outer = sink;
    sink = (part) => missed.add(part);
    try {
      return { result: run(), wanted: [...missed].filter((part) => !failed.has(part)) };
    } finally {
      sink = outer;
    }
  };

  return {
    parts,
    missing,
    async settle(run, timeoutMs) {
      lateTimeout = timeoutMs;
      for (let round = 0; ; round++) {
        const { result, wanted } = once(run);
        if (wanted.length === 0 || round > 3) return result;
        await Promise.all(wanted.map((part) => load(part, timeoutMs)));
      }
    },
    probe(run, timeoutMs) {
      const { result, wanted } = once(run);
      wanted.forEach((part) => preload(part, timeoutMs));
      return { result, missed: wanted.length > 0 };
    },
    preload,
  };
}
