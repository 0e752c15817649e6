/**
 * The file tree a hostile test server serves. Names are whatever the test wants the server to
 * claim (`../escape`, `/abs`, `a/b`, control characters…), so the tree is nested by structure,
 * not by path strings.
 */
export type HostileEntry =
  | { name: string; kind: 'file'; data: Buffer; mtime?: number }
  | { name: string; kind: 'folder'; entries: HostileEntry[] }
  | { name: string; kind: 'symlink'; target: string };

export type HostileFolder = Extract<HostileEntry, { kind: 'folder' }>;

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
