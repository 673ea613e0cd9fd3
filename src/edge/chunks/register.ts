/**
 * Used by each chunk file: puts its exports, and its build's version, where the main file's loader
 * finds them. The exports stay at the top level, where a main file of an older release looks for them.
 */
import { type ChunkExports, type ChunkName, REGISTRY, VERSION } from './contract.js';

export function register<K extends ChunkName>(name: K, exports: ChunkExports[K]): void {
  // A try of its own, not ../guard.ts: the one guarded call in most chunk files, where it would cost bytes.
  try {
    const w = window as unknown as Record<string, Record<string, unknown> | undefined>;
    (w[REGISTRY] ??= {})[name] = { ...exports, version: VERSION };
  } catch {
    // A page that froze or replaced the global: the loader finds nothing and warns once.
  }
}
