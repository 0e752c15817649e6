import type { Readable } from 'node:stream';
import type { FerryError } from '../../../shared/errors';
import type { BytePacer, OnBytes } from './remote-fs';
import type { SftpChannel } from './sftp-channel';
import {
  abandonedStream,
  LinkPace,
  REQUESTS_IN_FLIGHT,
  unlessAbandoned,
  WriteWindow,
} from './sftp-pace';

/** Turns a failed SFTP request into the error the user sees (it knows the path and action). */
export type RemoteErrorMapper = (error: unknown) => FerryError;

/**
 * Writes everything `source` yields into an open remote file, from `offset` on. Failed writes
 * reject with `remoteError(...)`; anything else that rejects came from the source.
 * On failure (a cancel or pause destroys the source) it rejects at once and closes the handle
 * itself once the requests already sent are answered: on a slow link those are megabytes still
 * queued for the wire, and the user must not wait for them. The server applies them in order,
 * so what it has is a prefix of the file, which a resume (STAT, then write from its size) trusts.
 * Under a speed limit (`pacer`) each WRITE waits for it before it is sent.
 */
export async function writeFromStream(
  channel: SftpChannel,
  handle: Buffer,
  source: Readable,
  offset: number,
  remoteError: RemoteErrorMapper,
  onBytes?: OnBytes,
  pacer?: BytePacer,
): Promise<void> {
  // A cancel destroys the source while we wait for room in the window (on a slow link, seconds)
  // or for the speed limit.
  const abandoned = abandonedStream(source);
  const window = new WriteWindow(abandoned, pacer);
  let position = offset;
  let acknowledged = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer | string>) {
      const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      for (let start = 0; start < data.length;) {
        const piece = data.subarray(start, start + window.nextRequestBytes());
        start += piece.length;
        const allowed = pacer?.take(piece.length, abandoned);
        if (allowed !== undefined) await allowed;
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
        await window.add(write, piece.length);
      }
    }
  } catch (error) {
    source.destroy();
    // The CLOSE waits for the requests already sent; nobody waits for the CLOSE.
    void window
      .settled()
      .then(() => channel.close(handle))
      .catch(() => undefined);
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
 * answer) only while the file keeps going: an 8 KiB file costs one 64 KiB buffer, not 4 MiB;
 * and only as far as the link's pace allows (LinkPace), so a cancel leaves little to come.
 * A short read (a server may return less than asked) is completed before going on; an empty
 * read is the end of the file. Failed reads throw `remoteError(...)`; once `abandoned` fires
 * (the target was destroyed) it stops waiting and throws a `cancelled` error. Under a speed
 * limit (`pacer`) the bytes that came in are paid for before more are asked for, and the bytes
 * in flight stay within ~0.75 s of the limit (LinkPace).
 */
export async function* readInOrder(
  channel: SftpChannel,
  handle: Buffer,
  offset: number,
  remoteError: RemoteErrorMapper,
  abandoned: AbortSignal,
  onBytes?: OnBytes,
  pacer?: BytePacer,
): AsyncGenerator<Buffer> {
  const read = (length: number, position: number): Promise<Buffer> =>
    channel.read(handle, length, position).catch((error: unknown) => {
      throw remoteError(error);
    });
  const pace = new LinkPace(pacer);
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
    let data = await unlessAbandoned(head.read, abandoned);
    if (data.length === 0) return;
    // Fill the gap a short read left, one request at a time; an empty answer is the end.
    while (data.length < head.length) {
      const rest = await unlessAbandoned(
        read(head.length - data.length, head.position + data.length),
        abandoned,
      );
      if (rest.length === 0) {
        const allowed = pacer?.take(data.length, abandoned);
        if (allowed !== undefined) await allowed;
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
    const allowed = pacer?.take(data.length, abandoned);
    if (allowed !== undefined) await allowed;
    pace.record(data.length);
    nextLength = pace.requestBytes();
    const widest = Math.min(
      REQUESTS_IN_FLIGHT,
      Math.max(1, Math.floor(pace.budget() / nextLength)),
    );
    window = Math.min(window + 1, widest);
    if (window < REQUESTS_IN_FLIGHT || pending.length <= window - REFILL_GROUP) {
      while (pending.length < window) requestNext();
    }
    delivered += data.length;
    onBytes?.(delivered);
    yield data;
  }
}
