import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { ByteCounter, byteLimitFor, usableOf, type ByteLimit } from './byte-limit';

const GiB = 1024 ** 3;

/** Streams `chunks` through a counter into memory; returns what reached the "disk". */
async function through(limit: ByteLimit, start: number, chunks: Buffer[]) {
  const written: Buffer[] = [];
  const counter = new ByteCounter(limit, start, 'movie.mkv');
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk);
      done();
    },
  });
  const outcome = await pipeline(Readable.from(chunks), counter, sink).then(
    () => undefined,
    (error: unknown) => error,
  );
  return { written: Buffer.concat(written).length, outcome, counter };
}

describe('ByteCounter', () => {
  const chunks = [Buffer.alloc(400), Buffer.alloc(400), Buffer.alloc(400)];

  it('passes a file of exactly the announced size', async () => {
    const { written, outcome } = await through({ kind: 'announced', bytes: 1200 }, 0, chunks);
    expect(outcome).toBeUndefined();
    expect(written).toBe(1200);
  });

  it('stops at the first byte past the announced size and writes none of the excess', async () => {
    const { written, outcome, counter } = await through(
      { kind: 'announced', bytes: 1000 },
      0,
      chunks,
    );
    expect(written).toBeLessThanOrEqual(1000);
    expect(outcome).toBeInstanceOf(FerryError);
    expect((outcome as FerryError).code).toBe('size_mismatch');
    expect((outcome as FerryError).message).toMatch(/more of movie\.mkv than the 1000 bytes/);
    expect(counter.overflow).toBe(outcome);
  });

  it('counts the bytes a resume starts from', async () => {
    const { outcome } = await through({ kind: 'announced', bytes: 1500 }, 400, chunks);
    expect((outcome as FerryError).code).toBe('size_mismatch');
  });

  it('stops a file of unknown size before it takes the free space, as an endless file', async () => {
    const { written, outcome } = await through({ kind: 'free-space', bytes: 500 }, 0, chunks);
    expect(written).toBeLessThanOrEqual(500);
    expect((outcome as FerryError).code).toBe('endless_file');
    expect((outcome as FerryError).hint).toMatch(/Free some space/);
  });
});

describe('byteLimitFor', () => {
  it('is the announced size when there is one', async () => {
    expect(await byteLimitFor(4096, 100, tmpdir())).toEqual({ kind: 'announced', bytes: 4096 });
  });

  it('is the free space, minus a reserve, when the size is unknown', async () => {
    const fs = await statfs(tmpdir());
    const free = fs.bavail * fs.bsize;
    const limit = await byteLimitFor(null, 100, tmpdir());
    expect(limit.kind).toBe('free-space');
    expect(limit.bytes).toBeLessThanOrEqual(100 + free);
    expect(limit.bytes).toBeGreaterThanOrEqual(100 + free - GiB - 64 * 1024 ** 2);
  });

  it.each([
    [0, 0],
    [1000, 900],
    [5 * GiB, 4.5 * GiB],
    [20 * GiB, 19 * GiB],
    [500 * GiB, 499 * GiB],
  ])('keeps some of %d free bytes for the system: %d usable', (free, usable) => {
    expect(usableOf(free)).toBe(usable);
  });
});
