import { useId, type ReactNode } from 'react';
import { Dialog } from './Dialog';

interface FormDialogProps {
  title: string;
  /** Cancel, Escape: close without sending. */
  onCancel(): void;
  /** The form was sent (Enter in a field or the submit button); the page does not reload. */
  onSubmit(): void;
  submitLabel: string;
  submitDisabled?: boolean;
  /** A button left of Cancel (e.g. "Forgot the master password…"). */
  aside?: ReactNode;
  /** Class of the form element (the fields' layout). */
  formClassName?: string;
  /** Where the keyboard goes when the dialog closes (see useModalDialog). */
  returnFocus?: () => void;
  children: ReactNode;
}

/**
 * A dialog whose body is one form, with Cancel and a submit button below it. The submit button
 * sits in the dialog's button row, outside the form, so it points at the form by id.
 */
export function FormDialog(props: FormDialogProps) {
  const formId = useId();
  return (
    <Dialog
      title={props.title}
      onDismiss={props.onCancel}
      {...(props.returnFocus ? { returnFocus: props.returnFocus } : {})}
      actions={
        <>
          {props.aside}
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" form={formId} disabled={props.submitDisabled}>
            {props.submitLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className={props.formClassName}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        {props.children}
      </form>
    </Dialog>
  );
}
