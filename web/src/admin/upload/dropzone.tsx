/**
 * File dropzone: a real `<input type=file id=upload-file>` under a large label (click or keyboard opens the
 * picker) that also takes a dropped file; shows the chosen file with a Remove button.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../components/button.js';
import { Icon } from '../components/icon.js';
import { formatBytes } from '../../shared/format.js';
import { ACCEPT } from './upload-file.js';

export function Dropzone(props: {
  file: File | null;
  disabled: boolean;
  onFile: (file: File | null) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const { file, disabled } = props;

  // The form is reset after a successful upload: clear the native input too.
  useEffect(() => {
    if (!file && input.current) input.current.value = '';
  }, [file]);

  const over = (ev: DragEvent): void => {
    ev.preventDefault();
    if (!disabled) setDragging(true);
  };
  const leave = (ev: DragEvent): void => {
    ev.preventDefault();
    setDragging(false);
  };
  const drop = (ev: DragEvent): void => {
    leave(ev);
    const dropped = ev.dataTransfer?.files[0];
    if (!disabled && dropped) props.onFile(dropped);
  };
  const cls = ['dropzone', dragging && 'dragging', file && 'has-file', disabled && 'disabled']
    .filter(Boolean)
    .join(' ');

  return (
    <div
      class={cls}
      id="upload-dropzone"
      onDragEnter={over}
      onDragOver={over}
      onDragLeave={leave}
      onDrop={drop}
    >
      <input
        ref={input}
        type="file"
        id="upload-file"
        name="file"
        class="dropzone-input"
        accept={ACCEPT}
        disabled={disabled}
        aria-describedby="upload-file-hint"
        onChange={(ev) => props.onFile(ev.currentTarget.files?.[0] ?? null)}
      />
      <label for="upload-file" class="dropzone-label">
        <Icon name="upload" size="xl" />
        <span class="dropzone-title">
          Drop a video here or <span class="link-like">browse</span>
        </span>
        <span class="dropzone-hint muted" id="upload-file-hint">
          MP4, MKV, WebM, MOV or AVI
        </span>
      </label>
      {file && (
        <div class="file-info" id="upload-file-info">
          <Icon name="film" />
          <span class="file-name">{file.name}</span>
          <span class="file-size muted">{formatBytes(file.size)}</span>
          <Button
            variant="ghost"
            size="sm"
            icon="close"
            disabled={disabled}
            aria-label={`Remove ${file.name}`}
            onClick={() => {
              props.onFile(null);
              input.current?.focus();
            }}
          >
            Remove
          </Button>
        </div>
      )}
    </div>
  );
}
