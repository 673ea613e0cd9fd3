/**
 * The slots and their rules, in the order they are tried: move a rule up or down, set its "when", its
 * content, or make it an A/B test with variants, weights and a traffic share.
 */
import type { ValidationProblem } from '../../../core/config/validate.js';
import { ContentEditor } from './content-editor.js';
import { ExpressionField } from './expression-field.js';
import { freshName, isObject, problemsAt, renameKey, type Edit, type Json } from './edit.js';
import { Problems } from './problems.js';

interface Common {
  readonly edit: Edit;
  readonly problems: readonly ValidationProblem[];
  readonly segments: readonly string[];
}

export function SlotsView({ config, ...common }: Common & { readonly config: Json }) {
  const slots: Json = isObject(config.slots) ? config.slots : {};
  const { edit, problems } = common;
  return (
    <section class="panel" aria-label="Slots">
      <h2>Slots</h2>
      <p class="panel__help">
        A slot is a place in the theme (<code>data-p13n-slot="NAME"</code>). Its first rule that matches decides what it
        shows.
      </p>
      {Object.entries(slots).map(([name, slot]) => (
        <div class="slot" key={name} data-slot={name}>
          <header class="slot__head">
            <input
              class="slot__name"
              aria-label={`name of slot ${name}`}
              value={name}
              onChange={(event) => {
                const next = event.currentTarget.value.trim();
                if (next && next !== name && !(next in slots))
                  edit((draft) => {
                    draft.slots = renameKey(draft.slots, name, next);
                  });
              }}
            />
            <button
              type="button"
              class="icon"
              aria-label={`remove slot ${name}`}
              onClick={() =>
                edit((draft) => {
                  delete draft.slots[name];
                })
              }
            >
              ✕
            </button>
          </header>
          <Problems problems={problemsAt(problems, `slots.${name}`, true, [`slots.${name}.rules[`])} />
          {(isObject(slot) && Array.isArray(slot.rules) ? slot.rules : []).map(
            (rule: unknown, index: number, rules: unknown[]) => (
              <RuleCard
                key={index}
                slot={name}
                index={index}
                count={rules.length}
                rule={isObject(rule) ? rule : {}}
                {...common}
              />
            ),
          )}
          <button
            type="button"
            onClick={() =>
              edit((draft) => {
                const rules = draft.slots[name].rules;
                rules.push({
                  id: freshName(
                    rules.map((r: Json) => r?.id),
                    `${name}-rule`,
                  ),
                  when: '',
                  content: null,
                });
              })
            }
          >
            Add rule to {name}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          edit((draft) => {
            if (!isObject(draft.slots)) draft.slots = {};
            draft.slots[freshName(Object.keys(draft.slots), 'new-slot')] = { rules: [] };
          })
        }
      >
        Add slot
      </button>
    </section>
  );
}

function RuleCard({
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
