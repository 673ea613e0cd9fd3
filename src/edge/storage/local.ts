import { attempt } from '../guard.js';

/** The page's localStorage, or null where it is missing or its getter throws (storage blocked in a sandboxed frame). */
export const localStorageOf = (win: Window): Storage | null => attempt(() => win.localStorage ?? null, null);
