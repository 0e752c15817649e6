import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import type { FerryError } from '../../../shared/errors';
import { type ByteLimit, tooManyBytes } from './byte-limit';

/**
 * Bytes buffered before the source is asked to wait. While the disk is busy the network's chunks
 * gather into the next batch (one writev).
 */
const HIGH_WATER_MARK = 4 * 1024 * 1024;

/**
 * Bytes gathered before a write starts. Over TLS the network hands over 16 KiB records, and
 * writing whatever had queued meant ~4,000 writes of ~64 KiB for 256 MiB, each a round trip
 * through libuv's thread pool. Measured (256 MiB over FTPS, this machine): 512 KiB batches cost
 * ~0.1-0.15 s less CPU than that; 4 MiB batches cost more (the buffers leave the CPU cache and
 * freshly mapped memory must be faulted in).
 */
const MIN_BATCH = 512 * 1024;

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
  /** Bytes taken in but not yet given to the disk (fewer than MIN_BATCH). */
  private held: Buffer[] = [];
  private heldBytes = 0;

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
    for (const buffer of buffers) this.held.push(buffer);
    this.heldBytes += bytes;
    if (this.heldBytes < MIN_BATCH) return done();
    this.writeHeld(done);
  }

  override _final(done: (error?: Error) => void): void {
    if (this.heldBytes === 0) return done();
    this.writeHeld(done);
  }

  /** Writes the held bytes at their position; `done` once they are in. */
  private writeHeld(done: (error?: Error) => void): void {
    const buffers = this.held;
    const at = this.position;
    this.position += this.heldBytes;
    this.held = [];
    this.heldBytes = 0;
    const write = writeAll(this.handle, buffers, at);
    this.writing = write.catch(() => undefined);
    write.then(
      () => done(),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    // Held bytes are the file's next bytes, all within the limit: they land too (a resume then
    // continues after them). A write still in flight finishes before the handle closes.
    const before = this.writing;
    if (this.heldBytes > 0 && this.overflow === undefined) this.writeHeld(() => undefined);
    void Promise.all([before, this.writing])
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
