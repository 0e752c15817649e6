/**
 * Keeps the caller's local streams out of basic-ftp's reach. basic-ftp pipes the data socket into
 * (or out of) the stream it is given, and a failed pipe destroys that stream with the socket's
 * error: handed the caller's file stream directly, a dropped connection would look exactly like a
 * local read or write failure. Each side here records only what its own stream did, so a failure
 * is blamed on where it happened.
 */
import {
  type Readable,
  Transform,
  type TransformCallback,
  type Writable,
  Writable as WritableBase,
} from 'node:stream';
import { FerryError } from '../../../shared/errors';
import type { BytePacer } from './remote-fs';

/** What happened on the local side of a transfer, if anything. */
export interface LocalOutcome {
  /** The first error the caller's stream raised by itself (disk full, access denied…). */
  error: Error | undefined;
  /** Set when the caller closed its stream before the end: that is how a transfer is cancelled. */
  stopped: FerryError | undefined;
}

function stoppedByCaller(): FerryError {
  return new FerryError('cancelled', 'The transfer was stopped before it finished.');
}

/**
 * What basic-ftp downloads into: forwards to `target` (keeping its back-pressure). When the
 * transfer dies, `target` is closed without the network's error being passed on to it. Under a
 * speed limit (`pacer`) each chunk waits for it before it is taken, so the data connection is
 * read no faster than the limit (the server's bytes wait in the socket, then in the server).
 */
export class LocalSink extends WritableBase {
  readonly local: LocalOutcome = { error: undefined, stopped: undefined };
  private targetEnded = false;
  /** Ends a wait for the speed limit when the transfer stops. */
  private readonly stop = new AbortController();

  constructor(
    private readonly target: Writable,
    private readonly pacer?: BytePacer,
  ) {
    super();
    target.on('error', (error: Error) => {
      this.local.error ??= error;
      this.destroy(error);
    });
    target.once('close', () => {
      if (this.targetEnded || this.destroyed) return;
      this.local.stopped = stoppedByCaller();
      this.destroy(this.local.stopped);
    });
  }

  /**
   * basic-ftp ends its destination once more after the transfer; on a finished stream Node
   * answers that with an error object (and its stack trace) per file, which nobody reads.
   */
  override end(cb?: () => void): this;
  override end(chunk: unknown, cb?: () => void): this;
  override end(chunk: unknown, encoding: BufferEncoding, cb?: () => void): this;
  override end(...args: unknown[]): this {
    if (args.length === 0 && this.writableFinished) return this;
    return Reflect.apply(WritableBase.prototype.end, this, args) as this;
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, done: (error?: Error) => void): void {
    const allowed = this.pacer?.take(chunk.length, this.stop.signal);
    if (allowed === undefined) return this.forward(chunk, encoding, done);
    allowed.then(
      () => this.forward(chunk, encoding, done),
      (error: Error) => done(error),
    );
  }

  private forward(chunk: Buffer, encoding: BufferEncoding, done: (error?: Error) => void): void {
    if (this.target.write(chunk, encoding)) done();
    else this.target.once('drain', () => done());
  }

  override _final(done: (error?: Error) => void): void {
    this.targetEnded = true;
    this.target.end(() => done());
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.stop.abort();
    // A transfer that stopped early leaves no file stream open; the cause stays with the sink.
    if (error && !this.target.destroyed) this.target.destroy();
    done(error);
  }
}

/**
 * Feeds `source` into `into` (what basic-ftp uploads from). A read failure of `source` fails
 * `into` with that error and is recorded; when `into` fails from the network side, `source` is
 * stopped without an error of its own. With a `pacer`, the bytes pass through PacedBytes.
 */
export function feedFrom(source: Readable, into: Writable, pacer?: BytePacer): LocalOutcome {
  const local: LocalOutcome = { error: undefined, stopped: undefined };
  let intoClosed = false;
  source.on('error', (error: Error) => {
    local.error ??= error;
    into.destroy(error);
  });
  source.once('close', () => {
    if (intoClosed || source.readableEnded || local.error) return;
    local.stopped = stoppedByCaller();
    into.destroy(local.stopped);
  });
  if (!pacer) {
    into.once('close', () => {
      intoClosed = true;
      if (!source.destroyed && !source.readableEnded) source.destroy();
    });
    source.pipe(into);
    return local;
  }
  const paced = new PacedBytes(pacer);
  paced.on('error', () => undefined); // only its own stop, when `into` has closed
  into.once('close', () => {
    intoClosed = true;
    if (!source.destroyed && !source.readableEnded) source.destroy();
    paced.destroy();
  });
  source.pipe(paced).pipe(into);
  return local;
}

/** Under a limit, big chunks go in pieces of about this long at the limit (not 1 MiB bursts). */
const PIECE_SECONDS = 0.1;
const MIN_PIECE_BYTES = 16 * 1024;

/**
 * Passes bytes on no faster than `pacer` allows. Without a limit (it may be set or lifted while
 * the bytes flow) a chunk passes straight through: no promise, no timer. Destroying it ends a
 * wait at once.
 */
export class PacedBytes extends Transform {
  private readonly stop = new AbortController();

  constructor(private readonly pacer: BytePacer) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.pacer.rate === null) return done(null, chunk);
    this.pace(chunk).then(
      () => done(),
      (error: Error) => done(error),
    );
  }

  private async pace(chunk: Buffer): Promise<void> {
    for (let start = 0; start < chunk.length;) {
      const rate = this.pacer.rate;
      const size =
        rate === null ? chunk.length : Math.max(MIN_PIECE_BYTES, Math.floor(rate * PIECE_SECONDS));
      const piece = chunk.subarray(start, start + size);
      start += piece.length;
      const allowed = this.pacer.take(piece.length, this.stop.signal);
      if (allowed !== undefined) await allowed;
      this.push(piece);
    }
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.stop.abort();
    done(error);
  }
}
