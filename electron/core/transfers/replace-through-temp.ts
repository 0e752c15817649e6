import { FerryError } from '../../../shared/errors';
import type { RemoteFs } from '../remote/remote-fs';

export interface ReplaceThroughTemp {
  fs: RemoteFs;
  /** The existing remote file being replaced. */
  target: string;
  /** A temporary name beside it (upload-temp.ts `uploadTempPathFor`). */
  tempPath: string;
  /** Bytes the temporary file already holds (a resumed upload); 0 for a fresh one. */
  offset: number;
  signal?: AbortSignal;
  /** The server refused to create `tempPath`, so the bytes go into the target after all. */
  onInPlace?: () => void;
  /**
   * Whether a failed write leaves the temporary file for a retry to continue (else removed; it
   * is kept anyway once the target is gone, as it then holds the only copy).
   */
  keepTemp(error: unknown): boolean;
  /** A last look once the bytes are written, right before they replace the target; may throw. */
  beforeReplace?: () => Promise<void>;
}

/**
 * Replaces an existing remote file the safe way (WinSCP's "transfer to temporary filename"):
 * `write` puts the new bytes into the temporary file, which then replaces the target in one
 * step where the server can (RemoteFs.replaceFile). Until then the old file stays whole,
 * whatever happens to the write. Used by uploads and by the editor's Save.
 */
export async function replaceThroughTemp(
  input: ReplaceThroughTemp,
  write: (path: string) => Promise<void>,
): Promise<void> {
  const { fs, tempPath, target } = input;
  try {
    await write(tempPath);
    if (input.beforeReplace) await input.beforeReplace();
    await fs.replaceFile(tempPath, target);
  } catch (error) {
    if (await refusedToCreate(input, error)) {
      // The server lets us write the file but not create one beside it (a folder we may not
      // write to): replacing it in place is the only way this write can succeed.
      input.onInPlace?.();
      return write(target);
    }
    if (!input.keepTemp(error) && !(await targetGone(input))) {
      await fs.deleteFile(tempPath).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * Whether the replace got as far as removing the target (replaceFile on a server that renames
 * nothing onto a file deletes it first) and then failed: the temporary file now holds the only
 * copy of the file, so it stays.
 */
async function targetGone(input: ReplaceThroughTemp): Promise<boolean> {
  return (await input.fs.stat(input.target).catch(() => undefined)) === null;
}

/** Whether the server refused to create the temporary file at all (it is not there). */
async function refusedToCreate(input: ReplaceThroughTemp, error: unknown): Promise<boolean> {
  if (input.offset !== 0 || input.signal?.aborted === true) return false;
  if (!(error instanceof FerryError) || error.code !== 'permission_denied') return false;
  return (await input.fs.stat(input.tempPath).catch(() => undefined)) === null;
}
