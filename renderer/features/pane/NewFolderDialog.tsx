import { useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import { Dialog } from '../../ui/Dialog';
import { usePaneActions } from './PaneContext';

export function NewFolderDialog({ returnFocus }: { returnFocus(): void }) {
  const actions = usePaneActions();
  const [name, setName] = useState('New folder');
  const [problem, setProblem] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();
  const problemId = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const error = await actions.createFolder(name);
    setBusy(false);
    setProblem(error);
  }

  return (
    <Dialog
      title="New folder"
      onDismiss={actions.closeDialog}
      returnFocus={returnFocus}
      actions={
        <>
          <button type="button" onClick={actions.closeDialog}>
            Cancel
          </button>
          <button type="submit" form={formId} disabled={busy}>
            Create
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void onSubmit(e)}>
        <label className="pane-dialog-field">
          <span>Folder name</span>
          <input
            data-autofocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            onFocus={(e) => e.target.select()}
            aria-invalid={problem !== null}
            aria-describedby={problem ? problemId : undefined}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        {problem && (
          <p className="pane-dialog-problem" role="alert" id={problemId}>
            {problem.message} {problem.hint}
          </p>
        )}
      </form>
    </Dialog>
  );
}
