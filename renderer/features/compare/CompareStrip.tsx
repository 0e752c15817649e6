import { ListChecks } from 'lucide-react';
import type { PaneStore } from '../pane/paneStore';
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
  const count = names.filter((name) => differing.has(name)).length;
  const verb = side === 'local' ? 'upload' : 'download';
  const text =
    count === 0
      ? `Nothing to ${verb}: nothing here is missing there, newer, or of another size.`
      : `${count.toLocaleString()} to ${verb}: only here, newer, or another size.`;
  return (
    <div className="compare-strip">
      <span className="compare-strip-text">{text}</span>
      <button
        type="button"
        className="compare-select"
        disabled={count === 0}
        title="Selects what is only here, newer here, or of another size (not older copies)"
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
        Select the differing files
      </button>
    </div>
  );
}
