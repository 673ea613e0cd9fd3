/**
 * An expression input with autocomplete (attributes, segments, keywords, closed value lists) and the
 * validator's problems for it right below, as you type. Arrow keys move in the list, Enter or Tab
 * picks, Escape closes. WAI-ARIA's combobox pattern (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/):
 * focus stays in the input, which names the list it controls and its active option, so a screen
 * reader follows the arrow keys.
 */
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
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
  const id = useId();
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
  const open = completion !== null && completion.items.length > 0;
  return (
    <div class="expression">
      <input
        ref={input}
        class={`expression__input${errors ? ' expression__input--error' : ''}`}
        role="combobox"
        aria-label={label}
        aria-invalid={errors}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={open ? `${id}-${active}` : undefined}
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
      <div
        class="expression__complete"
        id={`${id}-list`}
        role="listbox"
        aria-label={`suggestions for ${label}`}
        hidden={!open}
      >
        {open &&
          completion.items.map((item, index) => (
            <div
              key={item.label}
              id={`${id}-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              class={`expression__option${index === active ? ' active' : ''}`}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(index);
              }}
            >
              <span class="expression__label">{item.label}</span> <span class="expression__detail">{item.detail}</span>
            </div>
          ))}
      </div>
      <Problems problems={problems} />
    </div>
  );
}
