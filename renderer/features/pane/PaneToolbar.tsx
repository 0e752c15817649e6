import {
  ArrowLeft,
  ArrowRight,
  ArrowUp,
  Eye,
  EyeOff,
  FolderPlus,
  Pencil,
  RotateCw,
  Trash2,
  type LucideIcon,
} from 'lucide-react';
import type { ReactNode, RefObject } from 'react';
import { parentPath } from './paths';
import { usePane, usePaneActions } from './PaneContext';
import { Breadcrumbs, PathBar } from './PathBar';

function IconButton(props: {
  label: string;
  icon: LucideIcon;
  onClick(): void;
  disabled?: boolean;
  shortcut?: string;
  pressed?: boolean;
}) {
  const Icon = props.icon;
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={props.label}
      title={props.shortcut ? `${props.label} (${props.shortcut})` : props.label}
      onClick={props.onClick}
      disabled={props.disabled}
      aria-pressed={props.pressed}
      aria-keyshortcuts={props.shortcut}
    >
      <Icon size={16} aria-hidden="true" />
    </button>
  );
}

/** Navigation, the path bar, and what can be done here. */
export function PaneToolbar({
  label,
  focusGrid,
  filterRef,
  extra,
}: {
  /** The pane's name, e.g. "Local files". */
  label: string;
  focusGrid(): void;
  filterRef: RefObject<HTMLInputElement | null>;
  extra?: ReactNode;
}) {
  const path = usePane((s) => s.path);
  const canBack = usePane((s) => s.history.back.length > 0);
  const canForward = usePane((s) => s.history.forward.length > 0);
  const loading = usePane((s) => s.loading);
  const filter = usePane((s) => s.filter);
  const showHidden = usePane((s) => s.showHidden);
  const targetCount = usePane((s) => s.selection.selected.size || (s.selection.focus ? 1 : 0));
  const deleteMode = usePane((s) => s.deleteMode);
  const a = usePaneActions();
  const atTop = path === null || parentPath(path) === null;

  return (
    <div className="pane-toolbar">
      <div className="pane-toolbar-row">
        <IconButton
          label="Back"
          icon={ArrowLeft}
          onClick={() => void a.back()}
          disabled={!canBack}
          shortcut="Alt+ArrowLeft"
        />
        <IconButton
          label="Forward"
          icon={ArrowRight}
          onClick={() => void a.forward()}
          disabled={!canForward}
          shortcut="Alt+ArrowRight"
        />
        <IconButton
          label="Up one folder"
          icon={ArrowUp}
          onClick={() => void a.up()}
          disabled={atTop}
          shortcut="Backspace"
        />
        <IconButton
          label="Refresh"
          icon={RotateCw}
          onClick={() => void a.refresh()}
          disabled={path === null || loading}
          shortcut="F5"
        />
        <PathBar key={path} focusGrid={focusGrid} />
      </div>
      <div className="pane-toolbar-row">
        <Breadcrumbs paneLabel={label} />
        <input
          ref={filterRef}
          className="pane-filter"
          type="search"
          aria-label="Filter by name"
          placeholder="Filter"
          value={filter}
          onChange={(e) => a.setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' || e.key === 'Enter' || e.key === 'ArrowDown') {
              if (e.key === 'Escape') a.setFilter('');
              e.preventDefault();
              focusGrid();
            }
          }}
        />
        <IconButton
          label="Show hidden files"
          icon={showHidden ? Eye : EyeOff}
          onClick={() => a.setShowHidden(!showHidden)}
          pressed={showHidden}
        />
        <IconButton
          label="New folder"
          icon={FolderPlus}
          onClick={a.askNewFolder}
          disabled={path === null}
        />
        <IconButton
          label="Rename"
          icon={Pencil}
          onClick={() => a.startRename()}
          disabled={targetCount !== 1}
          shortcut="F2"
        />
        <IconButton
          label={deleteMode === 'trash' ? 'Move to trash' : 'Delete'}
          icon={Trash2}
          onClick={a.askDelete}
          disabled={targetCount === 0}
          shortcut="Delete"
        />
        {extra}
      </div>
    </div>
  );
}
