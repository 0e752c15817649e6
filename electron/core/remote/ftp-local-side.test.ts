import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { LocalSink, PacedBytes } from './ftp-local-side';
import type { BytePacer } from './remote-fs';

/** A pacer that records what it was asked for and lets it through (or holds it forever). */
function recordingPacer(rate: number | null, hold = false) {
  const asked: number[] = [];
  const pacer: BytePacer & { rate: number | null } = {
    rate,
    take(bytes, signal) {
      asked.push(bytes);
      if (rate === null) return undefined;
      return new Promise<void>((resolve, reject) => {
        if (!hold) return void setImmediate(resolve);
        signal?.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
      });
    },
  };
  return { pacer, asked };
}

function collector() {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { sink, bytes: () => Buffer.concat(chunks) };
}

describe('PacedBytes (FTP uploads under a speed limit)', () => {
  it('passes chunks through whole, without asking twice, when there is no limit', async () => {
    const { pacer, asked } = recordingPacer(null);
    const out = collector();
    const data = Buffer.alloc(3 * 1024 * 1024, 1);
    await pipeline([data], new PacedBytes(pacer), out.sink);
    expect(out.bytes().equals(data)).toBe(true);
    expect(asked).toEqual([]);
  });

  it('under a limit sends a big chunk in pieces of about a tenth of a second, all bytes in order', async () => {
    const { pacer, asked } = recordingPacer(512 * 1024);
    const out = collector();
    const data = Buffer.from(Array.from({ length: 1024 * 1024 }, (_, i) => i % 251));
    await pipeline([data], new PacedBytes(pacer), out.sink);
    expect(out.bytes().equals(data)).toBe(true);
    expect(Math.max(...asked)).toBeLessThanOrEqual(Math.ceil(512 * 1024 * 0.1));
    expect(asked.reduce((a, b) => a + b, 0)).toBe(data.length);
  });

  it('ends a wait for the limit as soon as it is destroyed', async () => {
    const { pacer } = recordingPacer(1024, true);
    const paced = new PacedBytes(pacer);
    paced.on('error', () => undefined);
    paced.write(Buffer.alloc(64 * 1024));
    paced.destroy();
    await new Promise((resolve) => paced.once('close', resolve));
    expect(paced.destroyed).toBe(true);
  });
});

describe('LocalSink (FTP downloads under a speed limit)', () => {
  it('asks the limit for every chunk before it goes to the file, and keeps them in order', async () => {
    const { pacer, asked } = recordingPacer(100 * 1024);
    const target = new PassThrough();
    const received: Buffer[] = [];
    target.on('data', (chunk: Buffer) => received.push(chunk));
    const sink = new LocalSink(target, pacer);
    const chunks = [Buffer.from('first '), Buffer.from('second '), Buffer.from('third')];
    await pipeline(chunks, sink);
    expect(Buffer.concat(received).toString()).toBe('first second third');
    expect(asked).toEqual([6, 7, 5]);
  });

  it('a cancel (the file stream closed) ends the wait at once', async () => {
    const { pacer } = recordingPacer(1024, true);
    const target = new PassThrough();
    const sink = new LocalSink(target, pacer);
    sink.on('error', () => undefined);
    sink.write(Buffer.alloc(16 * 1024));
    target.destroy();
    await new Promise((resolve) => sink.once('close', resolve));
    expect(sink.local.stopped?.code).toBe('cancelled');
  });
});
