/** The memory store: a profile kept for this page only. */
import type { Profile } from '../../core/profile/model.js';
import type { ProfileStore } from './store.js';

/** Keeps the profile for this page only: no consent, or no usable IndexedDB. */
export function memoryStore(initial?: Profile): ProfileStore {
  let saved = initial;
  return {
    kind: 'memory',
    read: async () => (saved ? { status: 'ok', profile: saved } : { status: 'empty' }),
    update: async (change) => (saved = change(saved)),
    clear: async () => {
      saved = undefined;
    },
  };
}
