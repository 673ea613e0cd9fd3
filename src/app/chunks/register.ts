/** Used by each chunk file: puts its exports where the main file's loader finds them. */
import { REGISTRY, type ChunkExports, type ChunkName, type Registry } from './types.js';

export function register<K extends ChunkName>(name: K, exports: ChunkExports[K]): void {
  const w = window as unknown as Record<string, Registry | undefined>;
  (w[REGISTRY] ??= {})[name] = exports as Registry[K];
}
