/**
 * Who an A/B test may count. Its own module because the `track` chunk needs it too: importing it from
 * runtime.ts would carry the renderer (and Preact) into that chunk.
 */
import type { RuntimeState } from './runtime.js';

/** Tests count only visitors we can keep in one variant: consent to store, a store that persists, no bot. */
export const canExperiment = (state: Pick<RuntimeState, 'consent' | 'facts' | 'session'>) =>
  state.consent && !state.facts.device.bot && state.session.storeKind() === 'indexeddb';
