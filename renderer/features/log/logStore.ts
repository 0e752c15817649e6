import { create } from 'zustand';
import type { LogLine } from '../../../shared/contract/app';
import { call, on } from '../../api';
import { loadForPage, saveForPage } from '../../transport/pageStorage';

export type { LogLine };

/** This page's log state kept across reloads: only how far it was cleared, never a line. */
const CLEARED_KEY = 'ferry.log';

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
    // Lines still waiting were logged before the click: they go too, and a reload keeps them gone.
    const newest = pending.at(-1)?.seq ?? useLog.getState().lines.at(-1)?.seq;
    if (newest !== undefined) saveForPage(CLEARED_KEY, { clearedUpTo: newest });
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

/**
 * The lines logged before this page listened (`recent`, from the core), then those it has
 * received since; a line in both (sent while the request was on its way) shows once.
 */
export function mergeRecent(recent: readonly LogLine[], shown: readonly LogLine[]): LogLine[] {
  const newest = recent.at(-1)?.seq ?? 0;
  return appendCapped(
    [...recent],
    shown.filter((line) => line.seq === undefined || line.seq > newest),
  );
}

function clearedUpTo(): number | undefined {
  const saved = loadForPage(CLEARED_KEY) as { clearedUpTo?: unknown } | undefined;
  const value = saved?.clearedUpTo;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Shows the lines the core kept from before this page loaded (a reload), above the new ones. */
async function showRecent(): Promise<void> {
  const after = clearedUpTo();
  const recent = await call('log.recent', after === undefined ? {} : { after });
  if (recent.length === 0) return;
  flush();
  useLog.setState((s) => ({
    lines: mergeRecent(recent, s.lines),
    // Every row is new: keys must not meet those of the rows shown so far.
    dropped: s.dropped + s.lines.length,
  }));
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
  void showRecent().catch(() => undefined);
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
