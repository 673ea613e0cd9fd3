/**
 * The boot of one page, as a sequence of steps, each in its own module:
 *
 *   config ─► start the profile read ─► adopt the inline decider ─► hide slots ─► decide the slots that
 *   read only the page ─► read the profile ─► first decision ─► render + reveal ─► count the page view
 *   (now, or once a prerendered page is shown) ─► ready ─► write ─► files for later (tracking, device)
 *
 * Every step that can fail is contained: the worst case is the theme's default content, shown, plus
 * one console warning naming the cause. `ready` always resolves.
 */
import { compileParsed, type CompiledConfig } from '../core/config/compile.js';
import { DEFAULT_TIMEOUT_MS } from '../core/config/types.js';
import { copyData } from '../core/copy.js';
import { prerendering } from '../edge/page/navigation.js';
import { emit } from '../edge/track/events.js';
import { describeError, type Warn } from '../edge/warn.js';
import { adoptEarly, takeOver, withEarly } from './adopt.js';
import { afterFirstDecision } from './after.js';
import type { P13nApi } from './api.js';
import { createApi } from './api-object.js';
import { findPageConfig, settleConfig } from './config.js';
import { applyConsent, startReading } from './consent.js';
import { decideFirst, readPageView } from './decide.js';
import { erasedElsewhere } from './erase.js';
import { startHiding, type Hiding } from './hiding.js';
import { countWhenShown, followCache } from './lifecycle.js';
import { createNavigator, type Navigator } from './navigate.js';
import { decidePageOnly } from './page-only.js';
import { previewOf } from './preview.js';
import { readProfile } from './profile.js';
import { createRun, type ControllerOptions, type Run } from './run.js';

export type { P13nApi } from './api.js';
export type { ControllerOptions } from './run.js';

export function createController(
  win: Window,
  script: HTMLScriptElement | null,
  warn: Warn,
  version: string,
  options: ControllerOptions = {},
): P13nApi {
  const run = createRun(win, script, warn, options, {
    consentChanged: (r) => void r.whenBooted((state) => applyConsent(r, state)),
    erased: erasedElsewhere,
    shown: () => !prerendering(win.document),
    clock: () => Date.now(),
  });
  const navigator = createNavigator(run);
  let hiding: Hiding | null = null;
  const ready = boot(run, navigator, (made) => (hiding = made))
    .catch((error: unknown) => {
      warn('boot', `personalization is off for this page view: ${describeError(error)}`);
      const all = ['[data-p13n-slot]'];
      if (hiding) hiding.stop(all);
      else run.renderer.stopWaiting(), run.renderer.showDefaults(all);
    })
    .then(() => {
      // After a failed boot: calls made meanwhile settle without effect.
      run.booted();
      emit(run.doc, 'ready', { decisions: run.state ? copyData(run.state.decisions) : [] });
      // The one write of this page view, after rendering: not on the shopper's critical path.
      void run.state?.session.flush();
    })
    .catch((error: unknown) => warn('ready', `personalization ended with an error: ${describeError(error)}`)); // ready never rejects
  return createApi(run, navigator, version, ready);
}

async function boot(run: Run, navigator: Navigator, made: (hiding: Hiding) => void): Promise<void> {
  const found = findPageConfig(run);
  // The one IndexedDB read starts first (as far as consent allows): everything up to the decision runs while it is under way.
  let reading = found.parsed ? startReading(run, found.parsed.config) : null;
  let compiled: CompiledConfig | null = found.parsed ? compileParsed(found.parsed) : null;
  // The inline early decider rendered what it could before the first paint: adopted as it is.
  const handoff = compiled && found.parsed?.program ? takeOver(run.win) : null;
  const hiding = startHiding(run, compiled, found.source.kind);
  made(hiding);

  compiled = await settleConfig(run, found, compiled);
  hiding.waitFor(null);
  hiding.configured(compiled);
  reading ??= startReading(run, compiled.config);
  const page = readPageView(run, compiled, await previewOf(run, compiled, hiding));

  // Slots whose rules read only the page are decided now, also as the parser adds them; what the
  // inline decider decided is what the page shows: new elements of those slots get it too.
  const own = decidePageOnly(run, page);
  const pageOnly = handoff ? withEarly(own, handoff) : own;
  run.renderer.renderAll(pageOnly);
  run.renderer.observe(
    () => run.state ?? pageOnly,
    () => navigator.check(),
  );

  const stored = await readProfile(run, compiled, reading, hiding);
  // The page view's source is recorded with the visit: a landing's classifier must be in first.
  hiding.waitFor('chunk');
  const first = await decideFirst(run, page, stored, handoff);
  hiding.waitFor(null);
  const state = handoff ? adoptEarly(first.state, handoff, (d) => run.measurement.exposed(d)) : first.state;
  run.state = state;
  hiding.decided();
  run.renderer.renderAll(state);
  if (hiding.late)
    run.warn(
      'late',
      'personalize.js ran after some slots were already shown: they keep their default content on this page view (add the hiding style <style id="p13n-hide"> before the slots, and load personalize.js in <head>; see the README, Install)',
    );
  page.badge();
  countWhenShown(run, { state, step: first.step });
  run.booted();
  navigator.watch();
  followCache(run, navigator);
  void state.session.flush(); // the page view's one write, before anything else loads
  await afterFirstDecision(run, compiled.config.timeout ?? DEFAULT_TIMEOUT_MS);
}
