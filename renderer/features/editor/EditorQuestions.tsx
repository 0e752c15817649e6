import { Dialog } from '../../ui/Dialog';
import { formatModified, formatSize } from '../pane/format';
import { editorActions, type SaveConflict } from './editorStore';

/**
 * Save found the server's copy changed (or gone) since the editor read it: nothing was written,
 * and the user decides. Cancel goes back to editing with the text as it was.
 */
export function ConflictQuestion({
  name,
  conflict,
  local,
}: {
  name: string;
  conflict: SaveConflict;
  /** A file on this computer (else on the server): the words say where. */
  local: boolean;
}) {
  const there = local ? 'on this computer' : 'on the server';
  if (conflict.outcome === 'deleted') {
    return (
      <Dialog
        title={`${name} is no longer ${there}`}
        tone="warning"
        onDismiss={editorActions.dismissConflict}
        actions={
          <>
            <button type="button" onClick={editorActions.dismissConflict} data-autofocus>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => void editorActions.save(true)}>
              Save it again
            </button>
          </>
        }
      >
        <p>It was deleted or renamed {there} after you opened it. Nothing was saved.</p>
        <p>Save it again to put your text back under this name.</p>
      </Dialog>
    );
  }
  const { size, modified } = conflict.server;
  return (
    <Dialog
      title={`${name} changed ${there}`}
      tone="warning"
      onDismiss={editorActions.dismissConflict}
      actions={
        <>
          <button type="button" onClick={editorActions.dismissConflict} data-autofocus>
            Cancel
          </button>
          <button type="button" onClick={editorActions.reload}>
            Keep theirs (reload)
          </button>
          <button type="button" className="danger" onClick={() => void editorActions.save(true)}>
            Overwrite theirs
          </button>
        </>
      }
    >
      <p>
        Someone or something changed it after you opened it (it is now {formatSize(size)}
        {modified === null ? '' : `, changed ${formatModified(modified)}`}). Nothing was saved.
      </p>
      <p>
        Overwrite replaces their version with yours; Keep theirs reloads it and drops your changes;
        Cancel goes back to your text.
      </p>
    </Dialog>
  );
}

/** Close was asked for with unsaved changes. */
export function CloseQuestion({ name }: { name: string }) {
  async function saveThenClose() {
    editorActions.cancelClose();
    if (await editorActions.save()) editorActions.close();
  }
  return (
    <Dialog
      title={`Save the changes to ${name}?`}
      onDismiss={editorActions.cancelClose}
      actions={
        <>
          <button type="button" onClick={editorActions.cancelClose} data-autofocus>
            Cancel
          </button>
          <button type="button" className="danger" onClick={editorActions.close}>
            Don’t save
          </button>
          <button type="button" className="primary" onClick={() => void saveThenClose()}>
            Save
          </button>
        </>
      }
    >
      <p>Your changes are not on the server yet. If you close without saving, they are lost.</p>
    </Dialog>
  );
}
