import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import type { FerryError } from '../../../shared/errors';
import { type ByteLimit, tooManyBytes } from './byte-limit';

/**
 * Bytes buffered before the source is asked to wait. Writes start at once and take whatever has
 * queued up meanwhile (one writev), so while the disk is busy the network's chunks gather into
 * the next batch. Measured (256 MiB in 16 KiB chunks): this costs half the CPU of holding chunks
 * back until a fixed batch size is full (the kernel's copy into the page cache got much dearer).
 */
const HIGH_WATER_MARK = 4 * 1024 * 1024;

/**
 * A download's bytes, straight into its part file with the open handle (no stream in between):
 * counted against the byte limit (a batch that would pass it fails the stream, and nothing of it
 * is written) and written at their position. Closes the handle when it finishes or is destroyed
 * ('close' comes after that).
 */
export class PartFileWriter extends Writable {
  /** Why the download was stopped, once the limit was passed. */
  overflow: FerryError | undefined;
  private total: number;
  private position: number;
  /** The write on its way to disk; it never rejects. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly handle: FileHandle,
    private readonly limit: ByteLimit,
    /** Bytes already in the file (resume): writing starts there. */
    start: number,
    private readonly name: string,
  ) {
    super({ highWaterMark: HIGH_WATER_MARK });
    this.total = start;
    this.position = start;
  }

  /** Bytes of the file so far: the ones already there plus the ones taken in. */
  get received(): number {
    return this.total;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    this.take([chunk], done);
  }

  override _writev(
    chunks: { chunk: Buffer; encoding: BufferEncoding }[],
    done: (error?: Error) => void,
  ): void {
    this.take(
      chunks.map((item) => item.chunk),
      done,
    );
  }

  private take(buffers: Buffer[], done: (error?: Error) => void): void {
    let bytes = 0;
    for (const buffer of buffers) bytes += buffer.length;
    if (this.total + bytes > this.limit.bytes) {
      this.total += bytes;
      this.overflow = tooManyBytes(this.name, this.limit);
      return done(this.overflow);
    }
    this.total += bytes;
    const at = this.position;
    this.position += bytes;
    const write = writeAll(this.handle, buffers, at);
    this.writing = write.catch(() => undefined);
    write.then(
      () => done(),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    // A write still in flight finishes before the handle closes (closing under it would fail it).
    void this.writing
      .then(() => this.handle.close())
      .then(
        () => done(error),
        (closeError: unknown) => done(error ?? (closeError as Error)),
      );
  }
}

/** writev until every byte is in (a regular file may take fewer bytes in one call). */
async function writeAll(handle: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let rest = buffers;
  let at = position;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest, at);
    if (bytesWritten === 0) throw new Error('The disk took no bytes of the download');
    at += bytesWritten;
    rest = skipBytes(rest, bytesWritten);
  }
}

function skipBytes(buffers: Buffer[], count: number): Buffer[] {
  let left = count;
  let index = 0;
  while (index < buffers.length && left >= buffers[index]!.length) left -= buffers[index++]!.length;
  const rest = buffers.slice(index);
  if (left > 0 && rest.length > 0) rest[0] = rest[0]!.subarray(left);
  return rest;
}
