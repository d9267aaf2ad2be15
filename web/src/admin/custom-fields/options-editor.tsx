/**
 * The choices of a select or multi-select field: one input per option, a remove button each, and
 * "Add option" (which focuses the new input). Test hooks: `#field-options`, `.option-input`,
 * `#field-option-add`, `[data-action="remove-option"]`.
 */
import { useEffect, useRef } from 'preact/hooks';
import { Button } from '../components/button.js';

export function OptionsEditor(props: { options: string[]; onChange: (options: string[]) => void }) {
  const { options, onChange } = props;
  const list = useRef<HTMLOListElement>(null);
  const added = useRef(false);
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus();
  }, [options.length]);

  const set = (i: number, value: string) => onChange(options.map((o, j) => (j === i ? value : o)));
  return (
    <fieldset class="options-editor">
      <legend class="field-label">Options</legend>
      <ol id="field-options" ref={list} class="options-list">
        {options.map((option, i) => (
          <li key={i} class="option-item">
            <input
              class="input input-sm option-input"
              aria-label={`Option ${i + 1}`}
              maxLength={100}
              value={option}
              onInput={(ev) => set(i, ev.currentTarget.value)}
            />
            <Button
              size="sm"
              variant="ghost-danger"
              icon="close"
              data-action="remove-option"
              aria-label={`Remove option ${i + 1}`}
              disabled={options.length <= 1}
              onClick={() => onChange(options.filter((_, j) => j !== i))}
            />
          </li>
        ))}
      </ol>
      <Button
        id="field-option-add"
        size="sm"
        disabled={options.length >= 100}
        onClick={() => {
          added.current = true;
          onChange([...options, '']);
        }}
      >
        Add option
      </Button>
    </fieldset>
  );
}
