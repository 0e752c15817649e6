import type { SFTPWrapper } from 'ssh2';
import { malformedAnswer } from './sftp-errors';

/*
 * ssh2's READ copies every answer into a buffer the caller allocated beforehand, although it
 * already holds the bytes in a buffer of its own (the reassembled SFTP packet, or for a small
 * answer a view of the decrypted SSH packet). For a 256 MiB download that is 256 MiB copied and
 * 256 MiB more allocated (the garbage collector's work grows with it). Here the request is sent
 * through ssh2's own `read` and its bookkeeping entry is then told to hand the bytes over as
 * they are: ssh2 answers such an entry with a view of the packet (as it does for its own
 * directory listings). This leans on ssh2 internals (1.x: `_requests`, `_writeReqid`,
 * `_maxReadLen`); when they are not there, the plain path is used.
 */

type ReadDone = (error: Error | undefined, data: Buffer) => void;

/** The parts of ssh2's SFTP object this relies on (not in its type definitions). */
interface SftpInternals {
  _requests: Record<number, { buffer?: unknown; cb?: unknown } | undefined>;
  _writeReqid: number;
  _maxReadLen: number;
}

/** SFTP status "end of file". */
const STATUS_EOF = 1;

/**
 * Never written: ssh2's `read` wants a target buffer as long as the request, but the entry
 * stops pointing at it before any answer can arrive (answers come from a later event-loop turn).
 * If the patch ever did not take, the answer would land here and be copied out at once (below).
 */
let placeholder = Buffer.alloc(0);

function internalsOf(sftp: SFTPWrapper): SftpInternals | undefined {
  const candidate = sftp as unknown as Partial<SftpInternals>;
  const usable =
    typeof candidate._requests === 'object' &&
    candidate._requests !== null &&
    typeof candidate._writeReqid === 'number' &&
    typeof candidate._maxReadLen === 'number';
  return usable ? (candidate as SftpInternals) : undefined;
}

/**
 * Sends one READ of `length` bytes at `position`; `done` gets the bytes (fewer at the end of
 * the file, none past it) without a copy, or the error.
 */
export function readDirect(
  sftp: SFTPWrapper,
  handle: Buffer,
  length: number,
  position: number,
  done: ReadDone,
): void {
  const internals = internalsOf(sftp);
  // Longer than the server's limit: ssh2 splits it into several requests; let it.
  if (!internals || length > internals._maxReadLen)
    return readCopied(sftp, handle, length, position, done);
  if (placeholder.length < length) placeholder = Buffer.alloc(Math.max(length, 64 * 1024));
  sftp.read(handle, placeholder, 0, length, position, (error, bytes, buffer) => {
    // Reached only when the patch below did not take: copy out of the shared placeholder now.
    done(error ?? undefined, error ? Buffer.alloc(0) : Buffer.from(buffer.subarray(0, bytes)));
  });
  const entry = internals._requests[internals._writeReqid];
  if (!entry || !Buffer.isBuffer(entry.buffer) || typeof entry.cb !== 'function') return;
  entry.buffer = undefined;
  // How ssh2 answers an entry without a buffer: (undefined, data) for DATA, (error) for STATUS.
  entry.cb = (error: (Error & { code?: unknown }) | undefined, data: unknown) => {
    if (error) {
      if (error.code === STATUS_EOF) return done(undefined, Buffer.alloc(0));
      return done(error, Buffer.alloc(0));
    }
    // No answer at all reads as the end, as in ssh2; an answer that is not bytes (ATTRS, NAME)
    // from a misbehaving server is refused.
    if (data === undefined) return done(undefined, Buffer.alloc(0));
    if (!Buffer.isBuffer(data))
      return done(malformedAnswer('a READ answered with no data'), Buffer.alloc(0));
    if (data.length > length) {
      return done(malformedAnswer('more data than it asked for'), Buffer.alloc(0));
    }
    done(undefined, data);
  };
}

function readCopied(
  sftp: SFTPWrapper,
  handle: Buffer,
  length: number,
  position: number,
  done: ReadDone,
): void {
  sftp.read(handle, Buffer.allocUnsafe(length), 0, length, position, (error, bytes, buffer) =>
    done(error ?? undefined, error ? Buffer.alloc(0) : buffer.subarray(0, bytes)),
  );
}
