/**
 * `window.p13n`: the public API (its types: ./api.ts), on top of the page's run. Reads return copies;
 * every call made before boot has ended waits for it, and settles also when boot failed.
 */
import { copyData } from '../core/copy.js';
import type { Decision } from '../core/decide/rules.js';
import { describeError } from '../edge/warn.js';
import type { P13nApi } from './api.js';
import { applyConsent } from './consent.js';
import { forget } from './erase.js';
import { inspect } from './inspect.js';
import type { Navigator } from './navigate.js';
import type { Run } from './run.js';
import { track } from './track.js';

const copy = copyData; // never a JSON round trip: see core/copy.ts

export function createApi(run: Run, navigator: Navigator, version: string, ready: Promise<void>): P13nApi {
  return {
    version,
    ready,
    profile: () => (run.state ? copy(run.state.session.current()) : null),
    attributes: () => (run.state ? copy(run.state.attrs) : null),
    segments: () => (run.state ? run.state.compiled.segments.match(run.state.evaluation) : []),
    decisions: () => (run.state ? (copy(run.state.decisions) as Decision[]) : []),
    matches(expression) {
      const current = run.state;
      if (!current) throw new Error('p13n is not ready yet: await p13n.ready first');
      return current.compiled.segments.compile(expression)(current.evaluation);
    },
    track: (event, params) => track(run, event, params),
    inspect: () => inspect(run.state, version, run.debug?.events() ?? []),
    consent(granted) {
      // Recorded now, so a call made before the profile is read already decides whether it is read.
      run.signals.choose(granted === true, 'p13n.consent()');
      return run.whenBooted((current) =>
        applyConsent(run, current).catch((error) => run.warn('consent', `consent change: ${describeError(error)}`)),
      );
    },
    forget: () => forget(run),
    refresh: () =>
      run.whenBooted((current) => {
        navigator.refresh(current);
        return current.session.flush();
      }),
  };
}
