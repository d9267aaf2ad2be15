/**
 * Button with the design system's looks (`btn btn-<variant> btn-<size>`), an optional leading icon and
 * a busy state (disabled + aria-busy). Other props (id, data-*, aria-*) pass through to <button>.
 */
import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import type { IconName } from '../../shared/dom.js';
import { Icon } from './icon.js';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'ghost-danger';

export type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'icon' | 'size'> & {
  variant?: ButtonVariant;
  size?: 'sm';
  icon?: IconName;
  busy?: boolean;
  children?: ComponentChildren;
};

export function Button({ variant = 'secondary', size, icon, busy, children, type, ...rest }: ButtonProps) {
  const cls = ['btn', `btn-${variant}`, size ? `btn-${size}` : '', rest.class ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      {...rest}
      type={type ?? 'button'}
      class={cls}
      disabled={Boolean(rest.disabled) || busy}
      aria-busy={busy ? 'true' : undefined}
    >
      {icon ? <Icon name={icon} /> : null}
      {children}
    </button>
  );
}
