/** Fresh server folders for one test (the harness servers are shared by a worker's tests). */
import { randomBytes } from 'node:crypto';
import type { TestServers } from '../harness/servers';

/** A new folder holding `photos/`, `readme.txt` and `data.bin`; resolves to its relative path. */
export async function serverFolderWithFiles(servers: TestServers, name: string): Promise<string> {
  const rel = `${name}-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.mkdir(`${rel}/photos`);
  await servers.fixtures.writeFile(`${rel}/readme.txt`, 'hello');
  await servers.fixtures.writeFile(`${rel}/data.bin`, randomBytes(40_000));
  return rel;
}
