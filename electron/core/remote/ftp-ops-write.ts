/** Changing the server's tree: mkdir -p, rename, delete (recursive), chmod, set times. */
import { FTPError, type FTPResponse } from 'basic-ftp';
import { FerryError } from '../../../shared/errors';
import { replyError, replyText } from './ftp-errors';
import { ask, changeDir, listFolder, notFound, statPath } from './ftp-ops-read';
import { baseName, childPath, parentOf } from './ftp-paths';
import type { CallContext } from './ftp-session';

function refused(context: CallContext, reply: FTPResponse, what: string): FerryError {
  return replyError(new FTPError(reply), context.target, what);
}

/** Creates `path` and any missing parents; fine if it is already a folder. */
export async function makeFolders(context: CallContext, path: string): Promise<void> {
  if (path === '/') return;
  const { client } = context;
  const made = await ask(client, `MKD ${path}`);
  if (made.code < 400) return;
  if (await changeDir(client, path)) return;
  const parent = parentOf(path);
  if (parent !== '/' && !(await changeDir(client, parent))) {
    await makeFolders(context, parent);
    const again = await ask(client, `MKD ${path}`);
    if (again.code < 400) return;
  }
  if (await statPath(context, path)) {
    throw new FerryError(
      'already_exists',
      `"${baseName(path)}" already exists in ${parent} and is not a folder.`,
      'Choose another name, or delete or rename the file first.',
    );
  }
  throw refused(context, made, `create the folder "${path}"`);
}

/** Renames or moves; never replaces something already at `to`. */
export async function renamePath(context: CallContext, from: string, to: string): Promise<void> {
  if (from === to) return;
  const { client } = context;
  if (await statPath(context, to)) {
    throw new FerryError(
      'already_exists',
      `"${baseName(to)}" already exists in ${parentOf(to)}.`,
      'Choose another name, or delete the other item first.',
    );
  }
  const source = await ask(client, `RNFR ${from}`);
  if (source.code >= 400) {
    if (!(await statPath(context, from))) throw notFound(from);
    throw refused(context, source, `rename "${from}"`);
  }
  const done = await ask(client, `RNTO ${to}`);
  if (done.code >= 400) {
    if (!(await statPath(context, parentOf(to)))) throw notFound(parentOf(to));
    throw refused(context, done, `rename "${from}" to "${to}"`);
  }
}

/**
 * Moves the file `from` onto `to`, replacing it. RNFR/RNTO overwrites on most servers (vsftpd:
 * rename(2), one step); one that refuses to (a 5xx while `to` exists) gets DELE first. Between
 * that DELE and the second RNTO nothing is under the target's name; if the connection drops
 * there, the complete new file waits under `from` and a retry renames it.
 */
export async function replaceFile(context: CallContext, from: string, to: string): Promise<void> {
  let done = await renameOnto(context, from, to);
  if (done.code < 400) return;
  if (done.code >= 500 && (await statPath(context, to))?.kind === 'file') {
    const deleted = await ask(context.client, `DELE ${to}`);
    if (deleted.code >= 400) throw cannotReplace(context, deleted, to);
    done = await renameOnto(context, from, to);
    if (done.code < 400) return;
  }
  throw refused(context, done, `rename "${from}" to "${to}"`);
}

/** The server renames nothing onto an existing name, and would not delete the old file either. */
function cannotReplace(context: CallContext, deleted: FTPResponse, to: string): FerryError {
  const cause = refused(context, deleted, `delete "${to}"`);
  if (cause.code !== 'permission_denied') return cause;
  return new FerryError(
    'permission_denied',
    `The server will not replace "${baseName(to)}": it renames nothing onto an existing file, and it refused to delete the old one (it said: "${replyText(new FTPError(deleted))}"). The old file is unchanged.`,
    'Ask the server’s administrator for the right to delete files here, or choose "Keep both" in Settings under "When a file already exists" to upload it under a new name.',
    { cause },
  );
}

/** RNFR `from` (refusals thrown) then RNTO `to`, whose reply is the caller's to judge. */
async function renameOnto(context: CallContext, from: string, to: string): Promise<FTPResponse> {
  const source = await ask(context.client, `RNFR ${from}`);
  if (source.code >= 400) {
    if (!(await statPath(context, from))) throw notFound(from);
    throw refused(context, source, `rename "${from}"`);
  }
  return ask(context.client, `RNTO ${to}`);
}

