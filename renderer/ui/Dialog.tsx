import { useId, type ReactNode } from 'react';
import { useModalDialog, type ModalDialogOptions } from './useModalDialog';
import './dialog.css';

interface DialogProps extends ModalDialogOptions {
  title: string;
  children: ReactNode;
  /** Buttons, right-aligned at the bottom. */
  actions: ReactNode;
  tone?: 'normal' | 'warning' | 'danger';
  wide?: boolean;
}

/** A modal dialog with a title, a body and a row of buttons (see useModalDialog). */
export function Dialog({ title, children, actions, tone = 'normal', wide, ...modal }: DialogProps) {
  const { ref, onCancel } = useModalDialog(modal);
  const titleId = useId();

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${tone}${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={onCancel}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">{actions}</div>
    </dialog>
  );
}
