/**
 * A slow link for the transfer tests (not a test file itself): connections whose bytes move at
 * a fixed rate in one direction. SFTP and plain FTP go through the throttling proxy (for FTP it
 * follows PASV/EPSV, so the data connections are slowed). FTPS hides its PASV replies in TLS, so
 * there the file's bytes are slowed on our side of the data connection instead.
 */
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TestServers } from '../../../e2e/harness/servers';
import { startCuttingProxy } from '../../../e2e/hostile/cutting-proxy';
import type { RemoteFs } from '../remote/remote-fs';
import { connectTo, sourceFor, type ProtocolKind } from './testing';
import type { ConnectionSource } from './types';

export type SlowSource = ConnectionSource & { opened: number };

/** Passes bytes on in small slices at about `bytesPerSecond`. */
function throttle(bytesPerSecond: number): Transform {
  const slice = 16 * 1024;
  return new Transform({
    highWaterMark: slice,
    transform(chunk: Buffer, _encoding, done) {
      const pieces: Buffer[] = [];
      for (let at = 0; at < chunk.length; at += slice) pieces.push(chunk.subarray(at, at + slice));
      const next = (): void => {
        const piece = pieces.shift();
        if (piece === undefined) return done();
        this.push(piece);
        setTimeout(next, (piece.length / bytesPerSecond) * 1000);
      };
      next();
    },
  });
}

/** Wraps a connection so what it uploads or downloads passes a throttle (torn down together). */
function throttled(fs: RemoteFs, direction: 'upload' | 'download', rate: number): RemoteFs {
  // Small files go in one piece without streams: they take the link's time for their size
  // before they leave (upload) or arrive (download).
  const linkTime = (bytes: number): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, (bytes / rate) * 1000));
  const { readSmall, writeSmall } = fs;
  if (direction === 'upload' && writeSmall) {
    fs.writeSmall = (path, data, attributes) =>
      linkTime(data.length).then(() => writeSmall.call(fs, path, data, attributes));
  }
  if (direction === 'download' && readSmall) {
    fs.readSmall = (path, maxBytes) =>
      readSmall.call(fs, path, maxBytes).then(async (data) => {
        await linkTime(data.length);
        return data;
      });
  }
  if (direction === 'upload') {
    const upload = fs.upload.bind(fs);
    fs.upload = (source: Readable, ...rest) => {
      const slow = throttle(rate);
      pipeline(source, slow).catch(() => undefined);
      return upload(slow, ...rest);
    };
  } else {
    const download = fs.download.bind(fs);
    fs.download = (path: string, target: Writable, ...rest) => {
      const slow = throttle(rate);
      const delivered = pipeline(slow, target);
      delivered.catch(() => undefined);
      return download(path, slow, ...rest).then(() => delivered);
    };
  }
  return fs;
}

export async function slowLinkSource(
  servers: TestServers,
  kind: ProtocolKind,
  direction: 'upload' | 'download',
  bytesPerSecond: number,
): Promise<{ source: SlowSource; close: () => Promise<void> }> {
  if (kind !== 'sftp' && kind !== 'ftp') {
    const source: SlowSource = {
      opened: 0,
      open: async () => {
        source.opened++;
        return throttled(await connectTo(servers, kind), direction, bytesPerSecond);
      },
    };
    return { source, close: () => Promise.resolve() };
  }
  const port = (kind === 'sftp' ? servers.sftp?.port : servers.ftp?.port) ?? 0;
  const proxy = await startCuttingProxy({
    targetPort: port,
    direction,
    cutAfterBytes: Infinity,
    times: 0,
    ftp: kind === 'ftp',
    bytesPerSecond,
  });
  return { source: sourceFor(servers, kind, { port: proxy.port }), close: () => proxy.close() };
}
