/**
 * Permissions of uploaded files without a SITE CHMOD per file where none is needed. A file an
 * upload creates gets the server's mode for new files (vsftpd: file_open_mode less local_umask),
 * often exactly the mode wanted. The first file a session creates in a folder is looked at once
 * (STAT on the control connection: no data connection); later new files in that folder skip
 * SITE CHMOD when they get the wanted mode anyway. Files that were replaced keep their old mode
 * on most servers, and anything unclear is answered with SITE CHMOD as before.
 */
import { ask } from './ftp-ops-read';
import { changeMode } from './ftp-ops-write';
import { baseName, parentOf } from './ftp-paths';
import type { CallContext } from './ftp-session';

/** Folders remembered per session; a long upload of many small folders forgets the oldest. */
const MAX_FOLDERS = 1000;

/** Characters that STAT (like LIST) may read as a pattern or an option instead of a name. */
const NOT_LITERAL = /[*?[\]{}~\s\\]|^-/;

/** The mode new files get, per folder, as seen on this connection; null: could not be told. */
export class CreatedModes {
  private readonly byFolder = new Map<string, number | null>();

  /**
   * Gives the file at `path`, just uploaded, the permission bits `mode`.
   * @param created the caller saw nothing at `path` before the upload.
   */
  async apply(context: CallContext, path: string, mode: number, created: boolean): Promise<void> {
    const wanted = mode & 0o7777;
    if (!created) return changeMode(context, path, wanted);
    const folder = parentOf(path);
    let known = this.byFolder.get(folder);
    if (known === undefined) {
      known = await modeOnServer(context, path);
      if (this.byFolder.size >= MAX_FOLDERS) {
        this.byFolder.delete(this.byFolder.keys().next().value ?? '');
      }
      this.byFolder.set(folder, known);
    }
    if (known !== wanted) await changeMode(context, path, wanted);
  }
}

/** The permission bits of the regular file at `path`, from a STAT listing; null if unclear. */
export async function modeOnServer(context: CallContext, path: string): Promise<number | null> {
  const name = baseName(path);
  if (NOT_LITERAL.test(name)) return null;
  const reply = await ask(context.client, `STAT ${path}`);
  if (reply.code !== 211 && reply.code !== 212 && reply.code !== 213) return null;
  return modeFromStatReply(reply.message, name);
}

/**
 * Reads `-rw-r--r--    1 user group 8192 Nov 26 15:29 name` from a STAT reply: exactly one
 * listed entry, a regular file of that name, with plain permission bits (no set-id or sticky
 * bits, no ACL or security-context mark, which mean the bits are not the whole story).
 */
export function modeFromStatReply(message: string, name: string): number | null {
  const lines = message
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !/^\d{3}[ -]/.test(line));
  if (lines.length !== 1) return null;
  const line = (lines[0] ?? '').trimStart();
  const match = /^-([r-][w-][x-])([r-][w-][x-])([r-][w-][x-])\s/.exec(line);
  if (!match || !line.endsWith(` ${name}`)) return null;
  let mode = 0;
  for (const triple of match.slice(1, 4)) {
    const [r, w, x] = [...(triple ?? '')];
    mode = mode * 0o10 + (r === 'r' ? 4 : 0) + (w === 'w' ? 2 : 0) + (x === 'x' ? 1 : 0);
  }
  return mode;
}
