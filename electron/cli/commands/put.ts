import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { posix } from 'node:path';
import type { EnqueueItem } from '../../core/transfers/transfer-queue';
import { connect } from '../connect';
import { EXIT, usageError, type ExitCode } from '../exit-codes';
import type { Output, TransferOptions } from '../options';
import { runTransfer } from './transfer';

/** `ferry put [-r] LOCAL... URL`: into URL when it is a folder, else as URL (one source). */
export async function put(
  locals: string[],
  url: string,
  options: TransferOptions,
  out: Output,
): Promise<ExitCode> {
  if (options.watch && (locals.length !== 1 || !options.recursive)) {
    throw usageError(
      '--watch keeps one folder up to date.',
      'ferry put -r --watch FOLDER URL (URL: the server folder to put it in)',
    );
  }
  for (const local of locals) {
    const info = await stat(local).catch(() => undefined);
    if (!info) throw usageError(`${local} does not exist.`);
    if (options.watch && !info.isDirectory()) throw usageError(`${local} is not a folder.`);
    if (info.isDirectory() && !options.recursive) {
      throw usageError(`${local} is a folder.`, 'Add -r to upload it with everything inside.');
    }
  }
  const connection = await connect(url, options, out);
  try {
    const path = connection.target.path;
    const entry = await connection.first.stat(path);
    const folder =
      entry?.kind === 'folder' || (entry?.kind === 'symlink' && entry.targetKind === 'folder');
    let items: EnqueueItem[];
    if (folder) {
      items = locals.map((local) => ({ source: resolve(local), targetFolder: path }));
    } else if (options.watch) {
      throw usageError(
        `${path} is not a folder on the server.`,
        'Create it first with ferry mkdir.',
      );
    } else if (locals.length === 1 && locals[0] !== undefined) {
      const item: EnqueueItem = {
        source: resolve(locals[0]),
        targetFolder: posix.dirname(path),
        targetName: posix.basename(path),
      };
      // What is there was just looked at: the upload need not ask the server again.
      if (posix.join(item.targetFolder, posix.basename(path)) === path) item.targetEntry = entry;
      items = [item];
    } else {
      throw usageError(
        `${path} is not a folder on the server.`,
        'Create it first with ferry mkdir.',
      );
    }
    const sent = await runTransfer(connection, { direction: 'upload', items }, options, out);
    const watched = items[0];
    if (!options.watch || sent !== EXIT.ok || watched === undefined) return sent;
    const { keepWatching } = await import('./put-watch');
    const localRoot = watched.source;
    const remoteRoot = posix.join(watched.targetFolder, basename(localRoot));
    return await keepWatching(connection, { localRoot, remoteRoot }, options, out);
  } finally {
    await connection.first.close();
  }
}
