import { create } from 'zustand';
import type { EventPayload } from '../../../shared/contract';
import { call, on } from '../../api';

export type LogLine = EventPayload<'log.line'>;

/** Enough for a long session; older lines fall off the top. */
const MAX_LINES = 5000;

/**
 * Lines are applied in batches at most this often: a folder transfer over FTP logs thousands of
 * lines a second, and one store update (and render) per line would keep the page busy.
 */
const FLUSH_MS = 100;

interface LogState {
  lines: LogLine[];
  /** Lines dropped from the top so far (cleared or past the cap): keys rows stably. */
  dropped: number;
  /** Every command of the transfer connections is logged (off: summarised per burst). */
  transferCommands: boolean;
  clear(): void;
  showTransferCommands(shown: boolean): Promise<void>;
}

let pending: LogLine[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;

export const useLog = create<LogState>((set) => ({
  lines: [],
  dropped: 0,
  transferCommands: false,
  clear: () => {
    // Lines still waiting were logged before the click: they go too.
    pending = [];
    set((s) => ({ lines: [], dropped: s.dropped + s.lines.length }));
  },
  showTransferCommands: async (shown) => {
    set({ transferCommands: shown });
    try {
      const state = await call('log.detail', { transferCommands: shown });
      set({ transferCommands: state.transferCommands });
    } catch {
      set({ transferCommands: !shown });
    }
  },
}));

/** The last `max` lines of `kept` followed by `added`, copying only what stays. */
export function appendCapped(kept: LogLine[], added: LogLine[], max = MAX_LINES): LogLine[] {
  if (added.length >= max) return added.slice(-max);
  const keep = Math.min(kept.length, max - added.length);
  return [...kept.slice(kept.length - keep), ...added];
}

function flush(): void {
  flushTimer = undefined;
  if (pending.length === 0) return;
  const batch = pending;
  pending = [];
  useLog.setState((s) => {
    const lines = appendCapped(s.lines, batch);
    return { lines, dropped: s.dropped + s.lines.length + batch.length - lines.length };
  });
}

let watching = false;
export function watchLogEvents(): void {
  if (watching) return;
  watching = true;
  on('log.line', (line) => {
    pending.push(line);
    flushTimer ??= setTimeout(flush, FLUSH_MS);
  });
  // The core remembers the choice across reloads of the page.
  void call('log.detail', {})
    .then((state) => useLog.setState({ transferCommands: state.transferCommands }))
    .catch(() => undefined);
}

/** One line as shown and copied; `server` names the connection when several are open. */
export function formatLogLine(line: LogLine, server?: string): string {
  const time = new Date(line.at).toLocaleTimeString();
  const from = server === undefined ? '' : `[${server}] `;
  return `${time} ${line.level.padEnd(7)} ${from}${line.text}`;
}
