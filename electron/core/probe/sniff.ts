import type { Socket } from 'node:net';
import { looksLikeFtpReply } from './ftp-replies';

/** What a server says first, before we say anything. */
export type Greeting =
  | { kind: 'ssh'; identification: string; rest: Buffer }
  | { kind: 'ftp'; alreadyRead: string }
  | { kind: 'other'; text: string }
  | { kind: 'silent' }
  | { kind: 'closed' };

/** SSH allows lines before its identification (RFC 4253 §4.2); not this many, though. */
const MAX_GREETING_BYTES = 8 * 1024;

/**
 * Listens to a fresh connection for up to `waitMs`: SSH servers send `SSH-…` at once, FTP servers
 * a `220` reply, implicit-TLS servers nothing (they wait for our TLS hello). The socket is left
 * open and unread for the next step.
 */
export function readGreeting(socket: Socket, waitMs: number): Promise<Greeting> {
  return new Promise<Greeting>((resolve) => {
    let received = Buffer.alloc(0);
    const finish = (greeting: Greeting): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause(); // whoever reads next resumes it
      resolve(greeting);
    };
    const timer = setTimeout(() => {
      finish(
        received.length === 0
          ? { kind: 'silent' }
          : { kind: 'other', text: printable(received.toString('latin1')) },
      );
    }, waitMs);
    const onClose = (): void => {
      finish(
        received.length === 0
          ? { kind: 'closed' }
          : { kind: 'other', text: printable(received.toString('latin1')) },
      );
    };
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const greeting = classify(received);
      if (greeting) finish(greeting);
      else if (received.length > MAX_GREETING_BYTES) {
        finish({ kind: 'other', text: printable(received.subarray(0, 200).toString('latin1')) });
      }
    };
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

/** Decides from complete lines only; undefined while more is needed. */
export function classify(received: Buffer): Greeting | undefined {
  let offset = 0;
  let lineIndex = 0;
  for (;;) {
    const end = received.indexOf(0x0a, offset);
    if (end < 0) return undefined;
    const line = received.subarray(offset, end).toString('latin1').replace(/\r$/, '');
    const next = end + 1;
    if (line.startsWith('SSH-')) {
      return { kind: 'ssh', identification: line, rest: received.subarray(next) };
    }
    if (lineIndex === 0 && looksLikeFtpReply(line)) {
      return { kind: 'ftp', alreadyRead: received.toString('latin1') };
    }
    offset = next;
    lineIndex += 1;
  }
}

function printable(text: string): string {
  return text
    .replace(/[^\x20-\x7e]+/g, ' ')
    .trim()
    .slice(0, 200);
}
