/**
 * One rule of a slot, as a card: its id, its place in the order (up, down), its "when", its content,
 * or an A/B test with variants, weights and a traffic share; the validator's problems where they belong.
 */
import type { ValidationProblem } from '../../../core/config/validate.js';
import { ContentEditor } from './content-editor.js';
import { type Edit, freshName, isObject, type Json, problemsAt } from './edit.js';
import { ExpressionField } from './expression-field.js';
import { Problems } from './problems.js';

export interface Common {
  readonly edit: Edit;
  readonly problems: readonly ValidationProblem[];
  readonly segments: readonly string[];
}

export function RuleCard({
  slot,
  index,
  count,
  rule,
  edit,
  problems,
  segments,
}: Common & { slot: string; index: number; count: number; rule: Json }) {
  const path = `slots.${slot}.rules[${index}]`;
  const id = typeof rule.id === 'string' && rule.id ? rule.id : `#${index + 1}`;
  const change = (fn: (draft: Json) => void) => edit((draft) => fn(draft.slots[slot].rules[index]));
  const move = (by: number) =>
    edit((draft) => {
      const rules = draft.slots[slot].rules;
      [rules[index], rules[index + by]] = [rules[index + by], rules[index]];
    });
  const variants: unknown[] | undefined = Array.isArray(rule.variants) ? rule.variants : undefined;
  return (
    <article class="rule" data-rule={id} aria-label={`rule ${id}`}>
      <header class="rule__head">
        <span class="rule__order">{index + 1}</span>
        <input
          class="rule__id"
          aria-label={`id of rule ${id}`}
          value={typeof rule.id === 'string' ? rule.id : ''}
          onChange={(event) =>
            change((r) => {
              r.id = event.currentTarget.value.trim();
            })
          }
        />
        <button
          type="button"
          class="icon"
          aria-label={`move rule ${id} up`}
          disabled={index === 0}
          onClick={() => move(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          class="icon"
          aria-label={`move rule ${id} down`}
          disabled={index === count - 1}
          onClick={() => move(1)}
        >
          ↓
        </button>
        <button
          type="button"
          class="icon"
          aria-label={`remove rule ${id}`}
          onClick={() =>
            edit((draft) => {
              draft.slots[slot].rules.splice(index, 1);
            })
          }
        >
          ✕
        </button>
      </header>
      <div class="field field--wide">
        <span>when</span>
        <ExpressionField
          label={`when of rule ${id}`}
          value={typeof rule.when === 'string' ? rule.when : ''}
          segments={segments}
          placeholder="empty: every visitor"
          problems={problemsAt(problems, `${path}.when`)}
          onChange={(value) =>
            change((r) => {
              if (value.trim() === '') delete r.when;
              else r.when = value;
            })
          }
        />
      </div>
      {problems
        .filter((p) => p.alsoOff?.includes(`slot "${slot}", rule "${id}"`))
        .map((p) => (
          <p key={p.path} class="rule__off" role="status">
            Off until {p.where ?? p.path} is fixed (see its error above).
          </p>
        ))}
      <Problems problems={problemsAt(problems, path, true, [`${path}.when`, `${path}.content`, `${path}.variants[`])} />
      <label class="field field--check">
        <input
          type="checkbox"
          aria-label={`rule ${id} is an A/B test`}
          checked={variants !== undefined}
          onChange={(event) =>
            change((r) => {
              if (event.currentTarget.checked) {
                r.variants = [
                  { id: 'control', weight: 50, content: null },
                  { id: 'variant', weight: 50, content: r.content ?? null },
                ];
                delete r.content;
              } else {
                r.content = isObject(r.variants?.[1]) ? (r.variants[1].content ?? null) : null;
                delete r.variants;
                delete r.traffic;
              }
            })
          }
        />
        <span>A/B test: split the matching visitors between variants</span>
      </label>
      {variants === undefined ? (
        <ContentEditor
          label={`rule ${id} content`}
          content={rule.content}
          path={`${path}.content`}
          problems={problems}
          onChange={(content) =>
            change((r) => {
              r.content = content;
            })
          }
        />
      ) : (
        <div class="variants">
          <label class="field">
            <span>traffic %</span>
            <input
              type="number"
              min={0}
              max={100}
              aria-label={`traffic of rule ${id}`}
              value={rule.traffic ?? 100}
              onInput={(event) =>
                change((r) => {
                  const n = event.currentTarget.valueAsNumber;
                  if (Number.isNaN(n) || n === 100) delete r.traffic;
                  else r.traffic = n;
                })
              }
            />
          </label>
          {variants.map((variant, v) => {
            const object = isObject(variant) ? variant : {};
            const vid = typeof object.id === 'string' ? object.id : `#${v + 1}`;
            const setVariant = (fn: (draft: Json) => void) => change((r) => fn(r.variants[v]));
            return (
              <div class="variant" key={v} data-variant={vid}>
                <label class="field">
                  <span>variant</span>
                  <input
                    aria-label={`id of variant ${vid} of rule ${id}`}
                    value={typeof object.id === 'string' ? object.id : ''}
                    onChange={(event) =>
                      setVariant((d) => {
                        d.id = event.currentTarget.value.trim();
                      })
                    }
                  />
                </label>
                <label class="field">
                  <span>weight</span>
                  <input
                    type="number"
                    min={0}
                    aria-label={`weight of variant ${vid} of rule ${id}`}
                    value={object.weight ?? ''}
                    onInput={(event) =>
                      setVariant((d) => {
                        d.weight = event.currentTarget.valueAsNumber;
                      })
                    }
                  />
                </label>
                <button
                  type="button"
                  class="icon"
                  aria-label={`remove variant ${vid} of rule ${id}`}
                  onClick={() =>
                    change((r) => {
                      r.variants.splice(v, 1);
                    })
                  }
                >
                  ✕
                </button>
                <ContentEditor
                  label={`variant ${vid} of rule ${id} content`}
                  content={object.content}
                  path={`${path}.variants[${v}].content`}
                  problems={problems}
                  onChange={(content) =>
                    setVariant((d) => {
                      d.content = content;
                    })
                  }
                />
                <Problems
                  problems={problemsAt(problems, `${path}.variants[${v}]`, true, [`${path}.variants[${v}].content`])}
                />
              </div>
            );
          })}
          <button
            type="button"
            onClick={() =>
              change((r) => {
                r.variants.push({
                  id: freshName(
                    r.variants.map((x: Json) => x?.id),
                    'variant',
                  ),
                  weight: 50,
                  content: null,
                });
              })
            }
          >
            Add variant
          </button>
        </div>
      )}
    </article>
  );
}
