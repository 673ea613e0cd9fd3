/**
 * Is the shopper signed in? The server context says so first (`customer.id`), then the store's
 * configured detectors in order: a global path, a cookie, a CSS selector. `null` when nothing says.
 */
import type { ServerContext } from './context.js';

export interface LoginSignals {
  readonly server: ServerContext | null;
  /** Value at the detector's global path; `undefined` when the path is not configured or not there yet. */
  readonly global: unknown;
  /** The detector cookie's value: `''` when configured but absent, `null` when not configured. */
  readonly cookie: string | null;
  /** Whether the detector selector matched; `null` when not configured or not a valid selector. */
  readonly selectorMatched: boolean | null;
}

export function loginState(signals: LoginSignals): boolean | null {
  const server = signals?.server;
  if (server && typeof server === 'object' && 'customer' in server) {
    // Liquid's `{{ customer | json }}` prints null for a guest.
    const id = server.customer && typeof server.customer === 'object' ? server.customer.id : undefined;
    return (typeof id === 'string' && id.trim() !== '') || (typeof id === 'number' && Number.isFinite(id));
  }
  const global = signals?.global;
  if (global !== undefined) return typeof global === 'string' ? global.trim() !== '' : Boolean(global);
  if (typeof signals?.cookie === 'string') return signals.cookie !== '';
  return typeof signals?.selectorMatched === 'boolean' ? signals.selectorMatched : null;
}
