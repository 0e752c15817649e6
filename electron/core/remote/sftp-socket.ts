import { Socket } from 'node:net';
import { FerryError } from '../../../shared/errors';
import type { ConnectDeadline } from './connect-deadline';
import { networkError, timeoutError } from './net-errors';
import type { Dialer } from './route';

interface Target {
  host: string;
  port: number;
}

export interface SshSocket {
  socket: Socket;
  /** The server's identification line, e.g. `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`. */
  banner: string;
}

/** More than this before an `SSH-` line means whatever answers is not an SSH server. */
const MAX_PREAMBLE_BYTES = 8192;

/**
 * Opens the TCP connection ourselves and reads what the server says first, before ssh2 sees
 * anything: ssh2 treats any non-SSH line as a harmless greeting and waits until its timeout, so
 * an FTP server on the port would look like a hang. The bytes read are handed back to the
 * socket for ssh2 to parse. `via` (a proxy, a jump host) opens it when the server is not
 * reached directly.
 */
export async function openSshSocket(
  target: Target,
  deadline: ConnectDeadline,
  via?: Dialer,
): Promise<SshSocket> {
  if (!via) return readGreeting(target, deadline, new Socket(), true);
  const aborted = new AbortController();
  const offDeadline = deadline.onExpire(() => aborted.abort(via.timedOut(target)));
  try {
    const socket = await via.dial(target, { signal: aborted.signal });
    return await readGreeting(target, deadline, socket, false);
  } finally {
    offDeadline();
  }
}

/** Reads up to the server's SSH line on `socket` (connecting it first when `connect`). */
function readGreeting(
  target: Target,
  deadline: ConnectDeadline,
  socket: Socket,
  connect: boolean,
): Promise<SshSocket> {
  return new Promise<SshSocket>((resolve, reject) => {
    let received = Buffer.alloc(0);

    const fail = (error: FerryError): void => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onError = (error: Error): void => {
      fail(networkError(error, target) ?? lostBeforeGreeting(target, error));
    };
    const onClose = (): void => fail(lostBeforeGreeting(target));
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const verdict = readPreamble(received);
      if (verdict.kind === 'wait') return;
      if (verdict.kind === 'not-ssh') return fail(notSsh(target, verdict.ftp));
      cleanup();
      coalesceWrites(socket);
      socket.pause();
      // Give ssh2 everything we read, in order, as if we had never looked.
      socket.unshift(received);
      resolve({ socket, banner: verdict.banner });
    };
    const offDeadline = deadline.onExpire(() =>
      fail(socket.connecting ? timeoutError(target) : silentServer(target)),
    );
    const cleanup = (): void => {
      offDeadline();
      socket.off('error', onError).off('close', onClose).off('data', onData);
    };

    socket.on('error', onError).on('close', onClose).on('data', onData);
    // ssh2 leaves Nagle on; small SFTP requests then wait on ACKs (1.7 → 110 MiB/s).
    socket.setNoDelay(true);
    if (connect) socket.connect({ host: target.host, port: target.port });
    else socket.resume();
  });
}

/**
 * ssh2 writes every packet to the socket on its own: with many SFTP requests in flight (small
 * files) that is one system call per request. Small writes made in one turn of the event loop
 * are held (cork) and leave together as one writev when the turn ends (setImmediate: measured
 * ~900 socket writes for 1,000 small downloads, against ~2,400 when released on the next tick
 * and ~4,400 without holding). Bulk writes go at once, after what is held.
 */
export function coalesceWrites(socket: Socket): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let held = false;
  const release = (): void => {
    if (!held) return;
    held = false;
    socket.uncork();
  };
  socket.write = ((...args: unknown[]): boolean => {
    const chunk = args[0] as { length: number };
    if (chunk.length >= LARGE_WRITE_BYTES) {
      // A bulk write is a system call worth making on its own: send it now, after what is held.
      release();
      return write(...args);
    }
    if (!held) {
      held = true;
      socket.cork();
      setImmediate(release);
    }
    return write(...args);
  }) as Socket['write'];
}

/** Writes this large (bulk file data) are not held. */
const LARGE_WRITE_BYTES = 16 * 1024;

type Preamble =
  { kind: 'wait' } | { kind: 'ssh'; banner: string } | { kind: 'not-ssh'; ftp: boolean };

/** RFC 4253 §4.2: a server may send other lines before its `SSH-` identification line. */
export function readPreamble(bytes: Buffer): Preamble {
  const text = bytes.toString('latin1');
  let lineStart = 0;
  for (;;) {
    const end = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, end === -1 ? undefined : end).replace(/\r$/, '');
    if (line.startsWith('SSH-')) {
      if (end === -1) return { kind: 'wait' };
      return { kind: 'ssh', banner: line };
    }
    if (lineStart === 0 && /^[1-5]\d\d[ -]/.test(line)) return { kind: 'not-ssh', ftp: true };
    // Binary bytes (TLS, HTTP/2) are no greeting.
    if (hasBinary(line)) return { kind: 'not-ssh', ftp: false };
    if (end === -1) break;
    lineStart = end + 1;
  }
  return bytes.length > MAX_PREAMBLE_BYTES ? { kind: 'not-ssh', ftp: false } : { kind: 'wait' };
}

function hasBinary(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x09 || (code > 0x0d && code < 0x20)) return true;
  }
  return false;
}

function notSsh(target: Target, ftp: boolean): FerryError {
  const where = `${target.host}:${target.port}`;
  return ftp
    ? new FerryError(
        'protocol_mismatch',
        `This port speaks FTP, not SSH — did you mean FTPS on port 21? (${where} answered like an FTP server.)`,
        'Choose FTPS (explicit TLS) as the protocol, or use the SFTP port (usually 22).',
      )
    : new FerryError(
        'protocol_mismatch',
        `${where} answered, but not as an SSH server.`,
        'Check the port and the protocol: SFTP usually runs on port 22.',
      );
}

function silentServer(target: Target): FerryError {
  const error = timeoutError(target);
  return new FerryError(
    'timeout',
    `${target.host}:${target.port} did not introduce itself as an SSH server in time.`,
    `${error.hint ?? ''} If this is an FTPS server (port 990), choose FTPS (implicit TLS).`.trim(),
  );
}

function lostBeforeGreeting(target: Target, cause?: unknown): FerryError {
  return new FerryError(
    'connection_lost',
    `${target.host}:${target.port} closed the connection before it said anything.`,
    'The server may be refusing connections from your address or limiting how many it accepts. Check the port, then try again.',
    { cause },
  );
}
