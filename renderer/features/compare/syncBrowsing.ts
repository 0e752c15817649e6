/**
 * Synchronized browsing: while on, a folder change in one pane (into a subfolder, up, a
 * breadcrumb, back) is made the same way in the other pane. Where the other side cannot follow,
 * it stops and says why in plain words, rather than leaving the panes out of step.
 */
import type { PaneState, PaneStore } from '../pane/paneStore';
import { opensAsFolder } from '../pane/format';
import { applyMove, folderMove } from './syncMove';

type Side = 'local' | 'remote';

const WHERE: Record<Side, string> = { local: 'this computer', remote: 'the server' };

/**
 * Makes each pane follow the other until the returned function is called, or until a move
 * cannot be made: then `stop` gets the reason, and following ends.
 */
export function followEachOther(
  panes: Record<Side, PaneStore>,
  stop: (reason: string) => void,
): () => void {
  // The pane being moved to follow the other: its own folder change is not a move to repeat.
  let following: Side | null = null;
  let stopped = false;

  function end(reason: string) {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    stop(`Synchronized browsing is off: ${reason}`);
  }

  async function follow(moved: Side, before: string, after: string) {
    const side: Side = moved === 'local' ? 'remote' : 'local';
    const other = panes[side].getState();
    if (other.path === null) return;
    const move = folderMove(before, after);
    if (move === null) return end(`the ${moved} pane went to another drive.`);
    if (move.up === 0 && move.into.length === 0) return;
    const target = applyMove(other.path, move);
    if (target === null) {
      return end(`${WHERE[side]} has no folder above ${other.path}.`);
    }
    // Into one subfolder (the usual case): the other pane's listing says whether it is there.
    const [only] = move.into;
    if (move.up === 0 && move.into.length === 1 && only !== undefined) {
      const entry = other.entries.find((e) => e.name === only);
      if (!entry || !opensAsFolder(entry)) {
        return end(`${WHERE[side]} has no folder “${only}” in ${other.path}.`);
      }
    }
    following = side;
    try {
      const opened = await other.actions.navigate(target);
      if (!opened) {
        const problem = panes[side].getState().error;
        // The notice says it; the pane need not say it a second time.
        panes[side].getState().actions.dismissError();
        end(`${WHERE[side]} could not open ${target}${problem ? `: ${problem.message}` : '.'}`);
      }
    } finally {
      following = null;
    }
  }

  // One move at a time: two quick moves (into a folder, then into its subfolder) are repeated
  // from where the first one took the other pane, not from where it was.
  let queue = Promise.resolve();
  const watch = (side: Side) =>
    panes[side].subscribe((now: PaneState, before: PaneState) => {
      if (now.path === before.path || now.path === null || before.path === null) return;
      if (following === side || stopped) return;
      const [from, to] = [before.path, now.path];
      queue = queue.then(() => (stopped ? undefined : follow(side, from, to)));
    });
  const unsubscribers = [watch('local'), watch('remote')];
  function unsubscribe() {
    for (const off of unsubscribers) off();
  }
  return () => {
    stopped = true;
    unsubscribe();
  };
}
