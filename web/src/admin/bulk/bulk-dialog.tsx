/**
 * The frame of every bulk dialog: what it applies to, its form, an inline error for a refusal of the
 * whole request (e.g. "No update values provided"), and on success the "n updated, m failed" toast.
 *
 * Test hooks: `#bulk-dialog` (`data-operation`), `#bulk-submit`, `#bulk-error`.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { UnauthorizedError, errorMessage, type ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import { Modal } from '../components/modal.js';
import { toast } from '../components/toast.js';
import { bulkSummaryText, runBulk, type BulkOperation } from './bulk-api.js';

/** What a bulk dialog acts on and whom it tells afterwards. */
export interface BulkContext {
  api: ApiClient;
  ids: number[];
  titles: ReadonlyMap<number, string>;
  /** After a request that reached the server: reload the list, clear the selection. */
  done: () => void;
}

export interface BulkDialogProps {
  op: BulkOperation;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  ctx: BulkContext;
  close: () => void;
  /** The request body without `video_ids`, or the reason it cannot be sent yet. */
  build: () => object | string;
  children?: ComponentChildren;
}

export function BulkDialog(props: BulkDialogProps) {
  const { ctx, close } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const n = ctx.ids.length;

  const submit = async () => {
    const body = props.build();
    if (typeof body === 'string') return setError(body);
    setBusy(true);
    setError(null);
    try {
      const answer = await runBulk(ctx.api, props.op, { ...body, video_ids: ctx.ids });
      toast(bulkSummaryText(props.op, answer, ctx.titles), answer.failed > 0 ? 'error' : 'success', 10_000);
      ctx.done();
      close();
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const footer = (
    <>
      <Button onClick={close}>Cancel</Button>
      <Button
        id="bulk-submit"
        variant={props.danger ? 'danger' : 'primary'}
        busy={busy}
        onClick={() => void submit()}
      >
        {props.confirmLabel}
      </Button>
    </>
  );
  return (
    <Modal id="bulk-dialog" title={props.title} onClose={close} footer={footer}>
      <div class="bulk-form" data-operation={props.op}>
        <p class="muted">
          Applies to {n} selected {n === 1 ? 'video' : 'videos'}.
        </p>
        {props.children}
        {error && (
          <p id="bulk-error" class="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Modal>
  );
}
