import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { posix } from 'node:path';
import { FerryError } from '../../../shared/errors';
import { connect } from '../connect';
import { usageError, type ExitCode } from '../exit-codes';
import type { Output, TransferOptions } from '../options';
import { runTransfer } from './transfer';

/** `ferry get [-r] URL LOCAL`: into LOCAL when it is a folder, else as LOCAL. */
export async function get(
  url: string,
  local: string,
  options: TransferOptions,
  out: Output,
): Promise<ExitCode> {
  const connection = await connect(url, options, out);
  try {
    const path = connection.target.path;
    const entry = await connection.first.stat(path);
    if (!entry) {
      throw new FerryError(
        'not_found',
        `${path} does not exist on the server.`,
        'Check the path with ferry ls.',
      );
    }
    const folder =
      entry.kind === 'folder' || (entry.kind === 'symlink' && entry.targetKind === 'folder');
    if (folder && !options.recursive) {
      throw usageError(`${path} is a folder.`, 'Add -r to download it with everything inside.');
    }
    const into = await stat(local).then(
      (s) => s.isDirectory(),
      () => false,
    );
    const name = posix.basename(path) || connection.target.url.host;
    // What is at the source was just looked at: the download need not ask the server again.
    const item = into
      ? { source: path, targetFolder: resolve(local), targetName: name, sourceEntry: entry }
      : {
          source: path,
          targetFolder: dirname(resolve(local)),
          targetName: basename(resolve(local)),
          sourceEntry: entry,
        };
    return await runTransfer(connection, { direction: 'download', items: [item] }, options, out);
  } finally {
    await connection.first.close();
  }
}
