/** The local home folder the local-pane specs start from. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Runs the app as an ordinary user, so that file permissions apply (root ignores them). */
export const NOBODY = { uid: 65534, gid: 65534 };

/** Home gets: two folders, three files of different sizes, a hidden file. */
export async function fillHome(home: string) {
  await mkdir(join(home, 'Projects', 'ferry'), { recursive: true });
  await mkdir(join(home, 'Music'));
  await writeFile(join(home, 'notes.txt'), 'hello');
  await writeFile(join(home, 'photo.jpg'), Buffer.alloc(1_234_567));
  await writeFile(join(home, 'report.pdf'), Buffer.alloc(45_000));
  await writeFile(join(home, '.bashrc'), 'secret');
}
