/**
 * `p13n.inspect()`: one read-only snapshot of everything the script knows about this page view, for the
 * debug panel and for a store owner's console. A deep copy: changing it changes nothing.
 */
import type { Schedule as TimeSpan } from '../core/decide/schedule.js';
import type { ConfigProblem } from '../core/config/parse.js';
import type { Decision } from '../core/decide/rules.js';
import type { Profile } from '../core/profile/model.js';
import type { RuntimeState } from './runtime.js';
import type { Attributes } from '../core/types.js';
import type { Model } from '../core/model/types.js';
import { copyData } from '../core/copy.js';
import type { RecordedEvent } from '../edge/debug-shared.js';

export interface SegmentReport {
  readonly name: string;
  readonly expression: string;
  /** The visitor is in it now (also when forced by preview). */
  readonly matched: boolean;
  readonly forced: boolean;
  /** The segment is broken: the message and the span it points at (the panel draws the caret). */
  readonly error: {
    readonly message: string;
    readonly expression: string;
    readonly offset: number;
    readonly length: number;
  } | null;
}

export type { RecordedEvent };

export interface Inspection {
  readonly version: string;
  /** False until the first decisions are applied; everything below is then empty. */
  readonly ready: boolean;
  readonly profile: Profile | null;
  readonly attributes: Attributes | null;
  readonly segments: readonly SegmentReport[];
  readonly decisions: readonly Decision[];
  /** Config problems found at boot (the console shows each once). */
  readonly problems: readonly ConfigProblem[];
  /** What preview forces in this tab, or null. */
  readonly preview: {
    readonly segments: readonly string[];
    readonly variants: Readonly<Record<string, string>>;
  } | null;
  /** The script's own events on `document`, recorded while the debug panel is on (`?p13n_debug=1`). */
  readonly events: readonly RecordedEvent[];
  /** Rules and variants with `from` / `until`, for "scheduled: starts in 3 days". */
  readonly schedules?: readonly Schedule[];
  /** The config's purchase model, for the panel's score and its top contributions. */
  readonly model?: Model | null;
}

export interface Schedule {
  readonly slot: string;
  readonly rule: string;
  readonly variant: string | null;
  readonly schedule: TimeSpan;
}

function schedulesOf(compiled: RuntimeState['compiled']): Schedule[] {
  return compiled.slots.flatMap((slot) =>
    slot.rules.flatMap((rule) => [
      ...(rule.schedule ? [{ slot: slot.name, rule: rule.id, variant: null, schedule: rule.schedule }] : []),
      ...(rule.variantSchedules ?? []).flatMap((schedule, i) =>
        schedule ? [{ slot: slot.name, rule: rule.id, variant: rule.variants![i]!.id, schedule }] : [],
      ),
    ]),
  );
}

const copy = copyData; // never a JSON round trip: see core/copy.ts

export function inspect(state: RuntimeState | null, version: string, events: readonly RecordedEvent[]): Inspection {
  if (!state)
    return {
      version,
      ready: false,
      profile: null,
      attributes: null,
      segments: [],
      decisions: [],
      problems: [],
      preview: null,
      events: copy(events),
    };
  const { compiled, evaluation } = state;
  const segments = Object.entries(compiled.config.segments).map(([name, expression]): SegmentReport => {
    const error = compiled.segments.errors.get(name);
    return {
      name,
      expression,
      matched: !error && evaluation.segment(name),
      forced: state.forcedSegments.has(name),
      error: error
        ? { message: error.message, expression: error.expression, offset: error.offset, length: error.length }
        : null,
    };
  });
  const previewing = state.forcedSegments.size > 0 || state.forcedVariants.size > 0;
  return copy({
    version,
    ready: true,
    profile: state.session.current(),
    attributes: state.attrs,
    segments,
    decisions: state.decisions,
    problems: compiled.problems,
    preview: previewing
      ? { segments: [...state.forcedSegments], variants: Object.fromEntries(state.forcedVariants) }
      : null,
    events,
    schedules: schedulesOf(compiled),
    model: compiled.config.models?.purchase ?? null,
  });
}
