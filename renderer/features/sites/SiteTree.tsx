import { ChevronDown, ChevronRight, Folder, FolderOpen, Server } from 'lucide-react';
import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { SiteProfile } from '../../../shared/contract/sites';
import { call, errorInWords } from '../../api';
import { isInside, visibleRows, type TreeRow } from './siteTree';
import { useSites, type Selection } from './sitesStore';

const DRAG_TYPE = 'application/x-ferry-site-entry';

interface Props {
  onConnect(site: SiteProfile): void;
  onRename(selection: Selection): void;
  onDelete(selection: Selection): void;
  onMoveError(message: string): void;
}

/** The saved sites as a tree: arrows move, Enter or double-click connects, drag moves. */
export function SiteTree({ onConnect, onRename, onDelete, onMoveError }: Props) {
  const snapshot = useSites((s) => s.snapshot);
  const collapsed = useSites((s) => s.collapsed);
  const query = useSites((s) => s.query);
  const selected = useSites((s) => s.selected);
  const select = useSites((s) => s.select);
  const toggleFolder = useSites((s) => s.toggleFolder);
  const [dropTarget, setDropTarget] = useState<string | null | undefined>(undefined);
  const treeRef = useRef<HTMLDivElement>(null);

  const rows = useMemo(
    () => (snapshot ? visibleRows(snapshot, collapsed, query) : []),
    [snapshot, collapsed, query],
  );
  const focusIndex = Math.max(
    0,
    rows.findIndex((r) => r.kind === selected?.kind && r.id === selected.id),
  );

  const focusRow = (index: number) => {
    const row = rows[index];
    if (!row) return;
    select({ kind: row.kind, id: row.id });
    treeRef.current?.querySelectorAll<HTMLElement>('[role="treeitem"]')[index]?.focus();
  };

  function onKeyDown(event: KeyboardEvent, row: TreeRow, index: number) {
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusRow(index + 1),
      ArrowUp: () => focusRow(index - 1),
      Home: () => focusRow(0),
      End: () => focusRow(rows.length - 1),
      ArrowRight: () => {
        if (row.kind === 'folder' && !row.expanded) toggleFolder(row.id);
        else focusRow(index + 1);
      },
      ArrowLeft: () => {
        if (row.kind === 'folder' && row.expanded) toggleFolder(row.id);
        else if (row.parentId) focusRow(rows.findIndex((r) => r.id === row.parentId));
      },
      Enter: () => (row.kind === 'site' ? onConnect(row.site) : toggleFolder(row.id)),
      F2: () => onRename({ kind: row.kind, id: row.id }),
      Delete: () => onDelete({ kind: row.kind, id: row.id }),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  function canDrop(event: DragEvent, folderId: string | null): boolean {
    return event.dataTransfer.types.includes(DRAG_TYPE) && folderId !== undefined;
  }

  async function drop(event: DragEvent, folderId: string | null) {
    event.preventDefault();
    event.stopPropagation();
    setDropTarget(undefined);
    let entry: Selection;
    try {
      entry = JSON.parse(event.dataTransfer.getData(DRAG_TYPE)) as Selection;
    } catch {
      return;
    }
    if (
      entry.kind === 'folder' &&
      folderId !== null &&
      snapshot &&
      isInside(snapshot.folders, folderId, entry.id)
    ) {
      onMoveError('A folder cannot go inside itself.');
      return;
    }
    try {
      await call('sites.move', { kind: entry.kind, id: entry.id, parentId: folderId });
      await useSites.getState().load();
    } catch (error) {
      onMoveError(errorInWords(error));
    }
  }

  if (rows.length === 0) {
    return (
      <p className="sm-tree-empty muted">
        {query
          ? 'No saved site matches your search.'
          : 'No saved sites yet. Press “New site” to add one.'}
      </p>
    );
  }

  return (
    <div
      ref={treeRef}
      role="tree"
      aria-label="Saved sites"
      className={`sm-tree${dropTarget === null ? ' drop-here' : ''}`}
      onDragOver={(e) => {
        if (!canDrop(e, null)) return;
        e.preventDefault();
        setDropTarget(null);
      }}
      onDragLeave={() => setDropTarget(undefined)}
      onDrop={(e) => void drop(e, null)}
    >
      {rows.map((row, index) => {
        const isSelected = row.kind === selected?.kind && row.id === selected.id;
        const folderDrop = row.kind === 'folder' ? row.id : row.parentId;
        return (
          <div
            key={`${row.kind}:${row.id}`}
            role="treeitem"
            aria-level={row.level}
            aria-selected={isSelected}
            aria-expanded={row.kind === 'folder' ? row.expanded : undefined}
            // The name comes from the visible text (name, then host: WCAG 2.5.3, label in name).
            aria-description={
              row.kind === 'site' && row.site.user ? `signs in as ${row.site.user}` : undefined
            }
            tabIndex={index === focusIndex ? 0 : -1}
            className={`sm-row${isSelected ? ' selected' : ''}${dropTarget === row.id ? ' drop-here' : ''}`}
            style={{ paddingInlineStart: `${(row.level - 1) * 16 + 6}px` }}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ kind: row.kind, id: row.id }));
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
              if (!canDrop(e, folderDrop)) return;
              e.preventDefault();
              e.stopPropagation();
              setDropTarget(folderDrop);
            }}
            onDrop={(e) => void drop(e, folderDrop)}
            onClick={() => select({ kind: row.kind, id: row.id })}
            onDoubleClick={() => (row.kind === 'site' ? onConnect(row.site) : toggleFolder(row.id))}
            onKeyDown={(e) => onKeyDown(e, row, index)}
          >
            {row.kind === 'folder' ? (
              <>
                <button
                  type="button"
                  className="sm-twisty"
                  tabIndex={-1}
                  aria-hidden="true"
                  onClick={(e) => {
                    e.stopPropagation();
                    toggleFolder(row.id);
                  }}
                >
                  {row.expanded ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
                </button>
                {row.expanded ? (
                  <FolderOpen size={15} aria-hidden="true" />
                ) : (
                  <Folder size={15} aria-hidden="true" />
                )}
                <span className="sm-name">{row.name}</span>
              </>
            ) : (
              <>
                <span className="sm-twisty" aria-hidden="true" />
                <Server size={15} aria-hidden="true" />
                {row.site.colour && (
                  <span className={`sm-colour colour-${row.site.colour}`} aria-hidden="true" />
                )}
                <span className="sm-name">{row.name}</span>
                <span className="sm-host muted">{row.site.host}</span>
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
