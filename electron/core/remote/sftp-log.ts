import type { SessionLog } from '../log';

/**
 * Per-packet lines of a transfer: thousands per megabyte (and a few per small file: OPEN, its
 * HANDLE, FSETSTAT, CLOSE), nothing a person reads, and each one an event to the window.
 * Refusals (a STATUS other than Success) stay. (Filtering log text is fine; deciding behaviour
 * by it is not.)
 */
const DATA_FLOW =
  /CHANNEL_DATA|CHANNEL_WINDOW_ADJUST|SFTP: (?:Inbound|Outbound): (?:Sen[dt]|Buffered|Received) (?:READ|WRITE|DATA|OPEN|HANDLE|FSETSTAT|CLOSE)\b|SFTP: Inbound: Received STATUS \(id:\d+, 0, "Success"\)/;

/** Turns ssh2's `debug` output into verbose session-log lines. */
export function sshDebugLogger(log: SessionLog): (message: string) => void {
  return (message) => {
    if (DATA_FLOW.test(message)) return;
    const level = message.startsWith('Outbound:')
      ? 'command'
      : message.startsWith('Inbound:')
        ? 'reply'
        : 'info';
    log.write(level, `ssh: ${message}`);
  };
}
