/** A native <progress max=100> styled as a bar; `label` is its accessible name. */
import { clampPercent } from '../../shared/format.js';

export function ProgressBar(props: {
  value: number;
  label?: string;
  class?: string;
  id?: string;
  labelledBy?: string;
}) {
  return (
    <progress
      id={props.id}
      class={props.class ? `bar ${props.class}` : 'bar'}
      max={100}
      value={clampPercent(props.value)}
      aria-label={props.label}
      aria-labelledby={props.labelledBy}
    />
  );
}
