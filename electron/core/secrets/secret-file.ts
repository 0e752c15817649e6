import { readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import { FerryError } from '../../../shared/errors';
import { removeStaleTemps, writeFileAtomic, type AtomicWriteOptions } from '../sites/atomic-file';
import { withFileLock } from '../sites/file-lock';

/**
 * A small JSON file of encrypted entries, shared by the safeStorage store and the master-password
 * vault. It holds ciphertext only; `extra` carries the vault's key-derivation facts.
 */
const fileSchema = z.object({
  version: z.literal(1),
  kind: z.enum(['safe-storage', 'master-password']),
  extra: z.record(z.string(), z.string()).optional(),
  entries: z.record(z.string(), z.string()),
});
export type SecretFileContent = z.infer<typeof fileSchema>;

export async function readSecretFile(path: string): Promise<SecretFileContent | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FerryError(
      'secret_unavailable',
      `Ferry could not read its saved passwords (${path}).`,
      'Check that the file is readable by you.',
      { cause: error },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    throw new FerryError(
      'secret_unavailable',
      `Ferry's file of saved passwords is damaged (${path}).`,
      'Type the passwords when you connect; move the file aside to start saving them again.',
    );
  }
  return parsed.data;
}

export async function writeSecretFile(
  path: string,
  content: SecretFileContent,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(content, null, 2)}\n`, { ...options, mode: 0o600 });
}

/** Writes the new content of the file; only while the lock is still held. */
export type CommitSecretFile = (content: SecretFileContent) => Promise<void>;

/**
 * A read-modify-write of a secret file: one at a time in this process (the queue) and across
 * processes (the file's lock), so a password saved by the `ferry` command or another window at
 * the same moment is never lost. `task` reads the file itself, then commits (or removes) once.
 */
export function lockedSecretUpdate<T>(
  queue: SerialQueue,
  path: string,
  task: (commit: CommitSecretFile, remove: () => Promise<void>) => Promise<T>,
  writeOptions: AtomicWriteOptions = {},
): Promise<T> {
  return queue.run(() =>
    withFileLock(path, async (lock) => {
      // What a writer that crashed mid-write left behind (old enough not to be in progress).
      await removeStaleTemps(path);
      return task(
        (content) =>
          writeSecretFile(path, content, {
            ...writeOptions,
            beforeRename: async (temp) => {
              await lock.assertHeld();
              await writeOptions.beforeRename?.(temp);
            },
          }),
        async () => {
          await lock.assertHeld();
          await rm(path, { force: true });
        },
      );
    }),
  );
}

/** Serialises read-modify-write cycles on one file within this process. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
