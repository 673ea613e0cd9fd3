/**
 * The inline early decider: compiled per config by `p13n snippet` / `p13n shopify` and printed in the
 * page's <head> after the program (`<script type="application/json" id="p13n-config">`). While the
 * head is parsed it decides every slot it can from what is known synchronously (URL, referrer, user
 * agent, server context, the profile's snapshot), hints the chosen images, and renders each decided
 * slot as the parser inserts it, before its first paint. What it cannot know waits, hidden, for the
 * full script (personalize.js, async), which adopts these decisions and does everything else.
 *
 * It never writes, counts or sends anything: prerendered or not, the full script does the counting.
 * Any failure leaves the page to the full script, as if this script were not there.
 *
 * `EARLY` is replaced at build time (tools/snippet/build.ts): the readers a config does not need are
 * left out of its inline code.
 */
import { classifySourceIn } from '../core/classify/source.js';
import { prunedSourceTables } from '../core/classify/pruned-sources.js';
import type { SourceTables } from '../core/classify/sites.js';
import { countryIn, zoneAreas } from '../core/classify/location.js';
import { hemisphereOf } from '../core/classify/season.js';
import { quickDevice } from '../core/classify/quick-device.js';
import { serverCustomerFacts, serverTags } from '../core/classify/server.js';
import { serverCountry } from '../core/classify/facts.js';
import { customerAttributes } from '../core/attributes/customer.js';
import type { Config } from '../core/config/types.js';
import { serverCart } from '../core/profile/cart.js';
import { isNewVisit } from '../core/profile/update.js';
import { retentionMs } from '../core/privacy/retention.js';
import { compiledFromProgram, isProgram, PROGRAM_VERSION } from '../core/program/program.js';
import {
  FIRST_SOURCE_ATTRIBUTES,
  PROFILE_ATTRIBUTES,
  SOURCE_ATTRIBUTES,
  type EarlyData,
} from '../core/program/early.js';
import { pageStep, VISITOR } from '../core/page.js';
import { modelAttributes } from '../core/model/score.js';
import { readPageContext } from '../edge/page/context.js';
import { previewWanted } from '../edge/preview/wanted.js';
import { randomId } from '../edge/id.js';
import { earlyFacts, type EarlyReaders } from '../edge/early/facts.js';
import { earlyConsent } from '../edge/early/consent.js';
import { readJsonElement, readServerJson, readSnapshotNow } from '../edge/early/read.js';
import { renderAsParsed } from '../edge/early/render.js';
import { HANDOFF_VERSION, publishHandoff } from '../edge/early/handoff.js';
import { defaultsOf } from '../edge/render/slots.js';

declare const EARLY: { readonly source: boolean; readonly zones: boolean; readonly hemispheres: boolean };

const NOTHING = new Set<string>();
const NO_VARIANTS = new Map<string, string>();

export function decideEarly(win: Window): void {
  const doc = win.document;
  const program = readJsonElement(doc, 'p13n-config');
  // A hand-written config, or a program of another version: the full script decides (and says so).
  if (!isProgram(program) || program.v !== PROGRAM_VERSION || previewWanted(win)) return;
  const config = program.config as Config;
  const compiled = compiledFromProgram(program, config, []);
  const early = (program.early ?? {}) as EarlyData;
  const now = Date.now();
  const server = readServerJson(doc);
  const context = readPageContext(win, server);
  // Each reader is left out of the build unless the config reads what it tells (EARLY, above).
  // Tables are decoded when first needed: most page views are internal navigation, with no source to classify.
  const pruned = early.sources;
  let sources: SourceTables | undefined;
  let zones: ReturnType<typeof zoneAreas> | undefined;
  const readers: EarlyReaders = {
    device: quickDevice,
    source:
      EARLY.source && pruned ? (input) => classifySourceIn((sources ??= prunedSourceTables(pruned)), input) : undefined,
    country: EARLY.zones && early.zones ? (zone) => countryIn((zones ??= zoneAreas(early.zones!)), zone) : undefined,
    hemisphere: EARLY.hemispheres && early.hemispheres ? hemisphereOf : undefined,
  };
  const { facts, unknown, sourceUnknown } = earlyFacts(
    { context, now, internalHosts: config.internalHosts ?? [], login: config.login, win },
    readers,
  );
  const consent = earlyConsent(
    win,
    config,
    context.globalPrivacyControl,
    () => (unknown.has('country') ? undefined : facts.location.country),
    serverCountry(context) !== null,
  );
  if (consent === null) unknown.add('consent');
  // A refusal erases what is stored: nothing to read. Granted or pending: what is stored decides.
  const snapshot = consent === 'refused' ? null : readSnapshotNow(win, now, retentionMs(config.retentionDays));
  const stored = snapshot === undefined || snapshot === 'stored' ? undefined : snapshot;
  if (stored === undefined) for (const name of [...PROFILE_ATTRIBUTES, VISITOR]) unknown.add(name);
  // The visit's source is this page's only when this page view starts the visit.
  if (sourceUnknown && (stored === undefined || stored === null || isNewVisit(stored, now))) {
    for (const name of SOURCE_ATTRIBUTES) unknown.add(name);
    if (!stored?.firstSource) for (const name of FIRST_SOURCE_ATTRIBUTES) unknown.add(name);
  }
  // The purchase score is known when every attribute its model reads is.
  const model = config.models?.purchase;
  if (model && modelAttributes(model).some((name) => unknown.has(name.split('.')[0]!)))
    unknown.add('predicted_purchase');
  const result = pageStep({
    compiled,
    facts,
    stored: stored ?? null,
    newId: randomId(),
    customer: serverCustomerFacts(server),
    customerAttributes: customerAttributes(server?.customer),
    tags: serverTags(server),
    cart: serverCart(server?.cart),
    consent: consent === 'granted',
    // A snapshot is only written after IndexedDB stored the profile: a visitor with one is remembered.
    remembered: stored !== undefined && stored !== null,
    now,
    forcedSegments: NOTHING,
    forcedVariants: NO_VARIANTS,
    unknown: (name) => unknown.has(name),
  });
  // Products from the catalog come with personalize.js (its cache, its fetch): those slots wait for it.
  const decisions = result.decisions.filter((d) => !(d.content?.type === 'products' && d.content.source));
  const waiting = [...result.waiting, ...result.decisions.filter((d) => !decisions.includes(d)).map((d) => d.slot)];
  const rendering = renderAsParsed(doc, compiled, decisions, result.attrs, (decision, error) =>
    console.warn(
      `[p13n] slot '${decision.slot}': the early render failed (${String(error)}); personalize.js decides it`,
    ),
  );
  publishHandoff(win, {
    v: HANDOFF_VERSION,
    at: now,
    id: result.profile.id,
    stored: stored !== null && stored !== undefined,
    attrs: result.attrs,
    decisions,
    waiting,
    assignments: newAssignments(stored?.assignments, result.profile.assignments, decisions),
    rendered: rendering.rendered,
    defaultsOf,
    stop: rendering.stop,
  });
}

/** The assignments made here for the slots decided here (a waiting slot's are the full script's to make). */
function newAssignments(
  before: Readonly<Record<string, string>> | undefined,
  after: Readonly<Record<string, string>>,
  decisions: readonly { readonly experiment: { readonly key: string } | null }[],
): Record<string, string> {
  const shown = new Set(decisions.map((d) => d.experiment?.key));
  return Object.fromEntries(Object.entries(after).filter(([key]) => shown.has(key) && !(before && key in before)));
}
