/**
 * One report of the Analytics tab in a card: its heading and controls, then a skeleton while the first load
 * runs, the error with "Try again", or the report. Reloads whenever `deps` change (a select, Refresh).
 */
import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { ErrorState } from '../components/states.js';
import { useLoad } from '../components/use-load.js';

export function useReport<T>(fetch: () => Promise<T>, deps: unknown[]) {
  const load = useLoad(fetch);
  useEffect(() => void load.reload(), deps);
  return load;
}

export function ReportCard<T>(props: {
  id: string;
  title: string;
  controls?: ComponentChildren;
  load: ReturnType<typeof useReport<T>>;
  children: (data: T) => ComponentChildren;
}) {
  const state = props.load.state.value;
  const headingId = `${props.id}-title`;
  return (
    <section class="card report-card" id={props.id} aria-labelledby={headingId}>
      <div class="report-head">
        <h3 class="report-title" id={headingId} tabIndex={-1}>
          {props.title}
        </h3>
        {props.controls && <div class="toolbar">{props.controls}</div>}
      </div>
      <div class="report-body" aria-busy={state.kind === 'loading' ? 'true' : 'false'}>
        {state.kind === 'loading' && <div class="skeleton chart-skeleton" aria-hidden="true" />}
        {state.kind === 'error' && (
          <ErrorState
            title={`Could not load ${props.title.toLowerCase()}`}
            message={state.message}
            onRetry={() => void props.load.reload()}
          />
        )}
        {state.kind === 'ready' && props.children(state.data)}
      </div>
    </section>
  );
}

/** A report's choice (period, sort) as a small select bound to a signal. */
export function ReportSelect<T extends string>(props: {
  id: string;
  label: string;
  value: Signal<T>;
  options: Array<[T, string]>;
}) {
  return (
    <select
      id={props.id}
      class="input input-sm"
      aria-label={props.label}
      value={props.value.value}
      onChange={(ev) => (props.value.value = ev.currentTarget.value as T)}
    >
      {props.options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}
