import { useState } from 'react';
import { FormDialog } from '../../ui/FormDialog';

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
  const [name, setName] = useState(initial);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <FormDialog
      title={title}
      onCancel={onCancel}
      onSubmit={() => {
        if (name.trim() === '') return;
        setBusy(true);
        void onSubmit(name.trim()).then((error) => {
          setBusy(false);
          setProblem(error);
        });
      }}
      submitLabel={action}
      submitDisabled={busy || name.trim() === ''}
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
    </FormDialog>
  );
}
