import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../shared/contract/search';
import { ContextMenu } from '../pane/ContextMenu';
import { formatModified, formatSize } from '../pane/format';
import { searchActions, type TabSearch } from './searchStore';
import { hitPath, shownFolder, sortHits, type HitSortKey } from './searchWords';

const COLUMNS: { key: HitSortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'folder', label: 'Folder' },
  { key: 'size', label: 'Size' },
  { key: 'modified', label: 'Modified' },
];

interface Props {
  tabId: string;
  search: TabSearch;
  /** Enter or a double click on a result. */
  onOpenFolder(hit: SearchHit): void;
  /** Delete on the list (asks first), Ctrl+D: what the buttons below do. */
  onDelete(): void;
  onDownload(): void;
}

/**
 * The results as one multi-select list box: one Tab stop; arrows, Home and End select the row
 * moved to (Shift: add it, Ctrl: only move), Space (or Ctrl+click) adds or removes a row, Ctrl+A
 * selects all, Enter (or a double click) opens the result's folder, Delete asks to delete,
 * Ctrl+D downloads, Shift+F10 (or a right click) opens a menu of these. Shift+click selects a
 * range.
 * Column headers above sort (again: the other way round).
 */
export function SearchResults({ tabId, search, onOpenFolder, onDelete, onDownload }: Props) {
  const id = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<{ x: number; y: number }>();
  const sorted = useMemo(() => sortHits(search.hits, search.sort), [search.hits, search.sort]);
  const paths = useMemo(() => sorted.map(hitPath), [sorted]);
  const activeIndex = search.active === undefined ? -1 : paths.indexOf(search.active);
  const optionId = (index: number) => `${id}-hit-${index}`;

  useEffect(() => {
    if (activeIndex < 0) return;
    document.getElementById(`${id}-hit-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, activeIndex]);

  /** Plain keys select the row moved to; Shift adds it; Ctrl only moves (Space then toggles). */
  const moveTo = (index: number, how: 'select' | 'add' | 'move') => {
    const path = paths[Math.max(0, Math.min(paths.length - 1, index))];
    if (path === undefined) return;
    if (how === 'move') searchActions.setActive(tabId, path);
    else searchActions.select(tabId, path, how === 'add');
  };

  /** Shift+F10 or the menu key: the menu beside the row the keyboard is on. */
  const openMenuAtActive = () => {
    const row = document.getElementById(optionId(Math.max(0, activeIndex)));
    const box = (row ?? listRef.current)?.getBoundingClientRect();
    if (box && paths.length > 0) setMenu({ x: box.left + 24, y: box.bottom });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const command = event.ctrlKey || event.metaKey;
    const how = command ? 'move' : event.shiftKey ? 'add' : 'select';
    const page = 10;
    const at = activeIndex;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(at + 1, how),
      ArrowUp: () => moveTo(at < 0 ? 0 : at - 1, how),
      PageDown: () => moveTo(at + page, how),
      PageUp: () => moveTo(at - page, how),
      Home: () => moveTo(0, how),
      End: () => moveTo(paths.length - 1, how),
      ' ': () => {
        const path = paths[at] ?? paths[0];
        if (path !== undefined) searchActions.select(tabId, path, true);
      },
      Enter: () => {
        const hit = sorted[at];
        if (hit) onOpenFolder(hit);
      },
      Delete: onDelete,
      ContextMenu: () => openMenuAtActive(),
    };
    let run = keys[event.key];
    if (event.key === 'F10' && event.shiftKey) run = () => openMenuAtActive();
    if (command && event.key.toLowerCase() === 'a') run = () => searchActions.selectAll(tabId);
    if (command && event.key.toLowerCase() === 'd') run = onDownload;
    if (!run) return;
    event.preventDefault();
    run();
  };

  return (
    <div className="search-results">
      <div className="search-header" role="group" aria-label="Sort the results">
        {COLUMNS.map((column) => {
          const sortedHere = search.sort.key === column.key;
          const order = search.sort.ascending ? 'ascending' : 'descending';
          return (
            <button
              key={column.key}
              type="button"
              className={`search-col search-col-${column.key}`}
              aria-pressed={sortedHere}
              title={`Sort by ${column.label.toLowerCase()}`}
              onClick={() => searchActions.sortBy(tabId, column.key)}
            >
              {column.label}
              {sortedHere && (
                <>
                  <span aria-hidden="true">{search.sort.ascending ? ' ▲' : ' ▼'}</span>
                  <span className="visually-hidden">, sorted {order}</span>
                </>
              )}
            </button>
          );
        })}
      </div>
      <div
        ref={listRef}
        className="search-list"
        role="listbox"
        aria-label="Search results"
        aria-multiselectable="true"
        tabIndex={0}
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activeIndex < 0 && paths[0] !== undefined) searchActions.setActive(tabId, paths[0]);
        }}
      >
        {sorted.map((hit, index) => {
          const path = paths[index] as string;
          return (
            <div
              key={path}
              id={optionId(index)}
              role="option"
              aria-selected={search.selected.has(path)}
              className={`search-hit${index === activeIndex ? ' is-active' : ''}`}
              onClick={(event) => {
                if (event.shiftKey && activeIndex >= 0) {
                  const [from, to] = [activeIndex, index].sort((a, b) => a - b) as [number, number];
                  searchActions.selectRange(tabId, paths.slice(from, to + 1), path);
                } else {
                  searchActions.select(tabId, path, event.ctrlKey || event.metaKey);
                }
                listRef.current?.focus();
              }}
              onDoubleClick={() => onOpenFolder(hit)}
              onContextMenu={(event) => {
                event.preventDefault();
                // A row outside the selection becomes the selection, as in the file lists.
                if (!search.selected.has(path)) searchActions.select(tabId, path, false);
                else searchActions.setActive(tabId, path);
                listRef.current?.focus();
                setMenu({ x: event.clientX, y: event.clientY });
              }}
            >
              <span className="search-col-name" title={hit.name}>
                {hit.name}
                {hit.kind === 'folder' && <span className="muted"> (folder)</span>}
              </span>
              <span className="search-col-folder" title={hit.folder}>
                {shownFolder(hit.folder, search.root)}
              </span>
              <span className="search-col-size">
                {hit.kind === 'folder' ? '' : formatSize(hit.size)}
              </span>
              <span className="search-col-modified">{formatModified(hit.modified)}</span>
            </div>
          );
        })}
      </div>
      {menu && (
        <ContextMenu
          label="Search result actions"
          at={menu}
          onClose={() => setMenu(undefined)}
          returnFocus={() => listRef.current?.focus()}
          items={[
            {
              label: 'Open folder',
              shortcut: 'Enter',
              onSelect: () => {
                const hit = sorted[activeIndex];
                if (hit) onOpenFolder(hit);
              },
            },
            { label: 'Download to this computer', shortcut: 'Ctrl+D', onSelect: onDownload },
            { label: 'Delete…', shortcut: 'Delete', onSelect: onDelete, separatorBefore: true },
          ]}
        />
      )}
    </div>
  );
}
