import { useEffect, useRef, type SyntheticEvent } from 'react';

export interface ModalDialogOptions {
  /** Escape calls this; leave it out for a decision that must be made. */
  onDismiss?: () => void;
  /**
   * Where the keyboard goes once the dialog is gone. By default it goes back to what had it
   * before the dialog opened, unless something else has taken it meanwhile.
   */
  returnFocus?: () => void;
}

/**
 * Shows a native <dialog> as a modal for as long as the component is mounted: the browser gives
 * it the dialog role, the top layer and a focus trap. Focus starts on the element marked
 * `data-autofocus` (React's autoFocus runs before showModal() and would be overridden).
 * Spread the result on the <dialog>.
 */
export function useModalDialog({ onDismiss, returnFocus }: ModalDialogOptions) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocusRef = useRef(returnFocus);
  useEffect(() => {
    returnFocusRef.current = returnFocus;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.close();
      if (returnFocusRef.current) returnFocusRef.current();
      else if (focusIsLost() && opener instanceof HTMLElement && opener.isConnected) {
        opener.focus();
      }
    };
  }, []);

  const onCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    // React passes a nested dialog's cancel (Escape) on to the dialogs around it: only the
    // dialog on top answers it.
    if (event.target !== event.currentTarget) return;
    event.preventDefault();
    onDismiss?.();
  };
  return { ref, onCancel };
}

/** The focused element went away with the dialog (the browser then reports the body). */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body;
}
