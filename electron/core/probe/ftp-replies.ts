import type { Duplex } from 'node:stream';

export interface FtpReply {
  code: number;
  /** Every line of the reply, joined with newlines, codes included. */
  text: string;
}

/** Far more than any honest greeting; protects the check from a server that floods it. */
const MAX_BUFFERED = 16 * 1024;

/**
 * Reads FTP replies (RFC 959 §4.2, multi-line ones included) from a plain or TLS stream.
 * A reply that never comes yields `undefined`: the check reports silence, it does not throw.
 */
export class FtpReplyReader {
  private buffer: string;
  private readonly replies: FtpReply[] = [];
  private waiter: ((reply: FtpReply | undefined) => void) | undefined;
  private closed = false;

  constructor(
    private readonly stream: Duplex,
    alreadyRead = '',
  ) {
    this.buffer = alreadyRead;
    stream.on('data', this.onData);
    stream.on('close', this.onClose);
    stream.on('error', this.onClose);
    stream.resume(); // the greeting reader leaves sockets paused so no byte is lost in between
    this.parse();
  }

  /** The next reply, or undefined when the stream closes or `timeoutMs` passes first. */
  next(timeoutMs: number): Promise<FtpReply | undefined> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(undefined), timeoutMs);
      const settle = (reply: FtpReply | undefined): void => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(reply);
      };
      this.waiter = settle;
    });
  }

  /** Sends one command and waits for its reply. */
  command(line: string, timeoutMs: number): Promise<FtpReply | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    this.stream.write(`${line}\r\n`);
    return this.next(timeoutMs);
  }

  /** Stops reading, so the stream can be handed to TLS. */
  detach(): void {
    this.stream.off('data', this.onData);
    this.stream.off('close', this.onClose);
    this.stream.off('error', this.onClose);
  }

  private readonly onData = (chunk: Buffer): void => {
    this.buffer += chunk.toString('latin1');
    if (this.buffer.length > MAX_BUFFERED) {
      this.stream.destroy();
      return;
    }
    this.parse();
  };

  private readonly onClose = (): void => {
    this.closed = true;
    this.waiter?.(undefined);
  };

  private parse(): void {
    for (;;) {
      const reply = takeReply(this.buffer);
      if (!reply) return;
      this.buffer = this.buffer.slice(reply.consumed);
      if (this.waiter) this.waiter(reply.reply);
      else this.replies.push(reply.reply);
    }
  }
}

/** The first complete reply at the start of `text`, if there is one. */
export function takeReply(text: string): { reply: FtpReply; consumed: number } | undefined {
  const lines: string[] = [];
  let offset = 0;
  let code: string | undefined;
  for (;;) {
    const end = text.indexOf('\n', offset);
    if (end < 0) return undefined;
    const line = text.slice(offset, end).replace(/\r$/, '');
    offset = end + 1;
    lines.push(line);
    if (code === undefined) {
      const first = /^(\d{3})([ -])/.exec(line);
      if (!first?.[1]) return { reply: { code: 0, text: line }, consumed: offset };
      code = first[1];
      if (first[2] === ' ') break;
    } else if (line.startsWith(`${code} `)) {
      break;
    }
  }
  return { reply: { code: Number(code), text: lines.join('\n') }, consumed: offset };
}

/** Whether a line opens an FTP reply: three digits, then a space or a dash. */
export function looksLikeFtpReply(line: string): boolean {
  return /^[1-5]\d{2}[ -]/.test(line);
}
