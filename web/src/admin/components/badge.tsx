/** Status pill (`badge badge-<status>`): ready green, processing blue, pending yellow, failed red. */
import type { ComponentChildren } from 'preact';

export function Badge({ status, children }: { status: string; children: ComponentChildren }) {
  return (
    <span class={`badge badge-${status}`}>
      <span class="badge-dot" aria-hidden="true" />
      {children}
    </span>
  );
}
