import { useEffect, useId, useRef, type ReactNode } from 'react';
import './dialog.css';

interface DialogProps {
  title: string;
  children: ReactNode;
  /** Buttons, right-aligned at the bottom. */
  actions: ReactNode;
  /** Escape and the backdrop call this; leave it out for a decision that must be made. */
  onDismiss?: () => void;
  tone?: 'normal' | 'warning' | 'danger';
  wide?: boolean;
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, gives it the dialog
 * role, and restores focus when it closes.
 */
export function Dialog({
  title,
  children,
  actions,
  onDismiss,
  tone = 'normal',
  wide,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${tone}${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss?.();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">{actions}</div>
    </dialog>
  );
}
