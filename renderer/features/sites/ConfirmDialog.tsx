import type { ReactNode } from 'react';
import { Dialog } from '../../ui/Dialog';

interface Props {
  title: string;
  children: ReactNode;
  confirm: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, children, confirm, danger, onConfirm, onCancel }: Props) {
  return (
    <Dialog
      title={title}
      tone={danger ? 'danger' : 'normal'}
      onDismiss={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel} data-autofocus>
            Cancel
          </button>
          <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm}>
            {confirm}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
