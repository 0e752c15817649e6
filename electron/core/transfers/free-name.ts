import { FerryError } from '../../../shared/errors';

/** "report.pdf" → ["report", ".pdf"]; ".bashrc" → [".bashrc", ""]; "a.tar.gz" → ["a", ".tar.gz"]. */
function splitExtension(name: string): [string, string] {
  const tar = /^(.+?)(\.tar\.[^.]+)$/iu.exec(name);
  if (tar) return [tar[1] ?? name, tar[2] ?? ''];
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return [name, ''];
  return [name.slice(0, dot), name.slice(dot)];
}

/** The n-th alternative to `name`: "report (n).pdf". */
export function numberedName(name: string, n: number): string {
  const [stem, extension] = splitExtension(name);
  return `${stem} (${n})${extension}`;
}

const MAX_TRIES = 10_000;

/** The first "name (n).ext" that `isTaken` says is free. */
export async function freeName(
  name: string,
  isTaken: (candidate: string) => boolean | Promise<boolean>,
): Promise<string> {
  for (let n = 1; n <= MAX_TRIES; n++) {
    const candidate = numberedName(name, n);
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new FerryError(
    'already_exists',
    `Ferry found no free name for "${name}".`,
    'Clean up the folder, or choose another action than "rename".',
  );
}
