/** Promise-based confirm dialog. Test hooks: `#confirm-dialog`, `#confirm-ok`, `#confirm-cancel`. */
import { Button } from './button.js';
import { Modal, openOverlay } from './modal.js';

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel?: string;
  danger?: boolean;
}

export function confirmDialog(opts: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    openOverlay((close) => {
      const answer = (ok: boolean) => () => {
        close();
        resolve(ok);
      };
      return (
        <Modal
          id="confirm-dialog"
          class="modal-sm"
          role="alertdialog"
          title={opts.title}
          onClose={answer(false)}
          footer={
            <>
              <Button id="confirm-cancel" autoFocus onClick={answer(false)}>
                Cancel
              </Button>
              <Button id="confirm-ok" variant={opts.danger ? 'danger' : 'primary'} onClick={answer(true)}>
                {opts.confirmLabel ?? 'OK'}
              </Button>
            </>
          }
        >
          <p class="confirm-message">{opts.message}</p>
        </Modal>
      );
    });
  });
}
