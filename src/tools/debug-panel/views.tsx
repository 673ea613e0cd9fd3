/**
 * The panel's parts: the expression box and one view per tab. Everything shown comes from
 * `p13n.inspect()` or the page's dataLayer and is rendered as text by Preact, never as markup.
 */
import { useState } from 'preact/hooks';
import type { P13nApi } from '../../app/api.js';
import type { Inspection, RecordedEvent } from '../../app/inspect.js';
import { ExpressionError, formatExpressionError } from '../../core/segments/errors.js';
import { explainShopifyOnly, shopifyNameNotes } from '../../core/attributes/shopify-only.js';
import { describeWindow } from '../../core/decide/schedule.js';

export interface DataLayerEntry {
  readonly event: string;
  readonly [key: string]: unknown;
}

const json = (value: unknown, space?: number) => {
  try {
    return JSON.stringify(value, null, space) ?? String(value);
  } catch {
    return String(value);
  }
};

/**
 * The same three lines `p13n validate` prints: expression, carets, message. The first two keep their
 * columns (and scroll when long); the message wraps.
 */
function ErrorText({ error, class: className = '' }: { error: unknown; class?: string }) {
  const e = error as Partial<ExpressionError>;
  const text =
    typeof e?.expression === 'string' && typeof e.offset === 'number'
      ? formatExpressionError(e as ExpressionError)
      : error instanceof Error
        ? error.message
        : String(error);
  const lines = text.split('\n');
  const code = lines.length >= 3 ? lines.slice(0, 2).join('\n') : null;
  return (
    <div class={`error ${className}`} role="alert">
      {code !== null && <pre>{code}</pre>}
      <p>{code !== null ? lines.slice(2).join(' ') : text}</p>
    </div>
  );
}

/** `?p13n_preview=NAME` on this page: the way to see a segment's content. */
function previewHref(segment: string): string {
  const url = new URL(location.href);
  url.searchParams.set('p13n_preview', segment);
  return url.href;
}

export function ExpressionBox({ api, snapshot }: { api: P13nApi; snapshot: Inspection }) {
  const [text, setText] = useState('');
  let result: preact.ComponentChild = null;
  if (text.trim() !== '' && snapshot.ready) {
    try {
      const matched = api.matches(text);
      const notes = shopifyNameNotes(text);
      result = (
        <>
          <span class={`verdict ${matched}`}>{matched ? '✓ true' : '✗ false'} for this visitor</span>
          {notes.map((note) => (
            <p class="note" key={note}>
              {note}
            </p>
          ))}
        </>
      );
    } catch (error) {
      result = <ErrorText error={error instanceof ExpressionError ? explainShopifyOnly(error) : error} />;
    }
  }
  return (
    <div class="try">
      <label for="p13n-expression">Test an expression</label>
      <input
        id="p13n-expression"
        type="text"
        spellcheck={false}
        autocomplete="off"
        placeholder="visits >= 2 AND device = 'mobile'"
        value={text}
        onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
      />
      {result && (
        <div class="result" aria-live="polite">
          {result}
        </div>
      )}
    </div>
  );
}

export function SegmentsView({ snapshot }: { snapshot: Inspection }) {
  if (snapshot.segments.length === 0) return <p class="empty">The config has no segments.</p>;
  // Matched first, then the rest, each in config order (sort is stable).
  return (
    <ul class="rows" aria-label="Segments">
      {[...snapshot.segments]
        .sort((a, b) => Number(b.matched) - Number(a.matched))
        .map((segment) => (
          <li key={segment.name} data-segment={segment.name} data-matched={String(segment.matched)}>
            <span class={`dot${segment.error ? ' bad' : segment.matched ? ' on' : ''}`} aria-hidden="true" />
            <span class="name">{segment.name}</span>
            <span>
              {segment.forced && <span class="tag forced">forced</span>}{' '}
              <span class={`tag${segment.error ? ' bad' : segment.matched ? ' on' : ''}`}>
                {segment.error ? 'broken' : segment.matched ? 'matched' : 'not matched'}
              </span>
              {!segment.error && (
                <a
                  class="action"
                  href={previewHref(segment.name)}
                  title={`See the store as '${segment.name}' sees it (this tab only)`}
                >
                  preview
                </a>
              )}
            </span>
            {segment.error ? (
              <ErrorText class="sub" error={segment.error} />
            ) : (
              <code class="sub">{segment.expression}</code>
            )}
          </li>
        ))}
    </ul>
  );
}

