/**
 * The file tree a hostile test server serves. Names are whatever the test wants the server to
 * claim (`../escape`, `/abs`, `a/b`, control characters…), so the tree is nested by structure,
 * not by path strings.
 */
export type HostileEntry =
  | HostileFile
  | { name: string; kind: 'folder'; entries: HostileEntry[] }
  | { name: string; kind: 'symlink'; target: string };

export interface HostileFile {
  name: string;
  kind: 'file';
  /** What the file holds; its length is the size listings and SIZE announce. */
  data: Buffer;
  mtime?: number;
  /**
   * Keep sending `data` over and over after its end, as a server that lies about the size (or
   * a file that never stops growing) would; up to ENDLESS_CAP_BYTES, so a client without a
   * limit fills at most that much disk.
   */
  endless?: boolean;
}

export type HostileFolder = Extract<HostileEntry, { kind: 'folder' }>;

/** Where an "endless" file really ends (a safety net for the test machine, not a feature). */
export const ENDLESS_CAP_BYTES = 256 * 1024 * 1024;

/** The bytes of `file` from `offset` on, at most `length` of them (empty: end of file). */
export function bytesAt(file: HostileFile, offset: number, length: number): Buffer {
  const size = file.endless ? ENDLESS_CAP_BYTES : file.data.length;
  if (offset >= size || file.data.length === 0) return Buffer.alloc(0);
  const end = Math.min(size, offset + length);
  if (!file.endless) return file.data.subarray(offset, end);
  const out = Buffer.alloc(end - offset);
  for (let at = 0; at < out.length;) {
    const from = (offset + at) % file.data.length;
    at += file.data.copy(out, at, from);
  }
  return out;
}

/**
 * Finds what a request path names, walking plain segments only: a client that asks for a
 * hostile name gets nothing (and the request is on record for the test to see).
 */
export function lookup(root: HostileFolder, path: string): HostileEntry | undefined {
  let here: HostileEntry = root;
  for (const segment of path.split('/').filter((s) => s !== '' && s !== '.')) {
    if (here.kind !== 'folder') return undefined;
    const next: HostileEntry | undefined = here.entries.find((e) => e.name === segment);
    if (!next) return undefined;
    here = next;
  }
  return here;
}

/** `ls -l` style line, as FTP LIST and SFTP longname show it. */
export function longName(entry: HostileEntry): string {
  const mode =
    entry.kind === 'folder' ? 'drwxr-xr-x' : entry.kind === 'symlink' ? 'lrwxrwxrwx' : '-rw-r--r--';
  const size = entry.kind === 'file' ? entry.data.length : 0;
  const name = entry.kind === 'symlink' ? `${entry.name} -> ${entry.target}` : entry.name;
  return `${mode}    1 owner    group    ${String(size).padStart(8)} Jan 01  2024 ${name}`;
}

/** The tree every hostile test uses: a safe file or two beside names that try to escape. */
export function hostileTree(): HostileFolder {
  const payload = Buffer.from('escaped!\n');
  const hostileNames = (prefix: string): HostileEntry[] => [
    { name: '../escape', kind: 'file', data: payload },
    { name: '../../escape-two', kind: 'file', data: payload },
    { name: '/abs', kind: 'file', data: payload },
    { name: '/tmp/ferry-hostile-abs', kind: 'file', data: payload },
    { name: 'a/b', kind: 'file', data: payload },
    { name: '..\\win', kind: 'file', data: payload },
    { name: 'C:\\evil', kind: 'file', data: payload },
    { name: 'nul', kind: 'file', data: payload },
    { name: 'COM1.txt', kind: 'file', data: payload },
    { name: `bell\u0007${prefix}`, kind: 'file', data: payload },
    { name: `esc\u001b[2J${prefix}`, kind: 'file', data: payload },
    { name: 'trailing.', kind: 'file', data: payload },
    { name: '..', kind: 'folder', entries: [] },
    { name: '../up-folder', kind: 'folder', entries: [{ name: 'x', kind: 'file', data: payload }] },
    { name: 'loop', kind: 'symlink', target: '.' },
  ];
  return {
    name: '/',
    kind: 'folder',
    entries: [
      {
        name: 'evil',
        kind: 'folder',
        entries: [
          { name: 'safe.txt', kind: 'file', data: Buffer.from('safe and sound\n') },
          ...hostileNames('top'),
          {
            name: 'sub',
            kind: 'folder',
            entries: [
              { name: 'also safe.txt', kind: 'file', data: Buffer.from('nested and safe\n') },
              ...hostileNames('sub'),
            ],
          },
        ],
      },
    ],
  };
}
