/**
 * Selection in a file list, as desktop file managers do it. Entries are identified by name (unique
 * within a folder), so sorting and filtering never confuse what is selected. All functions are pure.
 */

export interface Selection {
  readonly selected: ReadonlySet<string>;
  /** Where a Shift range starts: the last item clicked or moved to without Shift. */
  readonly anchor: string | null;
  /** The item the keyboard is on. */
  readonly focus: string | null;
}

export const emptySelection: Selection = { selected: new Set(), anchor: null, focus: null };

export interface Modifiers {
  /** Shift: select the range from the anchor. */
  range?: boolean;
  /** Ctrl or Cmd: toggle one item (click) or move without selecting (keys). */
  toggle?: boolean;
}

function rangeOf(order: readonly string[], from: string | null, to: string): string[] {
  const end = order.indexOf(to);
  const start = from === null ? -1 : order.indexOf(from);
  if (start === -1) return [to];
  return order.slice(Math.min(start, end), Math.max(start, end) + 1);
}

/** A mouse click on `name`. */
export function clickSelect(
  current: Selection,
  order: readonly string[],
  name: string,
  mods: Modifiers = {},
): Selection {
  if (mods.range) {
    const range = rangeOf(order, current.anchor, name);
    const selected = new Set(mods.toggle ? [...current.selected, ...range] : range);
    return { selected, anchor: current.anchor ?? name, focus: name };
  }
  if (mods.toggle) {
    const selected = new Set(current.selected);
    if (selected.has(name)) selected.delete(name);
    else selected.add(name);
    return { selected, anchor: name, focus: name };
  }
  return { selected: new Set([name]), anchor: name, focus: name };
}

export type Move = number | 'first' | 'last';

/** An arrow, Page or Home/End key: `move` is a step (±1, ±page) or an end of the list. */
export function moveFocus(
  current: Selection,
  order: readonly string[],
  move: Move,
  mods: Modifiers = {},
): Selection {
  if (order.length === 0) return emptySelection;
  const at = current.focus === null ? -1 : order.indexOf(current.focus);
  let index: number;
  if (move === 'first') index = 0;
  else if (move === 'last') index = order.length - 1;
  else if (at === -1) index = move > 0 ? 0 : order.length - 1;
  else index = Math.min(order.length - 1, Math.max(0, at + move));
  const name = order[index] as string;

  if (mods.range) {
    const anchor = current.anchor ?? current.focus ?? name;
    return { selected: new Set(rangeOf(order, anchor, name)), anchor, focus: name };
  }
  if (mods.toggle) return { ...current, focus: name };
  return { selected: new Set([name]), anchor: name, focus: name };
}

/** Ctrl+Space: toggles the focused item. */
export function toggleFocused(current: Selection): Selection {
  if (current.focus === null) return current;
  return clickSelect(current, [], current.focus, { toggle: true });
}

export function selectAll(current: Selection, order: readonly string[]): Selection {
  return {
    selected: new Set(order),
    anchor: current.anchor,
    focus: current.focus ?? order[0] ?? null,
  };
}

/** After the list changes (refresh, filter): forgets names no longer shown. */
export function pruneSelection(current: Selection, order: readonly string[]): Selection {
  const present = new Set(order);
  const keep = (name: string | null) => (name !== null && present.has(name) ? name : null);
  const selected = new Set([...current.selected].filter((n) => present.has(n)));
  const focus = keep(current.focus);
  const anchor = keep(current.anchor);
  if (
    selected.size === current.selected.size &&
    focus === current.focus &&
    anchor === current.anchor
  ) {
    return current;
  }
  return { selected, anchor, focus };
}

/** What an action (delete, rename, context menu) applies to: the selection, else the focused item. */
export function targets(current: Selection, order: readonly string[]): string[] {
  if (current.selected.size > 0) return order.filter((n) => current.selected.has(n));
  return current.focus === null ? [] : [current.focus];
}
