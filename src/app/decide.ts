/**
 * Deciding, always through the one page step of core/page.ts (the slots decided before the profile is
 * read: ./page-only.ts):
 *   - the page view's first decision, from the stored profile;
 *   - deciding again after an event, a consent change, a new route.
 * A run that read a fact whose classifier file is not loaded yet is thrown away, the file loaded, and
 * the run repeated (app/needs.ts): what a kept run read was known, so its decisions are exact.
 */
import { loginState } from '../core/classify/login.js';
import { classifyWith, needsSourceTables } from '../core/classify/facts.js';
import { serverCustomerFacts, serverTags } from '../core/classify/server.js';
import type { Facts } from '../core/classify/types.js';
import { customerAttributes } from '../core/attributes/customer.js';
import type { CompiledConfig } from '../core/config/compile.js';
import { pageStep, type PageResult } from '../core/page.js';
import { newProfile, type Profile } from '../core/profile/model.js';
import { serverCart } from '../core/profile/cart.js';
import type { Handoff } from '../edge/early/handoff.js';
import { randomId } from '../edge/id.js';
import { readLoginSignals } from '../edge/page/login-signals.js';
import { createSession } from './profile.js';
import { pageContextOf, type Run } from './run.js';
import { decideAgain, stepInput, stepInputOf, type RuntimeState, type ServerFacts } from './runtime.js';

/** What one page view decides from, besides the profile: read once. */
export interface PageView {
  readonly compiled: CompiledConfig;
  readonly server: ServerFacts;
  /** Classifies the page (lazily: a fact is computed when a rule reads it). */
  readonly classify: () => Facts;
  readonly forcedSegments: ReadonlySet<string>;
  readonly forcedVariants: ReadonlyMap<string, string>;
  /** Shows the preview badge (after the first decision). */
  readonly badge: () => void;
}

export function readPageView(
  run: Run,
  compiled: CompiledConfig,
  forced: Omit<PageView, 'compiled' | 'server' | 'classify'>,
): PageView {
  const context = pageContextOf(run);
  const t = run.now();
  const { internalHosts } = compiled.config;
  // A landing from elsewhere, or with campaign tags: its source needs the tables (while IndexedDB reads).
  if (needsSourceTables(context, internalHosts)) run.parts.preload('sources', compiled.config.timeout);
  const loggedIn = loginState(readLoginSignals(run.win, compiled.config.login, run.server));
  const server = run.server;
  return {
    compiled,
    server: {
      tags: serverTags(server),
      customerAttributes: customerAttributes(server?.customer),
      customer: serverCustomerFacts(server),
      cart: serverCart(server?.cart),
    },
    classify: () => classifyWith(context, { now: t, internalHosts, loggedIn }, run.parts.parts, run.parts.missing),
    ...forced,
  };
}

export interface FirstDecision {
  readonly state: RuntimeState;
  /** The page view's step: its changes are the page view to count (now, or when a prerendered page is shown). */
  readonly step: PageResult;
}

/** The page view's first decision, from the stored profile (null: a first visit). Counts nothing yet. */
export async function decideFirst(
  run: Run,
  page: PageView,
  stored: Profile | null,
  handoff: Handoff | null,
): Promise<FirstDecision> {
  const t = run.now();
  // A first visit keeps the id the inline decider bucketed it with.
  const newId = handoff && !handoff.stored ? handoff.id : randomId();
  const session = createSession(run, stored ?? newProfile(newId, t));
  const consent = run.place.consent === 'granted';
  const remembered = session.storeKind() === 'indexeddb';
  // Variants the page already shows stay the visitor's.
  const shown = handoff && remembered ? handoff.assignments : undefined;
  const { facts, step } = await run.parts.settle(() => {
    const facts = page.classify();
    const step = pageStep({
      ...stepInputOf(page, facts, consent, remembered, t),
      stored: session.current(),
      newId,
      customer: page.server.customer,
      cart: page.server.cart,
      ...(shown ? { shown } : {}),
    });
    return { facts, step };
  }, page.compiled.config.timeout);
  const state: RuntimeState = {
    compiled: page.compiled,
    session,
    facts,
    server: page.server,
    consent,
    attrs: step.attrs,
    evaluation: step.evaluation,
    decisions: step.decisions,
    forcedSegments: page.forcedSegments,
    forcedVariants: page.forcedVariants,
  };
  return { state, step };
}

/**
 * Counts the first page view: its changes go into the profile. A prerendered page counts when it is
 * shown, at that time, keeping the variants it shows (its decisions stand: the page is on screen).
 */
export function countFirstView(run: Run, state: RuntimeState, first: PageResult, late: boolean): void {
  const step = late
    ? pageStep({
        ...stepInput(state, run.now()),
        stored: state.session.current(),
        newId: state.session.current().id,
        customer: state.server.customer,
        cart: state.server.cart,
        shown: first.profile.assignments,
      })
    : first;
  for (const change of step.changes) state.session.change(change);
  if (late) Object.assign(state, { attrs: step.attrs, evaluation: step.evaluation });
}

/** Decides again for the profile as it is now, and renders what changed. */
export function redecide(run: Run, state: RuntimeState): void {
  decideAgain(state, run.now());
  run.renderer.renderAll(state);
}
