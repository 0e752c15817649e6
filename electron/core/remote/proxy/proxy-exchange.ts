/**
 * Reads a proxy's reply off a socket, a parser deciding when it is whole. Bytes after the reply
 * already belong to the server behind the proxy (an SSH banner, an FTP greeting can arrive in
 * the same packet): they are handed back to the socket for whoever reads next.
 */
import type { Socket } from 'node:net';
import type { FerryError } from '../../../../shared/errors';

export type Parsed<T> =
  { kind: 'more' } | { kind: 'done'; value: T; used: number } | { kind: 'bad'; error: FerryError };

export interface ExchangeStep<T> {
  /** Sent before reading (nothing: only read). */
  send?: Buffer;
  parse: (bytes: Buffer) => Parsed<T>;
  /** The error when the proxy hangs up before a whole reply; `bytes` is what it did send. */
  closed: (bytes: Buffer) => FerryError;
  /** Silence this long (ms) after sending means the proxy does not speak this protocol. */
  silenceMs?: number;
  silent?: () => FerryError;
}

export function exchange<T>(socket: Socket, step: ExchangeStep<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let received = Buffer.alloc(0);
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: { value: T } | { error: Error }): void => {
      clearTimeout(timer);
      socket.off('data', onData).off('close', onClose).off('end', onClose).off('error', onError);
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.value);
    };
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const parsed = step.parse(received);
      if (parsed.kind === 'more') return;
      if (parsed.kind === 'bad') return finish({ error: parsed.error });
      socket.pause();
      if (parsed.used < received.length) socket.unshift(received.subarray(parsed.used));
      finish({ value: parsed.value });
    };
    const onClose = (): void => finish({ error: step.closed(received) });
    const onError = (error: Error): void => finish({ error });
    socket.on('data', onData).once('close', onClose).once('end', onClose).once('error', onError);
    if (step.silenceMs !== undefined && step.silent) {
      const silent = step.silent;
      timer = setTimeout(() => finish({ error: silent() }), step.silenceMs);
    }
    if (step.send) socket.write(step.send);
    socket.resume();
  });
}
