import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  /** Called for Escape and Cancel; the parent unmounts the dialog. */
  onClose(): void;
  /** Where the keyboard goes back to once the dialog is gone. */
  returnFocus(): void;
  children: ReactNode;
  className?: string;
}

/**
 * A modal dialog on the native <dialog> element: the browser gives it role="dialog", a focus
 * trap, the top layer and Escape. Focus starts on the element marked `data-autofocus`.
 */
export function Dialog({ title, onClose, returnFocus, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  const returnRef = useRef(returnFocus);
  useEffect(() => {
    closeRef.current = onClose;
    returnRef.current = returnFocus;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
      returnRef.current();
    };
  }, []);

  return (
    <dialog ref={ref} aria-labelledby={titleId} className={`pane-dialog ${className ?? ''}`}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
