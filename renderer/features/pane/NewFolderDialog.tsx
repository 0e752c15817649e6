import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import { FormDialog } from '../../ui/FormDialog';
import { usePaneActions } from './PaneContext';
import { PaneDialogField } from './PaneDialogField';

export function NewFolderDialog({ returnFocus }: { returnFocus(): void }) {
  const actions = usePaneActions();
  const [name, setName] = useState('New folder');
  const [problem, setProblem] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit() {
    setBusy(true);
    const error = await actions.createFolder(name);
    setBusy(false);
    setProblem(error);
  }

  return (
    <FormDialog
      title="New folder"
      onCancel={actions.closeDialog}
      onSubmit={() => void onSubmit()}
      submitLabel="Create"
      submitDisabled={busy}
      returnFocus={returnFocus}
    >
      <PaneDialogField label="Folder name" value={name} onChange={setName} problem={problem} />
    </FormDialog>
  );
}
