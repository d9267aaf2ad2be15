/**
 * A toggle switch: a <button role="switch"> with `aria-checked`, drawn as a track and thumb (`.switch` in
 * settings.css). The visible text follows the thumb; other props (id, aria-*, data-*) pass through.
 */
import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';

export type SwitchProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onChange' | 'checked'> & {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children?: ComponentChildren;
};

export function Switch({ checked, onChange, children, ...rest }: SwitchProps) {
  return (
    <button
      {...rest}
      type="button"
      role="switch"
      class={rest.class ? `switch ${rest.class}` : 'switch'}
      aria-checked={checked ? 'true' : 'false'}
      onClick={() => onChange(!checked)}
    >
      <span class="switch-track" aria-hidden="true">
        <span class="switch-thumb" />
      </span>
      {children}
    </button>
  );
}
