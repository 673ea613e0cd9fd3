/**
 * The one way the browser edge survives what it does not control: a getter that throws, storage
 * that is blocked in a sandboxed frame, a global a theme replaced, a callback of another script that
 * throws. Whatever goes wrong ends in the caller's fallback (the page's default content, an unknown
 * attribute), with at most one console warning per cause through ./warn.ts. Nothing here has an
 * effect of its own beyond calling what it is given.
 *
 * A try/catch stays in place only where these do not fit: it needs `finally`, rethrows, tells error
 * kinds apart, or hands the error to its caller; each such place says so.
 */
import { describeError, type Warn } from './warn.js';

/**
 * What `read` returns, or `fallback` (undefined when not given) if it throws. For reads of hostile or
 * missing globals, and for calls whose throw is someone else's bug (a theme's listener, a frozen
 * dataLayer): the page goes on.
 */
export function attempt<T>(read: () => T): T | undefined;
export function attempt<T>(read: () => T, fallback: T): T;
export function attempt<T>(read: () => T, fallback?: T): T | undefined {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/**
 * As `attempt`, and a throw is reported once per `cause` through `warn`, in words a store owner can
 * act on: `message` gets the error as `describeError` writes it. A `warn` that throws is ignored too:
 * reporting must never be what breaks the page.
 */
export function attemptOrWarn<T>(
  run: () => T,
  warn: Warn,
  cause: string,
  message: (error: string) => string,
): T | undefined;
export function attemptOrWarn<T>(
  run: () => T,
  warn: Warn,
  cause: string,
  message: (error: string) => string,
  fallback: T,
): T;
export function attemptOrWarn<T>(
  run: () => T,
  warn: Warn,
  cause: string,
  message: (error: string) => string,
  fallback?: T,
): T | undefined {
  try {
    return run();
  } catch (error) {
    attempt(() => warn(cause, message(describeError(error))));
    return fallback;
  }
}

/**
 * The promise `run` returns; a synchronous throw before it (no `indexedDB`, a SecurityError on
 * `indexedDB.open`) becomes its rejection, so callers handle one failure path, not two. Neither a
 * timeout nor a change to the error: those are the caller's.
 */
export function rejecting<T>(run: () => Promise<T>): Promise<T> {
  try {
    return run();
  } catch (error) {
    return Promise.reject(error);
  }
}
