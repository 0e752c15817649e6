import type { Client } from 'basic-ftp';

/**
 * basic-ftp records `new Error().stack` for every command it starts, only to name where a task
 * began when a second one collides with it. Formatting that stack cost ~40-70 µs per command,
 * and FTPS sends two to four commands per small file. FtpSession never lets two tasks overlap,
 * so the record is never read: it is taken without frames here. Only the synchronous start of a
 * task is affected; errors raised later (replies, sockets) keep their stacks.
 */
export function withoutTaskStacks(client: Client): void {
  const ftp = client.ftp;
  const handle = ftp.handle.bind(ftp);
  ftp.handle = (command, responseHandler) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return handle(command, responseHandler);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
}
