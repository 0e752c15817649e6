/**
 * Replacing a file on an FTP server that never renames onto an existing name (IIS answers RNTO
 * with 550 "Cannot create a file when that file already exists."): Ferry deletes the old file
 * and renames the complete new one onto its name. If the server will not delete either, the
 * upload fails saying so, and the old file stays byte for byte.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { startNoOverwriteRelay } from '../../../e2e/hostile/no-overwrite-ftp';
import { patterned, queueOver, sourceFor } from './testing';

const harness = harnessForSuite(['ftp'], 'ferry-no-overwrite-');

const fresh = patterned(40_000, 21);
const old = patterned(12_345, 22);

async function replaceThroughRelay(folder: string, refuseDelete: boolean) {
  const { servers } = harness;
  await servers.fixtures.writeFile(`${folder}/report.pdf`, old);
  const local = join(await mkdtemp(join(harness.scratch, 'src-')), 'report.pdf');
  await writeFile(local, fresh);
  const relay = await startNoOverwriteRelay({
    targetPort: servers.ftp!.port,
    exists: (ftpPath) => existsSync(servers.fixtures.abs(ftpPath.replace(/^\/+/, ''))),
    refuseDelete,
  });
  const { queue } = queueOver(sourceFor(servers, 'ftp', { port: relay.port }), { retries: 0 });
  try {
    await queue.enqueue({
      sessionId: 's',
      direction: 'upload',
      items: [{ source: local, targetFolder: `/${folder}` }],
    });
    await queue.whenIdle();
    const [row] = queue.list();
    const renames = relay.commands.filter((line) => /^(RNFR|RNTO|DELE) /.test(line));
    return { row, renames, onDisk: (name: string) => servers.fixtures.abs(`${folder}/${name}`) };
  } finally {
    await queue.dispose();
    await relay.close();
  }
}

describe('replacing a file on an FTP server that will not rename over it', () => {
  it('deletes the old file, then renames the new one onto its name', async () => {
    const { row, renames, onDisk } = await replaceThroughRelay('iis', false);
    expect(row?.error).toBeUndefined();
    expect(row?.state).toBe('done');
    expect(await readFile(onDisk('report.pdf'))).toEqual(fresh);
    expect(await readdir(onDisk('.'))).toEqual(['report.pdf']);
    const temp = renames[0]?.slice('RNFR '.length) ?? '';
    expect(posix.basename(temp)).toMatch(/^\.report\.pdf\.[0-9a-f]{12}\.ferry-part$/);
    expect(renames).toEqual([
      `RNFR ${temp}`,
      'RNTO /iis/report.pdf',
      'DELE /iis/report.pdf',
      `RNFR ${temp}`,
      'RNTO /iis/report.pdf',
    ]);
  });

  it('when the server will not delete either, the upload fails saying so and the old file stays', async () => {
    const { row, renames, onDisk } = await replaceThroughRelay('locked', true);
    expect(row?.state).toBe('failed');
    expect(row?.error?.message).toBe(
      'The server will not replace "report.pdf": it renames nothing onto an existing file, and it refused to delete the old one (it said: "Access is denied."). The old file is unchanged.',
    );
    expect(row?.error?.hint).toMatch(/Keep both/);
    expect(await readFile(onDisk('report.pdf'))).toEqual(old);
    expect(renames.filter((line) => line.startsWith('DELE'))[0]).toBe('DELE /locked/report.pdf');
  });
});
