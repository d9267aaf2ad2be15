/** Decorative inline SVG icon (aria-hidden) drawn from the shared icon paths. */
import { ICONS, type IconName } from '../../shared/dom.js';

export function Icon({ name, size }: { name: IconName; size?: 'sm' | 'xl' }) {
  return (
    <svg class={size ? `icon icon-${size}` : 'icon'} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} class={name === 'play' ? 'icon-fill' : undefined} />
    </svg>
  );
}
