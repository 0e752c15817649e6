import { ListChecks } from 'lucide-react';
import type { PaneStore } from '../pane/paneStore';
import { differingShown, toSendText } from './compareFolders';
import type { ShownComparison } from './useComparison';

/**
 * Above a pane's list while comparing: how many entries here differ from the other side, and
 * "Select the differing files", ready for Upload or Download (the button, Ctrl+U or Ctrl+D).
 */
export function CompareStrip({
  side,
  shown,
  store,
}: {
  side: 'local' | 'remote';
  shown: ShownComparison;
  store: PaneStore;
}) {
  const { differing } = shown.comparison[side];
  const names = side === 'local' ? shown.localNames : shown.remoteNames;
  const shownDiffering = differingShown(shown.comparison[side], names);
  const { folders } = shownDiffering;
  const count = shownDiffering.files + folders;
  const text = toSendText(shownDiffering, side === 'local' ? 'upload' : 'download');
  return (
    <div className="compare-strip">
      <span className="compare-strip-text">{text}</span>
      <button
        type="button"
        className="compare-select"
        disabled={count === 0}
        title={
          folders > 0
            ? 'Selects what is only here (a folder with all it holds), newer here, or of another size (not older copies)'
            : 'Selects what is only here, newer here, or of another size (not older copies)'
        }
        onClick={(event) => {
          store.getState().actions.selectNames(differing);
          // The list takes the keyboard, so Ctrl+U / Ctrl+D sends the selection at once.
          event.currentTarget
            .closest('.file-pane')
            ?.querySelector<HTMLElement>('[role="grid"]')
            ?.focus();
        }}
      >
        <ListChecks size={14} aria-hidden="true" />
        {folders > 0 ? 'Select the differing files and folders' : 'Select the differing files'}
      </button>
    </div>
  );
}
