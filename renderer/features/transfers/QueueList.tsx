import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { QueueMove, TransferJob } from '../../../shared/contract/transfers';
import { ContextMenu, type MenuItem } from '../pane/ContextMenu';
import { clickSelect, emptySelection, type Selection } from '../pane/selection';
import {
  canMove,
  moveAnnouncement,
  MOVE_SHORTCUTS,
  QUEUE_KEYS_HINT_ID,
  queueMoveFor,
  selectId,
  wouldMove,
} from './queueOrder';
import { TransferRow, type RowPick } from './TransferRow';
import { transferCommands } from './transfersStore';

/** Rows drawn at most per list; a huge failed folder must not freeze the page. */
const MAX_ROWS = 300;

const MOVES: Array<{ to: QueueMove; label: string }> = [
  { to: 'top', label: 'Move to top' },
  { to: 'up', label: 'Move up' },
  { to: 'down', label: 'Move down' },
  { to: 'bottom', label: 'Move to bottom' },
];

interface Props {
  rows: readonly TransferJob[];
  label: string;
  jobs: ReadonlyMap<string, TransferJob>;
}

/**
 * One filter's rows. Waiting transfers can be selected (click, Ctrl/Shift+click, their
 * checkbox: Up/Down go from one to the next, Space ticks) and moved in the start order:
 * Alt+Up/Down, Alt+Home/End, or the context menu (right click, Shift+F10).
 */
export function QueueList({ rows, label, jobs }: Props) {
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [menu, setMenu] = useState<{ at: { x: number; y: number }; rowId: string } | null>(null);
  const movable = useMemo(() => rows.filter(canMove).map((row) => row.id), [rows]);
  const chosen = useMemo(
    () => new Set(movable.filter((id) => selection.selected.has(id))),
    [movable, selection],
  );
  const state = useRef({ movable, chosen, selection });
  useLayoutEffect(() => {
    state.current = { movable, chosen, selection };
  });

  /** The row whose checkbox has the keyboard, if one has. */
  const lastFocused = useRef<string | null>(null);
  // A row the list moves (its DOM node is put elsewhere) loses the keyboard: for a moment after
  // a move, give it back to the checkbox that had it.
  const refocus = useRef<{ id: string; until: number } | null>(null);
  useLayoutEffect(() => {
    const wanted = refocus.current;
    const active = document.activeElement;
    if (!wanted || nowMs() > wanted.until || (active && active !== document.body)) return;
    document.getElementById(selectId(wanted.id))?.focus();
  }, [rows]);

  /** The last move in words, for screen readers; `repeat` makes the same words heard again. */
  const [announced, setAnnounced] = useState({ text: '', repeat: false });

  function move(ids: string[], to: QueueMove, focusId: string | null) {
    if (ids.length === 0) return;
    const names = ids.map((id) => jobs.get(id)?.name ?? '');
    const text = moveAnnouncement(names, to, wouldMove(movable, new Set(ids), to));
    setAnnounced((last) => ({ text, repeat: last.text === text && !last.repeat }));
    refocus.current = focusId === null ? null : soon(focusId);
    void transferCommands.move(ids, to);
  }

  const pick = useCallback((id: string, how: RowPick) => {
    const { movable: order, selection: current } = state.current;
    const mods = how === 'toggle' ? { toggle: true } : how;
    setSelection(clickSelect(current, order, id, mods));
  }, []);

  const openMenu = useCallback((id: string, at: { x: number; y: number }) => {
    const { chosen: now, selection: current, movable: order } = state.current;
    if (!now.has(id)) setSelection(clickSelect(current, order, id));
    setMenu({ at, rowId: id });
  }, []);

  /** The selected waiting rows, else the one whose checkbox has the keyboard. */
  function toMove(): string[] {
    if (chosen.size > 0) return [...chosen];
    const focused = lastFocused.current;
    return focused !== null && movable.includes(focused) ? [focused] : [];
  }

  function onKeyDown(event: KeyboardEvent) {
    const to = queueMoveFor(event);
    if (to) {
      event.preventDefault();
      move(toMove(), to, lastFocused.current);
      return;
    }
    const focused = lastFocused.current;
    const plain = !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
    if (plain && focused !== null && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      // From one waiting transfer's checkbox to the next one's, as in a list.
      event.preventDefault();
      const next = movable[movable.indexOf(focused) + (event.key === 'ArrowUp' ? -1 : 1)];
      if (next !== undefined) document.getElementById(selectId(next))?.focus();
      return;
    }
    const menuKey = event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10');
    if (!menuKey || focused === null || !movable.includes(focused)) return;
    event.preventDefault();
    const box = document.getElementById(selectId(focused))?.getBoundingClientRect();
    openMenu(focused, { x: box?.left ?? 0, y: box?.bottom ?? 0 });
  }

  const ids = menu && chosen.size === 0 ? [menu.rowId] : [...chosen];
  const items: MenuItem[] = MOVES.map(({ to, label: text }) => ({
    label: text,
    shortcut: MOVE_SHORTCUTS[to],
    disabled: !wouldMove(movable, new Set(ids), to),
    onSelect: () => move(ids, to, menu?.rowId ?? null),
  }));

  return (
    <>
      <ul
        className="transfer-list"
        aria-label={label}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          const id = event.target.closest<HTMLElement>('[data-job-id]')?.dataset.jobId;
          lastFocused.current = event.target.matches('.transfer-select') ? (id ?? null) : null;
        }}
      >
        {rows.slice(0, MAX_ROWS).map((job) => {
          const selectable = canMove(job);
          return (
            <TransferRow
              key={job.id}
              job={job}
              parentName={job.parentId === undefined ? undefined : jobs.get(job.parentId)?.name}
              selectable={selectable}
              selected={selectable && chosen.has(job.id)}
              onPick={pick}
              onMenu={openMenu}
            />
          );
        })}
        {rows.length > MAX_ROWS && (
          <li className="muted transfer-more">
            and {(rows.length - MAX_ROWS).toLocaleString()} more
          </li>
        )}
      </ul>
      <p role="status" className="visually-hidden">
        {announced.text}
        {announced.repeat ? '\u00a0' : ''}
      </p>
      {movable.length > 0 && (
        <p id={QUEUE_KEYS_HINT_ID} className="visually-hidden">
          Alt+Up and Alt+Down move the selected waiting transfers one place, Alt+Home and Alt+End to
          the top or the bottom; Shift+F10 opens the menu.
        </p>
      )}
      {menu && (
        <ContextMenu
          label="Transfer queue"
          at={menu.at}
          items={items}
          onClose={() => setMenu(null)}
          returnFocus={() => document.getElementById(selectId(menu.rowId))?.focus()}
        />
      )}
    </>
  );
}

const nowMs = (): number => Date.now();

/** Give the keyboard back to `id` if the next few seconds' updates take it away. */
function soon(id: string): { id: string; until: number } {
  return { id, until: nowMs() + 3000 };
}
