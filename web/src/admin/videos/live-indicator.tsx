/** Shows how progress arrives: streamed live, polled, or connecting. Test hook: `#live-indicator[data-mode]`. */
import { useEffect, useState } from 'preact/hooks';
import type { ProgressStream, StreamMode } from '../progress-stream.js';

const LABELS: Record<StreamMode, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Polling every 3 s',
  stopped: '',
};

const TITLES: Partial<Record<StreamMode, string>> = {
  live: 'Progress updates are streamed live from the server',
  polling: 'Live stream unavailable; progress is polled',
};

export function LiveIndicator({ stream }: { stream: ProgressStream }) {
  const [mode, setMode] = useState<StreamMode>(stream.mode);
  useEffect(() => stream.onModeChange(setMode), [stream]);
  return (
    <span
      class="live-indicator"
      id="live-indicator"
      data-mode={mode}
      hidden={mode === 'stopped'}
      title={TITLES[mode]}
    >
      <span class="live-dot" aria-hidden="true" />
      {LABELS[mode]}
    </span>
  );
}
