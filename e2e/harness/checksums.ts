/** SHA-256 checksums, for tests that prove a file arrived byte for byte. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Streams the file: some test files are hundreds of MiB. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
