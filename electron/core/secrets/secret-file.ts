import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { FerryError } from '../../../shared/errors';
import { writeFileAtomic } from '../sites/atomic-file';

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

export async function writeSecretFile(path: string, content: SecretFileContent): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
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
