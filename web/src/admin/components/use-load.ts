/**
 * A tab's data from the API as a signal: loading (first load only — a reload keeps the shown data until
 * the answer comes), error with its message, or ready. Only the latest request's answer is kept, so a
 * slow, older answer never replaces a newer one.
 */
import { useSignal, type Signal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { errorMessage } from '../api.js';

export type LoadState<T> =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: T };

export function useLoad<T>(fetch: () => Promise<T>): {
  state: Signal<LoadState<T>>;
  reload: () => Promise<void>;
} {
  const state = useSignal<LoadState<T>>({ kind: 'loading' });
  const latest = useRef(0);
  const fetcher = useRef(fetch);
  fetcher.current = fetch;
  const reload = async (): Promise<void> => {
    const request = ++latest.current;
    if (state.value.kind === 'error') state.value = { kind: 'loading' };
    try {
      const data = await fetcher.current();
      if (request === latest.current) state.value = { kind: 'ready', data };
    } catch (err) {
      if (request === latest.current) state.value = { kind: 'error', message: errorMessage(err) };
    }
  };
  return { state, reload };
}
