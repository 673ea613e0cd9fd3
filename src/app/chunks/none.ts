/** The script-tag build's stand-in for `all.ts`: nothing bundled, every chunk is its own file. */
import type { Bundled } from '../../edge/chunks/contract.js';

export const BUNDLED: Bundled | null = null;
