/**
 * A file up and back down over a RemoteFs, as the tests of a route (a proxy, an SSH jump host)
 * check it: what is read back and the server's copy on disk are what was sent (SHA-256).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { expect } from 'vitest';
import { sha256 } from '../../../e2e/harness/checksums';
import type { RemoteFs } from './remote-fs';

/**
 * @param folder the folder as the server names it ('' for an FTP server's root).
 * @param root where the servers' files are on this disk (the harness's root).
 */
export async function roundTrip(
  fs: RemoteFs,
  folder: string,
  root: string,
  size: number,
): Promise<void> {
  const data = randomBytes(size);
  const path = `${folder}/trip-${randomBytes(4).toString('hex')}.bin`;
  const source = new PassThrough();
  source.end(data);
  await fs.upload(source, path);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await fs.download(path, sink);
  expect(sha256(Buffer.concat(chunks))).toBe(sha256(data));
  const onServer = await readFile(join(root, path.replace(root, '')));
  expect(sha256(onServer)).toBe(sha256(data));
}
