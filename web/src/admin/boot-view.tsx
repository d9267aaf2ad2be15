/** The boot box: a spinner while `GET /api/auth/check` runs, or the error with "Try again". */
import { render } from 'preact';
import { ErrorState } from './components/states.js';

export type BootState = { kind: 'loading' } | { kind: 'error'; message: string; retry: () => void };

const rendered = new WeakSet<HTMLElement>();

export function showBoot(box: HTMLElement, state: BootState): void {
  // The first render replaces the static placeholder that index.html shows before the script runs.
  if (!rendered.has(box)) box.replaceChildren();
  rendered.add(box);
  render(
    state.kind === 'loading' ? (
      <>
        <div class="spinner" aria-hidden="true" />
        <p>Loading…</p>
      </>
    ) : (
      <ErrorState title="Could not reach the admin API" message={state.message} onRetry={state.retry} />
    ),
    box,
  );
}
