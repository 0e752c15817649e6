import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import { Dialog } from '../../ui/Dialog';
import { FormDialog } from '../../ui/FormDialog';
import { MoveProgress } from './MoveProgress';
import { clashQuestion, nameOf } from './moveWords';
import { usePane, usePaneActions } from './PaneContext';
import { PaneDialogField } from './PaneDialogField';

const SHOWN_NAMES = 5;

/** WinSCP's "Move to…" (Shift+F6): a folder path, prefilled with the folder shown. */
export function MoveToDialog({ names, returnFocus }: { names: string[]; returnFocus(): void }) {
  const actions = usePaneActions();
  const here = usePane((s) => s.path) ?? '';
  const [folder, setFolder] = useState(here);
  const [problem, setProblem] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const rest = names.length - SHOWN_NAMES;
  const what = names.length === 1 ? `“${names[0]}”` : `${names.length} items`;

  async function onSubmit() {
    setBusy(true);
    const error = await actions.moveToTyped(folder);
    setBusy(false);
    setProblem(error);
  }

  return (
    <FormDialog
      title={`Move ${what} to…`}
      onCancel={actions.closeDialog}
      onSubmit={() => void onSubmit()}
      submitLabel="Move"
      submitDisabled={busy}
      returnFocus={returnFocus}
    >
      {names.length > 1 && (
        <ul className="pane-dialog-names">
          {names.slice(0, SHOWN_NAMES).map((name) => (
            <li key={name}>{name}</li>
          ))}
          {rest > 0 && <li className="muted">and {rest} more</li>}
        </ul>
      )}
      <PaneDialogField
        label="Folder to move to"
        value={folder}
        onChange={setFolder}
        problem={problem}
      />
      {/* A move to another drive copies first; the dialog is modal, so its Stop is here. */}
      <MoveProgress />
    </FormDialog>
  );
}

/** A file of that name is already in the target folder: Replace, Skip or Cancel (for all). */
export function MoveClashDialog(props: {
  path: string;
  folder: string;
  others: number;
  returnFocus(): void;
}) {
  const actions = usePaneActions();
  const [forAll, setForAll] = useState(false);
  const name = nameOf(props.path);
  const reply = (choice: 'replace' | 'skip' | 'cancel') => actions.answerClash({ choice, forAll });

  return (
    <Dialog
      title={clashQuestion(name, props.folder)}
      tone="warning"
      onDismiss={() => reply('cancel')}
      returnFocus={props.returnFocus}
      actions={
        <>
          <button type="button" onClick={() => reply('cancel')}>
            Cancel
          </button>
          <button type="button" onClick={() => reply('skip')} data-autofocus>
            Skip
          </button>
          <button type="button" className="danger" onClick={() => reply('replace')}>
            Replace
          </button>
        </>
      }
    >
      <p>
        Replace the file there with the one you are moving? The file it replaces is deleted. Skip
        leaves both where they are.
      </p>
      {props.others > 0 && (
        <label className="pane-dialog-check">
          <input type="checkbox" checked={forAll} onChange={(e) => setForAll(e.target.checked)} />
          <span>
            Do the same for the other {props.others} {props.others === 1 ? 'clash' : 'clashes'}
          </span>
        </label>
      )}
    </Dialog>
  );
}
