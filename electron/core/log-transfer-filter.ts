import type { EmitEvent } from '../../shared/contract';
import type { LogLevel } from './log';

/** A burst has ended when no routine line came for this long: then its summary is logged. */
const QUIET_MS = 1000;
/** A long transfer still says what it hides this often. */
const MAX_SILENT_MS = 15_000;

/**
 * Per-file remarks: basic-ftp's about the data connection, ssh2's SFTP requests and answers
 * (a STATUS answer other than 0 OK or 1 end of file is not routine: it says why a file failed).
 */
const ROUTINE_INFO =
  /^(?:Downloading from |Uploading to |ssh: SFTP: (?!Inbound: Received STATUS \(id:\d+, (?![01],)))/;
/** An FTP reply saying something went wrong (4xx, 5xx) is never routine. */
const FAILURE_REPLY = /^[45]\d\d[ -]/;

interface Hidden {
  count: number;
  /** When the first and the latest held-back line came. */
  since: number;
  last: number;
}

/**
 * Holds back the routine lines of transfer connections (one per app, shared by its sessions) and
 * logs, per session, how many it held back once a burst is over.
 */
export class TransferLogFilter {
  /** The user asked to see every command of the transfer connections. */
  showAll = false;
  private readonly hidden = new Map<string, Hidden>();

  constructor(
    private readonly emit: EmitEvent,
    private readonly quietMs = QUIET_MS,
    private readonly maxSilentMs = MAX_SILENT_MS,
  ) {}

  /** True when the line is routine and not shown (it is counted for the summary instead). */
  holdsBack(sessionId: string, level: LogLevel, text: string): boolean {
    if (this.showAll || !isRoutine(level, text)) return false;
    const now = Date.now();
    const hidden = this.hidden.get(sessionId);
    if (hidden) {
      // One timer per burst, not one per line: it looks at `last` when it fires.
      hidden.count++;
      hidden.last = now;
    } else {
      this.hidden.set(sessionId, { count: 1, since: now, last: now });
      this.wake(sessionId, this.quietMs);
    }
    return true;
  }

  private wake(sessionId: string, ms: number): void {
    setTimeout(() => this.check(sessionId), ms).unref();
  }

  /** Summarises once the burst has been quiet long enough, or has gone on too long. */
  private check(sessionId: string): void {
    const hidden = this.hidden.get(sessionId);
    if (!hidden) return;
    const now = Date.now();
    const quietAt = hidden.last + this.quietMs;
    const latestAt = hidden.since + this.maxSilentMs;
    if (now < quietAt && now < latestAt) {
      this.wake(sessionId, Math.min(quietAt, latestAt) - now);
      return;
    }
    this.hidden.delete(sessionId);
    const lines = hidden.count === 1 ? 'line' : 'lines';
    this.emit('log.line', {
      sessionId,
      level: 'info',
      text: `Transfer connections: ${hidden.count} routine command and reply ${lines} not shown (tick “Show transfer commands” to see them).`,
      at: now,
    });
  }
}

function isRoutine(level: LogLevel, text: string): boolean {
  if (level === 'command') return true;
  if (level === 'reply') return !FAILURE_REPLY.test(text);
  return level === 'info' && ROUTINE_INFO.test(text);
}
