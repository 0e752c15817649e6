import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { FerryError } from '../../../shared/errors';
import type { ByteLimit } from './byte-limit';
import { PartFileWriter } from './part-file-writer';

const MiB = 1024 * 1024;
const unlimited: ByteLimit = { kind: 'announced', bytes: Number.MAX_SAFE_INTEGER };

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** `data` cut the way the network delivers it: TLS records, SFTP reads, odd remainders. */
function pieces(data: Buffer): Buffer[] {
  const sizes = [16 * 1024, 255 * 1024, 1, 7919, 64 * 1024];
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    out.push(data.subarray(at, at + size));
    at += size;
  }
  return out;
}

const scratch = scratchPerTest('ferry-part-writer-');

async function writeInto(path: string, chunks: Buffer[], limit: ByteLimit, start = 0) {
  const handle = await open(path, start > 0 ? 'r+' : 'wx');
  const writer = new PartFileWriter(handle, limit, start, 'movie.mkv');
  const outcome = await pipeline(Readable.from(chunks), writer).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!writer.closed) await new Promise((resolve) => writer.once('close', resolve));
  return { outcome, writer };
}

describe('PartFileWriter', () => {
  it('writes every byte in order, whatever the chunk sizes', async () => {
    const data = randomBytes(5 * MiB + 12345);
    const path = join(scratch.path, 'part');
    const { outcome, writer } = await writeInto(path, pieces(data), unlimited);
    expect(outcome).toBeUndefined();
    expect(writer.received).toBe(data.length);
    expect(sha256(await readFile(path))).toBe(sha256(data));
  });

  it('resumes after the bytes already there, leaving them as they are', async () => {
    const data = randomBytes(3 * MiB + 99);
    const path = join(scratch.path, 'part');
    const have = 1_000_003;
    await writeFile(path, data.subarray(0, have));
    const { outcome, writer } = await writeInto(
      path,
      pieces(data.subarray(have)),
      { kind: 'announced', bytes: data.length },
      have,
    );
    expect(outcome).toBeUndefined();
    expect(writer.received).toBe(data.length);
    expect(sha256(await readFile(path))).toBe(sha256(data));
  });

  it('stops at the first chunk past the limit and writes none of the excess', async () => {
    const data = randomBytes(4 * MiB);
    const path = join(scratch.path, 'part');
    const limit = 2 * MiB + 5;
    const { outcome, writer } = await writeInto(path, pieces(data), {
      kind: 'announced',
      bytes: limit,
    });
    expect(outcome).toBeInstanceOf(FerryError);
    expect((outcome as FerryError).code).toBe('size_mismatch');
    expect(writer.overflow).toBe(outcome);
    const written = await readFile(path);
    expect(written.length).toBeLessThanOrEqual(limit);
    // What did reach the disk is the start of the file, unchanged.
    expect(sha256(written)).toBe(sha256(data.subarray(0, written.length)));
  });

  it('counts the resumed bytes against the limit', async () => {
    const path = join(scratch.path, 'part');
    await writeFile(path, Buffer.alloc(900));
    const { outcome } = await writeInto(
      path,
      [Buffer.alloc(200)],
      { kind: 'announced', bytes: 1000 },
      900,
    );
    expect((outcome as FerryError).code).toBe('size_mismatch');
    expect((await stat(path)).size).toBe(900);
  });

  it("fails with the disk's error when the disk is full", async () => {
    const handle = await open('/dev/full', 'w');
    const writer = new PartFileWriter(handle, unlimited, 0, 'movie.mkv');
    const outcome = await pipeline(Readable.from(pieces(randomBytes(3 * MiB))), writer).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((outcome as NodeJS.ErrnoException).code).toBe('ENOSPC');
  });

  it('keeps the bytes taken in before a stop, so a resume continues after them', async () => {
    const data = randomBytes(100 * 1024 + 17);
    const path = join(scratch.path, 'part');
    const handle = await open(path, 'wx');
    const writer = new PartFileWriter(handle, unlimited, 0, 'movie.mkv');
    // Small network chunks, then the connection drops.
    for (let at = 0; at < data.length; at += 16 * 1024)
      writer.write(data.subarray(at, at + 16 * 1024));
    await new Promise((resolve) => setImmediate(resolve));
    const closed = new Promise((resolve) => writer.once('close', resolve));
    writer.destroy(new Error('connection reset'));
    writer.on('error', () => undefined);
    await closed;
    expect(sha256(await readFile(path))).toBe(sha256(data));
  });

  it('closes the file when stopped halfway (a cancel)', async () => {
    const path = join(scratch.path, 'part');
    const handle = await open(path, 'wx');
    const writer = new PartFileWriter(handle, unlimited, 0, 'movie.mkv');
    writer.write(randomBytes(3 * MiB));
    const closed = new Promise((resolve) => writer.once('close', resolve));
    writer.destroy();
    await closed;
    // The handle is closed: using it again fails.
    await expect(handle.stat()).rejects.toThrow();
  });
});
