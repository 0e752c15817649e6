import { Dialog } from '../../ui/Dialog';
import { deleteQuestion } from './format';
import { usePane, usePaneActions } from './PaneContext';

const SHOWN_NAMES = 5;

export function DeleteDialog({ names, returnFocus }: { names: string[]; returnFocus(): void }) {
  const actions = usePaneActions();
  const mode = usePane((s) => s.deleteMode) ?? 'permanent';
  const rest = names.length - SHOWN_NAMES;
  // Moving to the trash can be undone, so Enter confirms; a permanent delete starts on Cancel.
  const confirmFirst = mode === 'trash';

  return (
    <Dialog
      title={deleteQuestion(names.length, mode)}
      onDismiss={actions.closeDialog}
      returnFocus={returnFocus}
      actions={
        <>
          <button
            type="button"
            onClick={actions.closeDialog}
            data-autofocus={!confirmFirst || undefined}
          >
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => void actions.confirmDelete()}
            data-autofocus={confirmFirst || undefined}
          >
            {mode === 'trash' ? 'Move to trash' : 'Delete permanently'}
          </button>
        </>
      }
    >
      <ul className="pane-dialog-names">
        {names.slice(0, SHOWN_NAMES).map((name) => (
          <li key={name}>{name}</li>
        ))}
        {rest > 0 && <li className="muted">and {rest} more</li>}
      </ul>
    </Dialog>
  );
}
