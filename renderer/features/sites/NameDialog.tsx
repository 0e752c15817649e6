import { useId, useState } from 'react';
import { Dialog } from '../../ui/Dialog';

interface Props {
  title: string;
  label: string;
  initial: string;
  action: string;
  onCancel(): void;
  /** Resolves to an error message to show, or undefined when done. */
  onSubmit(name: string): Promise<string | undefined>;
}

/** Asks for a name: a new folder, or renaming a site or folder. */
export function NameDialog({ title, label, initial, action, onCancel, onSubmit }: Props) {
  const formId = useId();
  const [name, setName] = useState(initial);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      title={title}
      onDismiss={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form={formId} disabled={busy || name.trim() === ''}>
            {action}
          </button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() === '') return;
          setBusy(true);
          void onSubmit(name.trim()).then((error) => {
            setBusy(false);
            setProblem(error);
          });
        }}
      >
        <label className="sm-field">
          <span className="sm-label">{label}</span>
          <input
            data-autofocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            onFocus={(e) => e.target.select()}
          />
        </label>
        {problem && (
          <p className="sm-problem" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Dialog>
  );
}
