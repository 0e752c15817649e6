/** Reading the server's tree: list, stat, realpath. Each runs inside one queued session call. */
import { type Client, FTPError, type FTPResponse } from 'basic-ftp';
import { FerryError } from '../../../shared/errors';
import type { FileEntry, Listing } from '../../../shared/types';
import { parseMdtmReply, parseSizeReply, toFileEntry } from './ftp-list';
import { baseName, parentOf } from './ftp-paths';
import { isAutomatic, namesFrom, undecodableNamesHint } from './ftp-names-wire';
import { isSelfOrParent, refusedFtpNameReason } from './server-names';
import type { CallContext } from './ftp-session';

/**
 * Sends a command and returns its reply, failures included; only "service closing" (421) and
 * connection failures throw. Failed replies are explained by the caller from what exists.
 */
export async function ask(client: Client, command: string): Promise<FTPResponse> {
  const reply = await client.sendIgnoringError(command);
  if (reply.code === 421) throw new FTPError(reply);
  return reply;
}

export async function changeDir(client: Client, path: string): Promise<boolean> {
  return (await ask(client, `CWD ${path}`)).code < 400;
}

/** PWD's answer; quotes inside the path are doubled there (RFC 959). */
export async function currentDir(client: Client): Promise<string> {
  return (await client.pwd()).replace(/""/g, '"');
}

export function notFound(path: string): FerryError {
  return new FerryError(
    'not_found',
    `"${path}" does not exist on the server.`,
    'It may have been moved or deleted. Refresh the folder.',
  );
}

export function denied(what: string): FerryError {
  return new FerryError(
    'permission_denied',
    `The server does not allow you to ${what}.`,
    'Check the permissions of the file or folder, or ask the server administrator.',
  );
}

/**
 * Lists a folder. The folder is entered first (CWD) and listed without an argument: some servers
 * answer a LIST of a missing or unreadable path with an empty or a one-line listing and success,
 * and treat names in the argument as wildcard patterns.
 */
export async function listFolder(context: CallContext, path: string): Promise<Listing> {
  const { client } = context;
  if (!(await changeDir(client, path))) throw await whyNotAFolder(context, path);
  const now = new Date();
  const entries: FileEntry[] = [];
  const skipped: NonNullable<Listing['skipped']> = [];
  // Names are checked once decoded, in the site's encoding (ftp-names-wire.ts).
  for (const info of namesFrom(client, await client.list())) {
    if (isSelfOrParent(info.name)) continue;
    const refused = refusedFtpNameReason(info.name);
    if (refused === undefined) entries.push(toFileEntry(info, now));
    else skipped.push({ name: info.name, reason: refused });
  }
  const listing: Listing = skipped.length > 0 ? { path, entries, skipped } : { path, entries };
  const notice = isAutomatic(client)
    ? undecodableNamesHint(entries.map((entry) => entry.name))
    : undefined;
  if (notice !== undefined) listing.notice = notice;
  return listing;
}

async function whyNotAFolder(context: CallContext, path: string): Promise<FerryError> {
  const entry = await statPath(context, path);
  if (!entry) return notFound(path);
  if (entry.kind === 'file') {
    return new FerryError(
      'not_a_folder',
      `"${path}" is a file, not a folder.`,
      'Open the folder that holds it instead.',
    );
  }
  if (entry.kind === 'symlink') {
    return new FerryError(
      'not_found',
      `"${path}" is a link to a folder that cannot be opened.`,
      'The link may point to something that no longer exists.',
    );
  }
  return denied(`open the folder "${path}"`);
}

const ROOT: FileEntry = {
  name: '/',
  kind: 'folder',
  size: 0,
  modified: null,
  mode: null,
  hidden: false,
};

/**
 * What is at `path`. A file is known from SIZE and MDTM (two replies on the control connection);
 * anything else — folders, links to folders, nothing at all, servers without those commands —
 * from its parent's listing (vsftpd and many servers offer no MLST), which costs a data
 * connection and grows with the folder. null when nothing is there; permission_denied when the
 * parent cannot be looked into.
 */
export async function statPath(context: CallContext, path: string): Promise<FileEntry | null> {
  if (path === '/') return ROOT;
  return (await statFile(context, path)) ?? statFromParentListing(context, path);
}

/**
 * A file's size and time without a listing, or undefined when the server cannot tell that way.
 * SIZE answers for regular files only (RFC 3659; vsftpd follows links, so a link to a file is
 * described as the file it reaches). Permission bits and owner stay unknown here.
 */
async function statFile(context: CallContext, path: string): Promise<FileEntry | undefined> {
  const { client, features } = context;
  if (!features.has('SIZE') || !features.has('MDTM')) return undefined;
  const sizeReply = await ask(client, `SIZE ${path}`);
  const size = sizeReply.code === 213 ? parseSizeReply(sizeReply.message) : undefined;
  if (size === undefined) return undefined;
  const timeReply = await ask(client, `MDTM ${path}`);
  const modified = timeReply.code === 213 ? parseMdtmReply(timeReply.message) : null;
  if (modified === null) return undefined;
  const name = baseName(path);
  return { name, kind: 'file', size, modified, mode: null, hidden: name.startsWith('.') };
}

async function statFromParentListing(
  context: CallContext,
  path: string,
): Promise<FileEntry | null> {
  const { client } = context;
  const parent = parentOf(path);
  if (!(await changeDir(client, parent))) {
    const up = await statPath(context, parent);
    if (!up || up.kind === 'file') return null;
    throw denied(`look inside "${parent}"`);
  }
  const name = baseName(path);
  const info = namesFrom(client, await client.list()).find((candidate) => candidate.name === name);
  return info ? toFileEntry(info) : null;
}

/** A folder's real path as the server resolves it (symlinks followed); other paths unchanged. */
export async function resolvePath(context: CallContext, path: string): Promise<string> {
  if (await changeDir(context.client, path)) return currentDir(context.client);
  return path;
}