export async function deleteFile(context: CallContext, path: string): Promise<void> {
  const reply = await ask(context.client, `DELE ${path}`);
  if (reply.code < 400) return;
  const entry = await statPath(context, path);
  if (!entry) throw notFound(path);
  if (entry.kind === 'folder') {
    throw new FerryError('invalid_input', `"${path}" is a folder; delete it as a folder.`);
  }
  throw refused(context, reply, `delete "${path}"`);
}

/** Deletes a folder and everything below it; a symlink is removed itself, never followed. */
export async function deleteFolder(context: CallContext, path: string): Promise<void> {
  if (path === '/') {
    throw new FerryError('invalid_input', 'Ferry will not delete the top folder of the server.');
  }
  const entry = await statPath(context, path);
  if (!entry) throw notFound(path);
  if (entry.kind === 'folder') await deleteTree(context, path);
  else await deleteFile(context, path);
}

async function deleteTree(context: CallContext, folder: string): Promise<void> {
  const listing = await listFolder(context, folder);
  const invalid = listing.skipped?.[0];
  if (invalid) {
    throw new FerryError(
      'unsafe_name',
      `The server listed an entry named ${JSON.stringify(invalid.name)} in ${folder}, which is not a valid name (${invalid.reason}), so Ferry stopped deleting there.`,
      'Delete that folder with another tool, or ask the server administrator.',
    );
  }
  for (const entry of listing.entries) {
    const child = childPath(folder, entry.name);
    // Listing kinds come from lstat on the server: a link to a folder is 'symlink', so DELE
    // removes the link and the recursion never enters the folder it points to.
    if (entry.kind === 'folder') await deleteTree(context, child);
    else await deleteFile(context, child);
  }
  // Leave the folder first: some servers refuse to remove the working directory.
  await changeDir(context.client, parentOf(folder));
  const reply = await ask(context.client, `RMD ${folder}`);
  if (reply.code >= 400) throw refused(context, reply, `delete the folder "${folder}"`);
}

/** Commands a server does not implement: 500 unknown, 502 not implemented, 504 bad parameter. */
const NOT_IMPLEMENTED = new Set([500, 502, 504]);

export async function changeMode(context: CallContext, path: string, mode: number): Promise<void> {
  const octal = (mode & 0o7777).toString(8).padStart(3, '0');
  const reply = await ask(context.client, `SITE CHMOD ${octal} ${path}`);
  if (reply.code < 400) return;
  if (NOT_IMPLEMENTED.has(reply.code)) {
    throw new FerryError(
      'not_supported',
      'This server cannot change permissions over FTP (it does not offer SITE CHMOD).',
      "Change them in the hosting company's control panel, or connect over SFTP if the server offers it.",
    );
  }
  if (!(await statPath(context, path))) throw notFound(path);
  throw refused(context, reply, `change the permissions of "${path}"`);
}

/**
 * Sets the modification time (UTC, to the second): with MFMT where the server lists it, else
 * with the two-argument MDTM that vsftpd and others accept without listing it
 * (`MDTM YYYYMMDDhhmmss path`), which counts only when answered 213. False where it cannot.
 */
export async function setModified(
  context: CallContext,
  path: string,
  modified: Date,
): Promise<boolean> {
  const stamp = modified.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  if (context.features.has('MFMT')) {
    const reply = await ask(context.client, `MFMT ${stamp} ${path}`);
    if (reply.code < 400) return true;
    if (!(await statPath(context, path))) throw notFound(path);
    if (NOT_IMPLEMENTED.has(reply.code)) return false;
    throw refused(context, reply, `set the time of "${path}"`);
  }
  if (!context.features.has('MDTM')) return false;
  const reply = await ask(context.client, `MDTM ${stamp} ${path}`);
  if (reply.code === 213) return true;
  // A server that reads the stamp as part of a file name answers 550 like a refusal: either
  // way the time was not set, which is worth a "no", not a failure.
  if (!(await statPath(context, path))) throw notFound(path);
  return false;
}
