/**
 * The visitor's stored profile: read once per page view (the localStorage snapshot at once, else the
 * one IndexedDB read), kept in a session that writes this page's changes back, and read again when the
 * page comes back from the back/forward cache. Any storage trouble ends in a profile kept in memory for
 * this page, with one warning.
 */
import type { CompiledConfig } from '../core/config/compile.js';
import { retentionMs } from '../core/privacy/retention.js';
import type { Profile } from '../core/profile/model.js';
import { createProfileSession, type ProfileSession } from '../edge/storage/session.js';
import { readSnapshot, writeSnapshot } from '../edge/storage/snapshot.js';
import { memoryStore, StorageError, type ProfileStore, type ReadResult } from '../edge/storage/store.js';
import { describeError } from '../edge/warn.js';
import type { Reading } from './consent.js';
import type { Hiding } from './hiding.js';
import { mayWrite, type Run } from './run.js';
import { evaluate } from './runtime.js';

/** The snapshot, where consent lets this page read what is stored; null when there is none to trust. */
export function snapshotOf(run: Run, compiled: CompiledConfig): Profile | null {
  if (run.place.consent === null || run.place.consent === 'refused') return null;
  return readSnapshot(run.win, run.now(), retentionMs(compiled.config.retentionDays));
}

/**
 * The stored profile, or null for a visitor seen for the first time (or whose record cannot be used).
 * A repeat visit decides from the synchronous snapshot without waiting for IndexedDB: the write after
 * rendering applies this page to the stored record (and never re-renders a slot).
 */
export async function readProfile(
  run: Run,
  compiled: CompiledConfig,
  reading: Reading | null,
  hiding: Hiding,
): Promise<Profile | null> {
  if (!reading) return null;
  hiding.waitFor('profile');
  // Consent that needs the country from the tz file is waited for (not the IndexedDB read): the
  // snapshot follows the same consent rules as the profile, and the page's writes need their store.
  await reading.placed;
  const snapshot = snapshotOf(run, compiled);
  const result: ReadResult = snapshot
    ? { status: 'ok', profile: snapshot }
    : reading.result
      ? await reading.result
      : { status: 'empty' };
  hiding.waitFor(null);
  return storedOf(run, result, hiding);
}

/** What a read result gives this page: the profile, or null; a store it cannot use is left for memory. */
export function storedOf(run: Run, result: ReadResult, hiding?: Hiding): Profile | null {
  const { place, warn } = run;
  switch (result.status) {
    case 'ok':
      return result.profile;
    case 'corrupt':
      warn('profile', 'the stored profile was unreadable: it is kept aside and a new one started');
      return null;
    case 'future-version':
      place.store = memoryStore();
      place.usable = false;
      warn(
        'profile',
        'the stored profile is from a newer version of personalize.js: it is left untouched and this page is personalized from memory',
      );
      return null;
    case 'unavailable': // a read that outlived the decision timeout was already named by its warning
      place.store = memoryStore();
      place.usable = false;
      if (!(hiding?.timedOut() && result.error instanceof StorageError && result.error.reason === 'timeout'))
        warn('storage', `IndexedDB is unavailable (${describeError(result.error)}): personalizing from this page only`);
      return null;
    default:
      return null;
  }
}

/** The session that keeps `initial` and this page's changes, writing them to the place's store. */
export function createSession(run: Run, initial: Profile): ProfileSession {
  const store: ProfileStore = (run.place.store ??= memoryStore());
  return createProfileSession(store, initial, {
    now: run.now,
    warn: (error: unknown) =>
      run.warn(
        'storage-write',
        `the profile could not be saved (${describeError(error)}): this page keeps working from memory`,
      ),
    // A write brought in what the store holds: attributes() and segments() follow it (no re-render: no
    // swap), and the snapshot the next page decides from is what IndexedDB now holds.
    written: (profile, kind) => {
      const state = run.state;
      if (!state || profile.id !== state.session.current().id) return; // a write of a session forget() replaced
      if (kind === 'indexeddb' && run.place.consent === 'granted' && !run.erase.stale())
        writeSnapshot(run.win, profile);
      evaluate(state, run.now());
    },
    // A prerendered page stores nothing until it is shown (app/lifecycle.ts counts it then).
    held: () => !run.shown(),
    mayWrite: mayWrite(run),
  });
}
