import { createHash, randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { FerryError } from '../../../shared/errors';
import { refusedFtpNameReason } from '../remote/server-names';
import { isPartFileName } from './part-file';

/**
 * An upload that replaces an existing remote file writes to a temporary name beside it and
 * renames that onto the target once complete (WinSCP's "transfer to temporary filename"): until
 * then the old file stays whole, whatever happens to the upload. The name follows the download
 * part files (hidden, a random token, the `.ferry-part` suffix Ferry recognises), so no server
 * listing can name another job's temporary file and no two jobs share one. The job keeps the
 * path, so only it resumes or removes that file.
 */
const SUFFIX = '.ferry-part';
const TOKEN_BYTES = 6;
/** Longest name most servers' file systems take, in bytes. */
const MAX_NAME_BYTES = 255;

/** A new, unpredictable temporary name beside the remote `target` (an absolute POSIX path). */
export function uploadTempPathFor(target: string): string {
  const name = posix.basename(target);
  const token = randomBytes(TOKEN_BYTES).toString('hex');
  let temp = `.${name}.${token}${SUFFIX}`;
  if (Buffer.byteLength(temp, 'utf8') > MAX_NAME_BYTES) {
    const digest = createHash('sha256').update(name).digest('hex').slice(0, 32);
    temp = `.ferry-${digest}.${token}${SUFFIX}`;
  }
  // The target's name was fine for the server; a name built from it must be too (FTP's rules
  // are the stricter), and must stay one of Ferry's own.
  const refused = refusedFtpNameReason(temp);
  if (refused !== undefined || !isPartFileName(temp)) {
    throw new FerryError(
      'unsafe_name',
      `Ferry could not make a temporary name beside "${name}" on the server (${refused ?? 'not a part-file name'}).`,
      'Rename the file, then upload it again.',
    );
  }
  return posix.join(posix.dirname(target), temp);
}

/** Whether `temp` is exactly a name uploadTempPathFor gives a target named `name` (any token). */
export function isUploadTempName(name: string, temp: string): boolean {
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 32);
  const token = /^[0-9a-f]{12}$/;
  for (const prefix of [`.${name}.`, `.ferry-${digest}.`]) {
    if (!temp.startsWith(prefix) || !temp.endsWith(SUFFIX)) continue;
    if (token.test(temp.slice(prefix.length, temp.length - SUFFIX.length))) return true;
  }
  return false;
}
