import { useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import { Dialog } from '../../ui/Dialog';
import { usePaneActions } from './PaneContext';
import { PaneDialogField } from './PaneDialogField';

export function NewFolderDialog({ returnFocus }: { returnFocus(): void }) {
  const actions = usePaneActions();
  const [name, setName] = useState('New folder');
  const [problem, setProblem] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();

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
        <PaneDialogField label="Folder name" value={name} onChange={setName} problem={problem} />
      </form>
    </Dialog>
  );
}
