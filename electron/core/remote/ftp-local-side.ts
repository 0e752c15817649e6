/**
 * Keeps the caller's local streams out of basic-ftp's reach. basic-ftp pipes the data socket into
 * (or out of) the stream it is given, and a failed pipe destroys that stream with the socket's
 * error: handed the caller's file stream directly, a dropped connection would look exactly like a
 * local read or write failure. Each side here records only what its own stream did, so a failure
 * is blamed on where it happened.
 */
import { type Readable, type Writable, Writable as WritableBase } from 'node:stream';
import { FerryError } from '../../../shared/errors';

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
 * transfer dies, `target` is closed without the network's error being passed on to it.
 */
export class LocalSink extends WritableBase {
  readonly local: LocalOutcome = { error: undefined, stopped: undefined };
  private targetEnded = false;

  constructor(private readonly target: Writable) {
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
    if (this.target.write(chunk, encoding)) done();
    else this.target.once('drain', () => done());
  }

  override _final(done: (error?: Error) => void): void {
    this.targetEnded = true;
    this.target.end(() => done());
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    // A transfer that stopped early leaves no file stream open; the cause stays with the sink.
    if (error && !this.target.destroyed) this.target.destroy();
    done(error);
  }
}

/**
 * Feeds `source` into `into` (what basic-ftp uploads from). A read failure of `source` fails
 * `into` with that error and is recorded; when `into` fails from the network side, `source` is
 * stopped without an error of its own.
 */
export function feedFrom(source: Readable, into: Writable): LocalOutcome {
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
  into.once('close', () => {
    intoClosed = true;
    if (!source.destroyed && !source.readableEnded) source.destroy();
  });
  source.pipe(into);
  return local;
}
