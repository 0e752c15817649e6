import { File, FileSymlink, Folder, FolderSymlink, Link2Off } from 'lucide-react';
import { memo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import { shownName } from '../../../shared/shown-name';
import type { FileEntry } from '../../../shared/types';
import type { CompareMark } from '../compare/compareFolders';
import { CompareMarkBadge } from '../compare/CompareMarkBadge';
import { adjustedTime, offsetText } from '../compare/serverTimeOffset';
import { formatModified, formatPermissions, formatSize, kindLabel, opensAsFolder } from './format';

function EntryIcon({ entry }: { entry: FileEntry }) {
  const props = { size: 15, 'aria-hidden': true, className: `file-icon kind-${entry.kind}` };
  if (entry.kind === 'folder') return <Folder {...props} />;
  if (entry.kind === 'symlink') {
    if (entry.targetKind === undefined) return <Link2Off {...props} />;
    return entry.targetKind === 'folder' ? (
      <FolderSymlink {...props} />
    ) : (
      <FileSymlink {...props} />
    );
  }
  return <File {...props} />;
}

export interface RowHandlers {
  onMouseDown(event: MouseEvent, name: string): void;
  onDoubleClick(name: string): void;
  onContextMenu(event: MouseEvent, name: string): void;
  commitRename(newName: string): void;
  cancelRename(): void;
  onDragStart?(event: DragEvent, name: string): void;
}

interface FileRowProps {
  id: string;
  entry: FileEntry;
  path: string;
  rowIndex: number;
  selected: boolean;
  focused: boolean;
  renaming: boolean;
  /** Cut (Ctrl+X), waiting for a paste: dimmed, and said to screen readers. */
  cut: boolean;
  /** Directory comparison's verdict on this entry, while comparing. */
  mark?: CompareMark;
  /** The site's "Adjust server time", in minutes, added to the time shown. */
  timeOffsetMinutes?: number;
  /** Pixels from the top of the list. */
  top: number;
  handlers: RowHandlers;
}

/** One entry. Carries data-path and data-kind so drag and drop can be added without changes here. */
export const FileRow = memo(function FileRow(props: FileRowProps) {
  const { entry, handlers } = props;
  const size = opensAsFolder(entry) || entry.kind === 'other' ? '' : formatSize(entry.size);
  return (
    <div
      id={props.id}
      role="row"
      aria-rowindex={props.rowIndex}
      aria-selected={props.selected}
      className={`file-row${props.selected ? ' is-selected' : ''}${props.focused ? ' is-focused' : ''}${props.cut ? ' is-cut' : ''}`}
      style={{ transform: `translateY(${props.top}px)` }}
      data-path={props.path}
      data-kind={opensAsFolder(entry) ? 'folder' : entry.kind}
      draggable={handlers.onDragStart ? !props.renaming : undefined}
      onDragStart={handlers.onDragStart && ((e) => handlers.onDragStart?.(e, entry.name))}
      onMouseDown={(e) => handlers.onMouseDown(e, entry.name)}
      onDoubleClick={() => handlers.onDoubleClick(entry.name)}
      onContextMenu={(e) => handlers.onContextMenu(e, entry.name)}
    >
      <div
        role="gridcell"
        className="cell-name"
        title={entry.target ? `${shownName(entry.name)} → ${entry.target}` : shownName(entry.name)}
      >
        <EntryIcon entry={entry} />
        {props.renaming ? (
          <RenameInput
            name={entry.name}
            onCommit={handlers.commitRename}
            onCancel={handlers.cancelRename}
          />
        ) : (
          <span className="file-name">{shownName(entry.name)}</span>
        )}
        {props.cut && <span className="visually-hidden">(cut)</span>}
        {props.mark && <CompareMarkBadge mark={props.mark} />}
      </div>
      <div role="gridcell" className="cell-size">
        {size}
      </div>
      <div role="gridcell" className="cell-type">
        {kindLabel(entry)}
      </div>
      <ModifiedCell modified={entry.modified} offsetMinutes={props.timeOffsetMinutes ?? 0} />
      <div role="gridcell" className="cell-permissions">
        {formatPermissions(entry.mode)}
      </div>
    </div>
  );
});

function RenameInput(props: { name: string; onCommit(name: string): void; onCancel(): void }) {
  const [value, setValue] = useState(props.name);
  // Escape and Enter both end editing; the blur that follows must not commit again.
  const done = useRef(false);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit) props.onCommit(value);
    else props.onCancel();
  };
  return (
    <input
      className="rename-input"
      aria-label={`New name for ${props.name}`}
      value={value}
      autoFocus
      spellCheck={false}
      onChange={(e) => setValue(e.target.value)}
      onFocus={(e) => {
        // Select the name without its extension, as desktop file managers do.
        const dot = props.name.lastIndexOf('.');
        e.target.setSelectionRange(0, dot > 0 ? dot : props.name.length);
      }}
      onMouseDown={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(true);
        if (e.key === 'Escape') finish(false);
      }}
      onBlur={() => finish(true)}
    />
  );
}

/** The modified time, moved by the site's offset; the server's own time stays in the tooltip. */
function ModifiedCell({
  modified,
  offsetMinutes,
}: {
  modified: number | null;
  offsetMinutes: number;
}) {
  const shown = formatModified(adjustedTime(modified, offsetMinutes));
  const title =
    offsetMinutes !== 0 && modified !== null
      ? `The server lists ${formatModified(modified)}; shown moved by ${offsetText(offsetMinutes)} (this site’s “Adjust server time”)`
      : undefined;
  return (
    <div role="gridcell" className="cell-modified" title={title}>
      {shown}
    </div>
  );
}
