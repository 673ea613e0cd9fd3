/**
 * The slots and their rules, in the order they are tried: move a rule up or down, set its "when", its
 * content, or make it an A/B test with variants, weights and a traffic share.
 */
import { freshName, isObject, problemsAt, renameKey, type Json } from './edit.js';
import { Problems } from './problems.js';
import { RuleCard, type Common } from './rule-card.js';

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
      {Object.entries(slots).map(([name, slot], index) => (
        // Keyed by position: renaming a slot must not replace its fields under the owner's cursor.
        <div class="slot" key={index} data-slot={name}>
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
