/** Empty, error and loading (skeleton) states shared by the tabs. */
import type { ComponentChildren } from 'preact';
import type { IconName } from '../../shared/dom.js';
import { Button } from './button.js';
import { Icon } from './icon.js';

export function EmptyState(props: { icon: IconName; title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <Icon name={props.icon} size="xl" />
      <p class="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}

/** An error with its message and a "Try again" button. */
export function ErrorState(props: { title: string; message: string; onRetry: () => void }) {
  return (
    <div class="error-state" role="alert">
      <Icon name="alert" size="xl" />
      <p class="empty-title">{props.title}</p>
      <p class="muted">{props.message}</p>
      <Button variant="primary" icon="refresh" onClick={props.onRetry}>
        Try again
      </Button>
    </div>
  );
}

/** Placeholder table rows while the first load runs (`cells` lists each column's skeleton shape). */
export function SkeletonRows({
  rows = 4,
  cells,
}: {
  rows?: number;
  cells: Array<'thumb' | 'lines' | 'pill' | 'line' | null>;
}) {
  return (
    <>
      {Array.from({ length: rows }, (_, i) => (
        <tr key={i} class="skeleton-row" aria-hidden="true">
          {cells.map((cell, j) => (
            <td key={j} class={cell === 'thumb' ? 'col-thumb' : undefined}>
              {cell === 'thumb' && <div class="thumb-sm skeleton" />}
              {cell === 'lines' && (
                <>
                  <div class="skeleton skeleton-line" />
                  <div class="skeleton skeleton-line short" />
                </>
              )}
              {cell === 'pill' && <div class="skeleton skeleton-pill" />}
              {cell === 'line' && <div class="skeleton skeleton-line short" />}
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
