/**
 * The log's recent lines, kept by the core so that a page that reloads (or a desktop window
 * whose page is reloaded) shows the conversation from before again. Lines arrive here already
 * redacted (log.ts masks every secret before a line leaves its session). Each line gets a
 * number, so a page can tell the lines it fetched from the same lines arriving as events.
 */
import type { EmitEvent, EventPayload } from '../../shared/contract';
import type { NumberedLogLine } from '../../shared/contract/app';

/** How many lines a reloaded page gets back at most. */
export const LOG_HISTORY_LINES = 500;

export class LogHistory {
  private lines: NumberedLogLine[] = [];
  private last = 0;

  constructor(private readonly max = LOG_HISTORY_LINES) {}

  /** Numbers a line and keeps it; the oldest fall off past `max`. */
  record(line: EventPayload<'log.line'>): NumberedLogLine {
    this.last += 1;
    const numbered = { ...line, seq: this.last };
    this.lines.push(numbered);
    // Trimmed in bulk: a folder transfer can log thousands of lines a second.
    if (this.lines.length >= 2 * this.max) this.lines = this.lines.slice(-this.max);
    return numbered;
  }

  /** The last `max` lines numbered above `after`, oldest first. */
  recent(after = 0): NumberedLogLine[] {
    const kept = this.lines.slice(-this.max);
    const from = kept.findIndex((line) => line.seq > after);
    return from < 0 ? [] : kept.slice(from);
  }

  /** `emit`, with every log line numbered and kept on its way out. */
  tap(emit: EmitEvent): EmitEvent {
    return (name, payload) => {
      if (name !== 'log.line') return emit(name, payload);
      emit(name, this.record(payload as EventPayload<'log.line'>) as typeof payload);
    };
  }
}
