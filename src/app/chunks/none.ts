/** The script-tag build's stand-in for `all.ts`: nothing bundled, every chunk is its own file. */
import type { Registry } from './types.js';

export const BUNDLED: Registry | null = null;
