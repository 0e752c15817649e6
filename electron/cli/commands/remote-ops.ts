import { FerryError } from '../../../shared/errors';
import type { FileEntry } from '../../../shared/types';
import { connect } from '../connect';
import { EXIT, usageError, type ExitCode } from '../exit-codes';
import type { ConnectionOptions, Output } from '../options';

function line(entry: FileEntry): string {
  const kind = { folder: 'd', symlink: 'l', file: '-', other: '?' }[entry.kind];
  const mode = entry.mode === null ? '---------' : permissions(entry.mode);
  const when =
    entry.modified === null
      ? '????-??-?? ??:??'
      : new Date(entry.modified).toISOString().slice(0, 16).replace('T', ' ');
  const name = JSON.stringify(entry.name).slice(1, -1); // control characters stay visible
  const suffix = entry.kind === 'folder' ? '/' : entry.target ? ` -> ${entry.target}` : '';
  return `${kind}${mode} ${String(entry.size).padStart(12)} ${when} ${name}${suffix}`;
}

function permissions(mode: number): string {
  return [6, 3, 0]
    .map((shift) => {
      const bits = (mode >> shift) & 7;
      return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
    })
    .join('');
}

/** `ferry ls URL`: a folder's entries, or one file's. */
export async function ls(url: string, options: ConnectionOptions, out: Output): Promise<ExitCode> {
  const connection = await connect(url, options, out);
  try {
    const path = connection.target.path;
    const entry = await connection.first.stat(path);
    if (!entry) throw notOnServer(path);
    const entries = entry.kind === 'file' ? [entry] : (await connection.first.list(path)).entries;
    const sorted = [...entries].sort((a, b) => a.name.localeCompare(b.name));
    if (out.json) out.result(JSON.stringify({ path, entries: sorted }));
    else for (const item of sorted) out.result(line(item));
    return EXIT.ok;
  } finally {
    await connection.first.close();
  }
}

/** `ferry rm [-r] URL`. */
export async function rm(
  url: string,
  options: ConnectionOptions & { recursive?: boolean },
  out: Output,
): Promise<ExitCode> {
  const connection = await connect(url, options, out);
  try {
    const path = connection.target.path;
    const entry = await connection.first.stat(path);
    if (!entry) throw notOnServer(path);
    if (entry.kind === 'folder') {
      if (!options.recursive)
        throw usageError(`${path} is a folder.`, 'Add -r to delete it with everything inside.');
      await connection.first.deleteFolder(path);
    } else {
      await connection.first.deleteFile(path);
    }
    if (out.json) out.result(JSON.stringify({ ok: true, deleted: path }));
    return EXIT.ok;
  } finally {
    await connection.first.close();
  }
}

/** `ferry mkdir URL` (parents included). */
export async function mkdir(
  url: string,
  options: ConnectionOptions,
  out: Output,
): Promise<ExitCode> {
  const connection = await connect(url, options, out);
  try {
    await connection.first.mkdir(connection.target.path);
    if (out.json) out.result(JSON.stringify({ ok: true, created: connection.target.path }));
    return EXIT.ok;
  } finally {
    await connection.first.close();
  }
}

function notOnServer(path: string): FerryError {
  return new FerryError(
    'not_found',
    `${path} does not exist on the server.`,
    'Check the path: `ferry ls` on its folder shows what is there.',
  );
}
