/**
 * The editing state of one setting: the input's text, and saving / saved / error with the API's
 * refusal. A switch saves as it is flipped (and shows the stored state again if refused); Reset asks
 * first, then removes the stored value (the tab then reloads the fallback value and its source).
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { confirmDialog } from '../components/confirm.js';
import { parseInput, toInputText } from './setting-value.js';
import type { Setting, SettingsApi } from './settings-api.js';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

const SAVED_LABEL_MS = 2500;

export function useSettingEditor(opts: {
  setting: Setting;
  api: SettingsApi;
  onSaved: (setting: Setting) => void;
  onReset: (key: string) => void;
}) {
  const { setting, api } = opts;
  const saved = toInputText(setting);
  const text = useSignal(saved);
  const state = useSignal<SaveState>('idle');
  const error = useSignal('');

  // A reload brought another value: show it.
  useEffect(() => {
    text.value = saved;
  }, [saved]);

  useEffect(() => {
    if (state.value !== 'saved') return;
    const timer = window.setTimeout(() => (state.value = 'idle'), SAVED_LABEL_MS);
    return () => window.clearTimeout(timer);
  }, [state.value]);

  const fail = (message: string) => {
    error.value = message;
    state.value = 'error';
  };

  async function save(nextText = text.value): Promise<void> {
    const parsed = parseInput(setting.value_type, nextText);
    if (!parsed.ok) return fail(parsed.error);
    state.value = 'saving';
    error.value = '';
    try {
      const updated = await api.save(setting.key, parsed.value);
      state.value = 'saved';
      opts.onSaved(updated);
    } catch (err) {
      if (setting.value_type === 'boolean') text.value = saved;
      fail(errorMessage(err));
    }
  }

  async function reset(): Promise<void> {
    const ok = await confirmDialog({
      title: 'Reset setting?',
      message: `“${setting.key}” will be removed from the database and fall back to its environment variable or default.`,
      confirmLabel: 'Reset',
      danger: true,
    });
    if (!ok) return;
    state.value = 'saving';
    try {
      await api.reset(setting.key);
      state.value = 'idle';
      opts.onReset(setting.key);
    } catch (err) {
      fail(errorMessage(err));
    }
  }

  function input(next: string): void {
    text.value = next;
    if (state.value === 'error') state.value = 'idle';
    error.value = '';
    if (setting.value_type === 'boolean') void save(next);
  }

  return { text, state, error, dirty: text.value !== saved, save, reset, input };
}
