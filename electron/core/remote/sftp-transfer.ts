import type { Readable } from 'node:stream';
import type { FerryError } from '../../../shared/errors';
import type { OnBytes } from './remote-fs';
import type { SftpChannel } from './sftp-channel';

/**
 * Bytes per READ/WRITE request: what OpenSSH announces in limits@openssh.com (261120). ssh2
 * splits a request above a server's own limit into sequential ones, so other servers still work.
 * Measured on loopback (256 MiB): 32 KiB × 32 in flight gave ~160 MiB/s each way; 255 KiB × 16
 * gave ~220–350 up and ~285–370 down.
 */
const REQUEST_BYTES = 255 * 1024;
/** Requests in flight per file (≤ 4 MiB buffered): one at a time is bound by round trips. */
const REQUESTS_IN_FLIGHT = 16;

/** Keeps up to `limit` requests in flight and remembers the first failure. */
class RequestWindow {
  private readonly inflight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly limit: number) {}

  async add(request: Promise<void>): Promise<void> {
    const tracked: Promise<void> = request.then(
      () => void this.inflight.delete(tracked),
      (error: unknown) => {
        this.inflight.delete(tracked);
        this.failure ??= { error };
      },
    );
    this.inflight.add(tracked);
    while (this.inflight.size >= this.limit && !this.failure) await Promise.race(this.inflight);
    if (this.failure) throw this.failure.error;
  }

  async drain(): Promise<void> {
    await Promise.all(this.inflight);
    if (this.failure) throw this.failure.error;
  }
}

/** Turns a failed SFTP request into the error the user sees (it knows the path and action). */
export type RemoteErrorMapper = (error: unknown) => FerryError;

/**
 * Writes everything `source` yields into an open remote file, from `offset` on. Failed writes
 * reject with `remoteError(...)`; anything else that rejects came from the source.
 */
export async function writeFromStream(
  channel: SftpChannel,
  handle: Buffer,
  source: Readable,
  offset: number,
  remoteError: RemoteErrorMapper,
  onBytes?: OnBytes,
): Promise<void> {
  const window = new RequestWindow(REQUESTS_IN_FLIGHT);
  let position = offset;
  let acknowledged = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer | string>) {
      const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      for (let start = 0; start < data.length; start += REQUEST_BYTES) {
        const piece = data.subarray(start, start + REQUEST_BYTES);
        const write = channel.write(handle, piece, position).then(
          () => {
            acknowledged += piece.length;
            onBytes?.(acknowledged);
          },
          (error: unknown) => {
            throw remoteError(error);
          },
        );
        position += piece.length;
        await window.add(write);
      }
    }
  } catch (error) {
    // Stop reading the source, but let requests already sent settle before the handle closes.
    await window.drain().catch(() => undefined);
    source.destroy();
    throw error;
  }
  await window.drain();
}

/** READs sent together once the window is open (they leave in one socket write). */
const REFILL_GROUP = 4;

/** The first READ of a file: small files (the common case in trees) need no more. */
const FIRST_REQUEST_BYTES = 64 * 1024;

/**
 * Yields an open remote file's bytes in order from `offset`, keeping many READs in flight.
 * It starts with one small READ and widens (bigger requests, one more in flight per full
 * answer) only while the file keeps going: an 8 KiB file costs one 64 KiB buffer, not 4 MiB.
 * A short read (a server may return less than asked) is completed before going on; an empty
 * read is the end of the file. Failed reads throw `remoteError(...)`.
 */
export async function* readInOrder(
  channel: SftpChannel,
  handle: Buffer,
  offset: number,
  remoteError: RemoteErrorMapper,
  onBytes?: OnBytes,
): AsyncGenerator<Buffer> {
  const read = (length: number, position: number): Promise<Buffer> =>
    channel.read(handle, length, position).catch((error: unknown) => {
      throw remoteError(error);
    });
  const pending: { position: number; length: number; read: Promise<Buffer> }[] = [];
  let nextPosition = offset;
  let nextLength = FIRST_REQUEST_BYTES;
  let window = 1;
  let delivered = 0;
  const requestNext = (): void => {
    const request = read(nextLength, nextPosition);
    request.catch(() => undefined); // observed later, or abandoned after the end of the file
    pending.push({ position: nextPosition, length: nextLength, read: request });
    nextPosition += nextLength;
  };
  requestNext();

  for (;;) {
    const head = pending.shift();
    if (!head) return;
    let data = await head.read;
    if (data.length === 0) return;
    // Fill the gap a short read left, one request at a time; an empty answer is the end.
    while (data.length < head.length) {
      const rest = await read(head.length - data.length, head.position + data.length);
      if (rest.length === 0) {
        delivered += data.length;
        onBytes?.(delivered);
        yield data;
        return;
      }
      data = Buffer.concat([data, rest]);
    }
    // A full answer: the file goes on, so ask for more (slow start, like TCP) before handing it
    // on, so the server is busy while the disk writes. Once the window is open, requests go out
    // in groups: one socket write (and one wake-up of the server) for several.
    nextLength = REQUEST_BYTES;
    if (window < REQUESTS_IN_FLIGHT) window++;
    if (window < REQUESTS_IN_FLIGHT || pending.length <= window - REFILL_GROUP) {
      while (pending.length < window) requestNext();
    }
    delivered += data.length;
    onBytes?.(delivered);
    yield data;
  }
}
