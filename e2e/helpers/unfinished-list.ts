/** The list of unfinished transfers a Ferry run leaves in its data folder when it closes midway. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes that list, as the closed run would have: one entry per server, its jobs under it. */
export async function writeUnfinishedList(dataDir: string, servers: object[]): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    join(dataDir, 'unfinished-transfers.json'),
    JSON.stringify({
      format: 'ferry.unfinished-transfers',
      version: 1,
      savedAt: Date.now(),
      servers,
    }),
  );
}
