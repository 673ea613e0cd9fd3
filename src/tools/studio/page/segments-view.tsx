/** The segments: one row each, name and expression, the validator's problems under each. */
import { useRef } from 'preact/hooks';
import type { ValidationProblem } from '../../../core/config/validate.js';
import { ExpressionField } from './expression-field.js';
import { freshName, isObject, problemsAt, renameKey, type Edit, type Json } from './edit.js';
import { Problems } from './problems.js';

export function SegmentsView({
  config,
  edit,
  problems,
}: {
  readonly config: Json;
  readonly edit: Edit;
  readonly problems: readonly ValidationProblem[];
}) {
  const segments: Json = isObject(config.segments) ? config.segments : {};
  const names = Object.keys(segments);
  // A segment just added: its name field takes the cursor, the placeholder name selected to type over.
  const added = useRef<string | null>(null);
  const focusIfAdded = (name: string) => (element: HTMLInputElement | null) => {
    if (!element || added.current !== name) return;
    added.current = null;
    element.focus();
    element.select();
  };
  return (
    <section class="panel" aria-label="Segments">
      <h2>Segments</h2>
      <p class="panel__help">A segment is a named group of visitors. Rules use it by name in their "when".</p>
      {names.map((name, index) => (
        // Keyed by position, not name: renaming (on leaving the name field) must not replace the row,
        // or the expression field the owner just clicked into is a new element and loses the focus.
        <div class="segment" key={index} data-segment={name}>
          <input
            ref={focusIfAdded(name)}
            class="segment__name"
            aria-label={`name of segment ${name}`}
            value={name}
            spellcheck={false}
            onChange={(event) => {
              const next = event.currentTarget.value.trim();
              if (next && next !== name && !(next in segments))
                edit((draft) => {
                  draft.segments = renameKey(draft.segments, name, next);
                });
            }}
          />
          <ExpressionField
            label={`segment ${name}`}
            value={typeof segments[name] === 'string' ? segments[name] : ''}
            segments={names.filter((n) => n !== name)}
            placeholder="e.g. visits >= 3 AND device = 'mobile'"
            problems={problemsAt(problems, `segments.${name}`)}
            onChange={(value) =>
              edit((draft) => {
                draft.segments[name] = value;
              })
            }
          />
          <button
            type="button"
            class="icon"
            aria-label={`remove segment ${name}`}
            title="Remove"
            onClick={() =>
              edit((draft) => {
                delete draft.segments[name];
              })
            }
          >
            ✕
          </button>
        </div>
      ))}
      <Problems problems={problemsAt(problems, 'segments')} />
      <button
        type="button"
        onClick={() =>
          edit((draft) => {
            if (!isObject(draft.segments)) draft.segments = {};
            // Empty, not a copy of an expression: the owner writes this group's own.
            added.current = freshName(Object.keys(draft.segments), 'new_segment');
            draft.segments[added.current] = '';
          })
        }
      >
        Add segment
      </button>
    </section>
  );
}
