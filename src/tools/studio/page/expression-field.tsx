/**
 * An expression input with autocomplete (attributes, segments, keywords, closed value lists) and the
 * validator's problems for it right below, as you type. Arrow keys move in the list, Enter or Tab
 * picks, Escape closes.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ValidationProblem } from '../../../core/config/validate.js';
import { apply, complete, type Completion } from '../complete.js';
import { Problems } from './problems.js';

interface Props {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly segments: readonly string[];
  readonly problems: readonly ValidationProblem[];
  readonly placeholder?: string;
}

export function ExpressionField({ label, value, onChange, segments, problems, placeholder }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [completion, setCompletion] = useState<Completion | null>(null);
  const [active, setActive] = useState(0);
  const cursor = useRef<number | null>(null);

  useLayoutEffect(() => {
    if (cursor.current !== null && input.current) {
      input.current.setSelectionRange(cursor.current, cursor.current);
      cursor.current = null;
    }
  });

  const suggest = (text: string, at: number) => {
    setCompletion(complete(text, at, segments));
    setActive(0);
  };
  const pick = (index: number) => {
    if (!completion) return;
    const next = apply(value, completion, completion.items[index]!);
    cursor.current = next.cursor;
    onChange(next.text);
    suggest(next.text, next.cursor);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!completion) return;
    const count = completion.items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(active);
    } else if (event.key === 'Escape') setCompletion(null);
  };
  const errors = problems.some((problem) => problem.severity === 'error');
  return (
    <div class="expression">
      <input
        ref={input}
        class={`expression__input${errors ? ' expression__input--error' : ''}`}
        aria-label={label}
        aria-invalid={errors}
        spellcheck={false}
        autocomplete="off"
        value={value}
        placeholder={placeholder}
        onInput={(event) => {
          const target = event.currentTarget;
          onChange(target.value);
          suggest(target.value, target.selectionStart ?? target.value.length);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setCompletion(null)}
      />
      {completion && (
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA's combobox pattern: a listbox of options, focus stays in the input
        <ul class="expression__complete" role="listbox" aria-label={`suggestions for ${label}`}>
          {completion.items.map((item, index) => (
            // biome-ignore lint/a11y/useFocusableInteractive: options are chosen with the arrow keys from the input (aria-selected), not focused
            <li
              key={item.label}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the listbox above
              role="option"
              aria-selected={index === active}
              class={index === active ? 'active' : ''}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(index);
              }}
            >
              <span class="expression__label">{item.label}</span> <span class="expression__detail">{item.detail}</span>
            </li>
          ))}
        </ul>
      )}
      <Problems problems={problems} />
    </div>
  );
}
