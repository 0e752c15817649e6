import { create } from 'zustand';
import type { EventPayload } from '../../../shared/contract';
import { on } from '../../api';

export type LogLine = EventPayload<'log.line'>;

/** Enough for a long session; older lines fall off the top. */
const MAX_LINES = 5000;

interface LogState {
  lines: LogLine[];
  clear(): void;
}

export const useLog = create<LogState>((set) => ({
  lines: [],
  clear: () => set({ lines: [] }),
}));

let watching = false;
export function watchLogEvents(): void {
  if (watching) return;
  watching = true;
  on('log.line', (line) =>
    useLog.setState((s) => ({ lines: [...s.lines.slice(-(MAX_LINES - 1)), line] })),
  );
}

/** One line as shown and copied; `server` names the connection when several are open. */
export function formatLogLine(line: LogLine, server?: string): string {
  const time = new Date(line.at).toLocaleTimeString();
  const from = server === undefined ? '' : `[${server}] `;
  return `${time} ${line.level.padEnd(7)} ${from}${line.text}`;
}