/** "scheduled: starts in 3 days", "ended 2 days ago", "on now: ends in 5 hours". */
export function scheduleText(
  schedule: { readonly from: number | null; readonly until: number | null },
  now: number,
): string {
  const where = describeWindow(schedule, now);
  return where.startsWith('starts')
    ? `scheduled: ${where}`
    : where.startsWith('end') && !where.startsWith('ended')
      ? `on now: ${where}`
      : where;
}

export function SlotsView({ snapshot }: { snapshot: Inspection }) {
  if (snapshot.decisions.length === 0) return <p class="empty">The config has no slots.</p>;
  const now = Date.now();
  return (
    <section aria-label="Slots">
      {snapshot.decisions.map((decision) => {
        const present = document.querySelector(decision.selector) !== null;
        const content = decision.content === null ? 'default content' : decision.content.type;
        return (
          <div class="slot" key={decision.slot} data-slot={decision.slot}>
            <h3>
              {decision.slot}
              {!present && <span class="tag">not on this page</span>}
            </h3>
            <div class="chips">
              <span class={`tag${decision.rule ? ' on' : ''}`}>
                {decision.rule ? `rule ${decision.rule}` : 'no rule'}
              </span>
              {decision.variant && <span class="tag forced">variant {decision.variant}</span>}
              <span class="tag">{content}</span>
              {decision.experiment && (
                <span class="tag">{decision.experiment.counted ? 'counted in test' : 'not counted'}</span>
              )}
            </div>
            <p>{decision.reason}</p>
            {(snapshot.schedules ?? [])
              .filter((s) => s.slot === decision.slot)
              .map((s) => (
                <p
                  class="schedule"
                  key={`${s.rule}/${s.variant ?? ''}`}
                  data-schedule={s.variant ? `${s.rule}:${s.variant}` : s.rule}
                >
                  {s.variant ? `variant ${s.variant} of rule ${s.rule}` : `rule ${s.rule}`}:{' '}
                  {scheduleText(s.schedule, now)}
                </p>
              ))}
          </div>
        );
      })}
    </section>
  );
}

export function EventsView({ events, layer }: { events: readonly RecordedEvent[]; layer: readonly DataLayerEntry[] }) {
  return (
    <section aria-label="Events">
      <h4>On document</h4>
      {events.length === 0 ? (
        <p class="empty">None yet.</p>
      ) : (
        <ul class="rows">
          {[...events].reverse().map((event, i) => (
            <li class="event" key={i}>
              <span class="dot on" aria-hidden="true" />
              <span class="name">{event.name}</span>
              <span class="tag">{event.at} ms</span>
              <span class="sub">{json(event.detail).slice(0, 400)}</span>
            </li>
          ))}
        </ul>
      )}
      <h4>dataLayer</h4>
      {layer.length === 0 ? (
        <p class="empty">No p13n_ pushes yet.</p>
      ) : (
        <ul class="rows">
          {[...layer].reverse().map((entry, i) => {
            const { event, ...rest } = entry;
            return (
              <li class="event" key={i}>
                <span class="dot on" aria-hidden="true" />
                <span class="name">{event}</span>
                <span />
                <span class="sub">{json(rest).slice(0, 400)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const FACTS = [
  'visits',
  'pageviews',
  'new_visitor',
  'days_since_last_visit',
  'channel',
  'source',
  'medium',
  'campaign',
  'referrer_type',
  'device',
  'os',
  'browser',
  'country',
  'language',
  'logged_in',
  'tags',
  'cart_value',
  'orders',
  'total_spent',
  'consent',
];

const shown = (value: unknown) =>
  value === null || value === undefined
    ? '—'
    : Array.isArray(value)
      ? value.join(', ') || '—'
      : typeof value === 'object'
        ? json(value)
        : String(value);

export function ProfileView({ snapshot }: { snapshot: Inspection }) {
  const attrs = (snapshot.attributes ?? {}) as Record<string, unknown>;
  const interest = Object.entries((attrs.interest ?? {}) as Record<string, number>).sort((a, b) => b[1] - a[1]);
  return (
    <section aria-label="Profile">
      <dl class="facts">
        <dt>visitor id</dt>
        <dd class="mono">{snapshot.profile?.id ?? '—'}</dd>
        {FACTS.map((name) => [<dt key={`${name}-t`}>{name}</dt>, <dd key={`${name}-d`}>{shown(attrs[name])}</dd>])}
        <dt>interest</dt>
        <dd>{interest.length ? interest.map(([k, v]) => `${k} ${v}`).join(', ') : '—'}</dd>
      </dl>
      <details class="raw">
        <summary>All attributes</summary>
        <pre>{json(snapshot.attributes, 2)}</pre>
      </details>
      <details class="raw">
        <summary>Stored profile</summary>
        <pre>{json(snapshot.profile, 2)}</pre>
      </details>
    </section>
  );
}
