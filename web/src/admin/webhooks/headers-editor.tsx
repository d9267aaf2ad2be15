/**
 * Custom request headers as name / value rows: "Add header" appends a row and focuses its name, × removes
 * one. A row's problem (a protected name such as Authorization, a malformed or repeated name) shows under
 * it as it is typed. Test hooks: `#webhook-headers`, `#webhook-header-add`, rows `[data-header-row]` with
 * `.header-name`, `.header-value`, `[data-action="remove-header"]`, `.header-error`.
 */
import { useEffect, useRef } from 'preact/hooks';
import { Button } from '../components/button.js';
import { Icon } from '../components/icon.js';
import { HEADER_NAME_MAX, HEADER_VALUE_MAX, HEADERS_MAX, headerRow, type HeaderRow } from './webhook-form.js';

export function HeadersEditor(props: {
  rows: HeaderRow[];
  /** Per row id, from webhook-form.ts validate(). */
  errors: Record<number, string>;
  error?: string | undefined;
  onChange: (rows: HeaderRow[]) => void;
}) {
  const list = useRef<HTMLUListElement>(null);
  const added = useRef(false);
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    list.current?.querySelector<HTMLInputElement>('li:last-child .header-name')?.focus();
  }, [props.rows.length]);
  const set = (id: number, patch: Partial<HeaderRow>) =>
    props.onChange(props.rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const remove = (id: number) => props.onChange(props.rows.filter((r) => r.id !== id));

  return (
    <fieldset id="webhook-headers" class="webhook-headers">
      <legend class="field-label">Custom headers</legend>
      <p class="field-hint">
        Sent with every delivery. VLog's own headers, Authorization and Cookie cannot be overridden.
      </p>
      {props.rows.length > 0 && (
        <ul ref={list} class="header-rows">
          {props.rows.map((row, i) => {
            const error = props.errors[row.id];
            const errorId = `webhook-header-error-${row.id}`;
            return (
              <li key={row.id} class="header-row" data-header-row>
                <input
                  class="input input-sm header-name"
                  aria-label={`Header ${i + 1} name`}
                  placeholder="X-Header-Name"
                  maxLength={HEADER_NAME_MAX}
                  autoComplete="off"
                  spellcheck={false}
                  value={row.name}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? errorId : undefined}
                  onInput={(ev) => set(row.id, { name: ev.currentTarget.value })}
                />
                <input
                  class="input input-sm header-value"
                  aria-label={`Header ${i + 1} value`}
                  placeholder="Value"
                  maxLength={HEADER_VALUE_MAX}
                  autoComplete="off"
                  spellcheck={false}
                  value={row.value}
                  onInput={(ev) => set(row.id, { value: ev.currentTarget.value })}
                />
                <button
                  type="button"
                  class="btn btn-icon btn-ghost"
                  data-action="remove-header"
                  aria-label={`Remove header ${row.name.trim() || i + 1}`}
                  onClick={() => remove(row.id)}
                >
                  <Icon name="close" />
                </button>
                {error && (
                  <p id={errorId} class="form-error header-error">
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <Button
        id="webhook-header-add"
        size="sm"
        icon="plus"
        disabled={props.rows.length >= HEADERS_MAX}
        onClick={() => {
          added.current = true;
          props.onChange([...props.rows, headerRow()]);
        }}
      >
        Add header
      </Button>
      {props.error && <p class="form-error">{props.error}</p>}
    </fieldset>
  );
}
