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

export function formatLogLine(line: LogLine): string {
  const time = new Date(line.at).toLocaleTimeString();
  return `${time} ${line.level.padEnd(7)} ${line.text}`;
}
