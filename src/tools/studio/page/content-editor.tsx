/** The content a rule or a variant shows: keep the default, a hero, products, the owner's HTML, or hide. */
import type { ValidationProblem } from '../../../core/config/validate.js';
import { isObject, problemsAt, type Json } from './edit.js';
import { Problems } from './problems.js';

const TYPES = [
  ['default', "keep the theme's default"],
  ['hero', 'hero'],
  ['products', 'products'],
  ['html', 'HTML'],
  ['hide', 'hide the slot'],
] as const;

interface Props {
  readonly label: string;
  readonly content: unknown;
  readonly path: string;
  readonly problems: readonly ValidationProblem[];
  readonly onChange: (content: Json | null) => void;
}

function starter(type: string): Json | null {
  switch (type) {
    case 'hero':
      return { type: 'hero', heading: 'A new heading', text: '', cta: { label: 'Shop now', href: '/collections/all' } };
    case 'products':
      return {
        type: 'products',
        title: 'Picked for you',
        items: [{ title: 'A product', price: '$49.00', href: '/products/a-product' }],
      };
    case 'html':
      return { type: 'html', html: '<p>Your own markup</p>' };
    case 'hide':
      return { type: 'hide' };
    default:
      return null;
  }
}

export function ContentEditor({ label, content, path, problems, onChange }: Props) {
  const value: Json | null = isObject(content) ? content : null;
  const type = value ? String(value.type) : 'default';
  const set = (change: (draft: Json) => void) => {
    const draft = structuredClone(value ?? {});
    change(draft);
    onChange(draft);
  };
  const text = (
    key: string,
    name: string,
    object: Json | undefined = value ?? undefined,
    at: (d: Json) => Json = (d) => d,
  ) => (
    <label class="field">
      <span>{name}</span>
      <input
        aria-label={`${label} ${name}`}
        value={typeof object?.[key] === 'string' || typeof object?.[key] === 'number' ? String(object[key]) : ''}
        onInput={(event) =>
          set((draft) => {
            const target = at(draft);
            const input = event.currentTarget.value;
            if (input === '') delete target[key];
            else target[key] = input;
          })
        }
      />
    </label>
  );
  return (
    <div class="content">
      <label class="field">
        <span>shows</span>
        <select
          aria-label={`${label} type`}
          value={type}
          onChange={(event) => onChange(starter(event.currentTarget.value))}
        >
          {TYPES.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
          {!TYPES.some(([id]) => id === type) && <option value={type}>{type}</option>}
        </select>
      </label>
      {type === 'hero' && value && (
        <div class="content__fields">
          {text('heading', 'heading')}
          {text('text', 'text')}
          {text('image', 'image URL')}
          {text('imageAlt', 'image description')}
          {text(
            'label',
            'button label',
            isObject(value.cta) ? value.cta : undefined,
            (d) => (d.cta = isObject(d.cta) ? d.cta : {}),
          )}
          {text(
            'href',
            'button link',
            isObject(value.cta) ? value.cta : undefined,
            (d) => (d.cta = isObject(d.cta) ? d.cta : {}),
          )}
        </div>
      )}
      {type === 'products' && value && <ProductsFields label={label} value={value} set={set} text={text} />}
      {type === 'html' && value && (
        <label class="field field--wide">
          <span>HTML</span>
          <textarea
            aria-label={`${label} HTML`}
            rows={3}
            value={typeof value.html === 'string' ? value.html : ''}
            onInput={(event) =>
              set((draft) => {
                draft.html = event.currentTarget.value;
              })
            }
          />
        </label>
      )}
      <Problems problems={problemsAt(problems, path, true)} />
    </div>
  );
}

type TextField = (key: string, name: string, object?: Json, at?: (d: Json) => Json) => preact.JSX.Element;

function ProductsFields({
  label,
  value,
  set,
  text,
}: {
  label: string;
  value: Json;
  set: (change: (draft: Json) => void) => void;
  text: TextField;
}) {
  const items: unknown[] = Array.isArray(value.items) ? value.items : [];
  const fromSource = value.source !== undefined;
  return (
    <div class="content__fields">
      {text('title', 'title')}
      <label class="field field--check">
        <input
          type="checkbox"
          aria-label={`${label} from a source`}
          checked={fromSource}
          onChange={(event) =>
            set((draft) => {
              if (event.currentTarget.checked) {
                delete draft.items;
                draft.source = { collection: 'all', limit: 4 };
              } else {
                delete draft.source;
                draft.items = [];
              }
            })
          }
        />
        <span>from a source (a collection, recommendations, recently viewed) instead of a fixed list</span>
      </label>
      {fromSource ? (
        <label class="field field--wide">
          <span>source (JSON)</span>
          <textarea
            aria-label={`${label} source`}
            rows={2}
            defaultValue={JSON.stringify(value.source)}
            onInput={(event) => {
              try {
                const parsed: unknown = JSON.parse(event.currentTarget.value);
                set((draft) => {
                  draft.source = parsed;
                });
              } catch {
                // Not JSON yet: keep what was there until it parses.
              }
            }}
          />
        </label>
      ) : (
        <ol class="items">
          {items.map((item, index) => {
            const at = (d: Json) => d.items[index] as Json;
            const object = isObject(item) ? item : undefined;
            return (
              <li key={index} class="item">
                {text('title', `item ${index + 1} title`, object, at)}
                {text('price', `item ${index + 1} price`, object, at)}
                {text('href', `item ${index + 1} link`, object, at)}
                {text('image', `item ${index + 1} image`, object, at)}
                {text('badge', `item ${index + 1} badge`, object, at)}
                <button
                  type="button"
                  class="icon"
                  aria-label={`${label} remove item ${index + 1}`}
                  onClick={() =>
                    set((draft) => {
                      draft.items.splice(index, 1);
                    })
                  }
                >
                  ✕
                </button>
              </li>
            );
          })}
          <li>
            <button
              type="button"
              onClick={() =>
                set((draft) => {
                  draft.items = [...(Array.isArray(draft.items) ? draft.items : []), { title: 'A product' }];
                })
              }
            >
              Add product
            </button>
          </li>
        </ol>
      )}
    </div>
  );
}
