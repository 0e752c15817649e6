/**
 * The `ferry` command against the real harness servers: put/get round trips per protocol with
 * checksums, and the exit codes scripts rely on (2 usage, 3 auth, 4 trust, 5 connection).
 */
import { chmod, mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mountSmallDisk } from '../../e2e/harness/small-disk';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import { awkwardTree, treeManifest, writeTree, type ProtocolKind } from '../core/transfers/testing';
import { runFerry, type CliRun } from './cli-testing';

const KINDS: ProtocolKind[] = [
  'sftp',
  'ftps-explicit',
  'ftps-explicit-tls12',
  'ftps-implicit',
  'ftp',
];

const harness = harnessForSuite(KINDS, 'ferry-cli-');
let tree: string;

function ferry(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runFerry(args, {
    ...env,
    FERRY_DATA_DIR: env.FERRY_DATA_DIR ?? join(harness.scratch, 'data-default'),
  });
}

function url(kind: ProtocolKind, path: string, port?: number): string {
  const scheme = {
    sftp: 'sftp',
    'ftps-explicit': 'ftpes',
    'ftps-explicit-tls12': 'ftpes',
    'ftps-implicit': 'ftps',
    ftp: 'ftp',
  }[kind];
  const ports = {
    sftp: harness.servers.sftp?.port,
    'ftps-explicit': harness.servers.ftpsExplicit?.port,
    'ftps-explicit-tls12': harness.servers.ftpsExplicitTls12?.port,
    'ftps-implicit': harness.servers.ftpsImplicit?.port,
    ftp: harness.servers.ftp?.port,
  };
  return `${scheme}://${harness.servers.user.name}@127.0.0.1:${port ?? ports[kind]}${path}`;
}

/** What each protocol needs to be trusted, given explicitly as a careful user would. */
function trustFlags(kind: ProtocolKind): string[] {
  if (kind === 'sftp') return ['--accept-new-host-key'];
  if (kind === 'ftp') return ['--insecure-plain-ftp'];
  return ['--ca', harness.servers.ca.certPath];
}

beforeAll(async () => {
  tree = join(harness.scratch, 'tree');
  await writeTree(tree, awkwardTree(24, 3 * 1024 * 1024));
});

describe.each(KINDS)('%s', (kind) => {
  it('put -r then get -r gives back every file, byte for byte', async () => {
    const env = {
      PW: harness.servers.user.password,
      FERRY_DATA_DIR: join(harness.scratch, `data-${kind}`),
    };
    const remoteFolder = kind === 'sftp' ? `/~/${kind}` : `/${kind}`;
    const common = ['--password-env', 'PW', ...trustFlags(kind)];
    const made = await ferry(['mkdir', url(kind, remoteFolder), ...common], env);
    expect(made.stderr).not.toContain(harness.servers.user.password);
    expect(made.code).toBe(0);

    const up = await ferry(['put', '-r', tree, url(kind, remoteFolder), ...common, '--json'], env);
    expect(up.code, up.stderr).toBe(0);
    const report = JSON.parse(up.stdout) as { ok: boolean; files: { done: number } };
    expect(report.ok).toBe(true);
    expect(report.files.done).toBe(24);

    const back = join(harness.scratch, `back-${kind}`);
    await mkdir(back);
    const down = await ferry(
      ['get', '-r', url(kind, `${remoteFolder}/tree`), back, ...common, '--parallel', '3'],
      env,
    );
    expect(down.code, down.stderr).toBe(0);
    expect(down.stderr).toMatch(/Downloaded 24 files/);
    expect(await treeManifest(join(back, 'tree'))).toEqual(await treeManifest(tree));

    const listed = await ferry(['ls', url(kind, `${remoteFolder}/tree`), ...common, '--json'], env);
    expect(listed.code).toBe(0);
    const names = (JSON.parse(listed.stdout) as { entries: { name: string }[] }).entries.map(
      (e) => e.name,
    );
    expect(names).toContain('empty');

    const removed = await ferry(['rm', '-r', url(kind, remoteFolder), ...common], env);
    expect(removed.code, removed.stderr).toBe(0);
  });
});

describe.each(['sftp', 'ftps-explicit-tls12'] as const)('%s, one file', (kind) => {
  it('put to a new name, then over it as --on-conflict says, byte for byte', async () => {
    const env = {
      PW: harness.servers.user.password,
      FERRY_DATA_DIR: join(harness.scratch, `data-one-${kind}`),
    };
    const common = ['--password-env', 'PW', ...trustFlags(kind)];
    const folder = kind === 'sftp' ? `/~/one-${kind}` : `/one-${kind}`;
    expect((await ferry(['mkdir', url(kind, folder), ...common], env)).code).toBe(0);
    const [first, second] = [
      join(harness.scratch, `first-${kind}`),
      join(harness.scratch, `second-${kind}`),
    ];
    await writeFile(first, 'first version\n');
    await writeFile(second, 'the second, longer version\n');
    const put = (local: string, conflict: string) =>
      ferry(
        ['put', local, url(kind, `${folder}/doc.txt`), ...common, '--on-conflict', conflict],
        env,
      );
    const fetch = async (name: string): Promise<string> => {
      const local = join(harness.scratch, `got-${kind}-${name}`);
      const got = await ferry(['get', url(kind, `${folder}/${name}`), local, ...common], env);
      expect(got.code, got.stderr).toBe(0);
      return readFile(local, 'utf8');
    };

    expect((await put(first, 'skip')).code).toBe(0);
    expect(await fetch('doc.txt')).toBe('first version\n');
    const skipped = await put(second, 'skip');
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/Uploaded 0 files/);
    expect(await fetch('doc.txt')).toBe('first version\n');
    expect((await put(second, 'rename')).code).toBe(0);
    expect(await fetch('doc (1).txt')).toBe('the second, longer version\n');
    expect((await put(second, 'overwrite')).code).toBe(0);
    expect(await fetch('doc.txt')).toBe('the second, longer version\n');
  });

  it('get of one file keeps its bytes, mode and time, looking the file up once, without a listing', async () => {
    const env = {
      PW: harness.servers.user.password,
      FERRY_DATA_DIR: join(harness.scratch, `data-get-${kind}`),
    };
    const common = ['--password-env', 'PW', ...trustFlags(kind)];
    const folder = kind === 'sftp' ? `/~/get-${kind}` : `/get-${kind}`;
    expect((await ferry(['mkdir', url(kind, folder), ...common], env)).code).toBe(0);
    const source = join(harness.scratch, `private-${kind}`);
    await writeFile(source, 'for my eyes only\n');
    await chmod(source, 0o600);
    await utimes(source, new Date('2024-05-06T07:08:09Z'), new Date('2024-05-06T07:08:09Z'));
    const sent = await ferry(['put', source, url(kind, `${folder}/private.txt`), ...common], env);
    expect(sent.code, sent.stderr).toBe(0);

    const local = join(harness.scratch, `private-back-${kind}`);
    const got = await ferry(
      ['get', url(kind, `${folder}/private.txt`), local, ...common, '-v'],
      env,
    );
    expect(got.code, got.stderr).toBe(0);
    expect(await readFile(local, 'utf8')).toBe('for my eyes only\n');
    const facts = await stat(local);
    expect(facts.mode & 0o777).toBe(0o600);
    expect(facts.mtime.toISOString()).toBe('2024-05-06T07:08:09.000Z');
    if (kind !== 'sftp') {
      expect(got.stderr.match(/\[command\] SIZE /g)).toHaveLength(1);
      // Its mode came from STAT on the control connection: no listing, no data connection.
      expect(got.stderr).not.toMatch(/\[command\] LIST/);
    }

    // A name STAT could read as a pattern: the folder's listing tells the mode instead.
    const spaced = url(kind, `${folder}/my private.txt`);
    expect((await ferry(['put', source, spaced, ...common], env)).code).toBe(0);
    const spacedBack = join(harness.scratch, `spaced-back-${kind}`);
    expect((await ferry(['get', spaced, spacedBack, ...common], env)).code).toBe(0);
    expect(await readFile(spacedBack, 'utf8')).toBe('for my eyes only\n');
    expect((await stat(spacedBack)).mode & 0o777).toBe(0o600);
  });
});

describe('exit codes', () => {
  it('3 for a wrong password (SFTP and FTPS)', async () => {
    const sftp = await ferry(
      ['ls', url('sftp', '/'), '--password-env', 'PW', '--accept-new-host-key'],
      { PW: 'wrong' },
    );
    expect(sftp.code).toBe(3);
    expect(sftp.stderr).toMatch(/refused the user name or password/);
    const ftps = await ferry(
      [
        'ls',
        url('ftps-explicit', '/'),
        '--password-env',
        'PW',
        '--ca',
        harness.servers.ca.certPath,
      ],
      {
        PW: 'wrong',
      },
    );
    expect(ftps.code).toBe(3);
  });

  it('4 for an unknown host key without --accept-new-host-key, naming its fingerprint', async () => {
    const run = await ferry(['ls', url('sftp', '/'), '--password-env', 'PW'], {
      PW: harness.servers.user.password,
      FERRY_DATA_DIR: join(harness.scratch, 'data-fresh'),
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(harness.servers.sftp?.hostKeys[0]?.fingerprint ?? 'missing');
    expect(run.stderr).toMatch(/--accept-new-host-key/);
  });

  it('4 for a changed host key, even with --accept-new-host-key', async () => {
    const knownHosts = join(harness.scratch, 'changed-known-hosts.json');
    await writeFile(
      knownHosts,
      JSON.stringify({
        version: 1,
        keys: [
          {
            host: '127.0.0.1',
            port: harness.servers.sftp?.port,
            keyType: 'ssh-ed25519',
            fingerprint: `SHA256:${'A'.repeat(43)}`,
            addedAt: new Date().toISOString(),
          },
        ],
      }),
    );
    const run = await ferry(
      [
        'ls',
        url('sftp', '/'),
        '--password-env',
        'PW',
        '--known-hosts',
        knownHosts,
        '--accept-new-host-key',
      ],
      { PW: harness.servers.user.password },
    );
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/WARNING/);
  });

  it('4 for an untrusted certificate; --trust-cert with its fingerprint connects', async () => {
    const refused = await ferry(['ls', url('ftps-implicit', '/'), '--password-env', 'PW'], {
      PW: harness.servers.user.password,
    });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(harness.servers.serverCert.fingerprint256);
    const pinned = await ferry(
      [
        'ls',
        url('ftps-implicit', '/'),
        '--password-env',
        'PW',
        '--trust-cert',
        harness.servers.serverCert.fingerprint256,
      ],
      { PW: harness.servers.user.password },
    );
    expect(pinned.code, pinned.stderr).toBe(0);
  });

  it('5 when nothing listens', async () => {
    const { unusedPort } = await import('../core/remote/ftp-test-kit');
    const port = await unusedPort();
    const run = await ferry(
      ['ls', url('sftp', '/', port), '--password-env', 'PW', '--accept-new-host-key'],
      { PW: 'x' },
    );
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/Nothing is accepting connections/);
  });

  it('2 for usage errors: plain FTP without acknowledgement, a folder without -r, no password', async () => {
    const plain = await ferry(['ls', url('ftp', '/'), '--password-env', 'PW'], {
      PW: harness.servers.user.password,
    });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/--insecure-plain-ftp/);
    const folder = await ferry(
      [
        'get',
        url('ftp', '/'),
        join(harness.scratch, 'x'),
        '--password-env',
        'PW',
        '--insecure-plain-ftp',
      ],
      { PW: harness.servers.user.password },
    );
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/-r/);
    const noPassword = await ferry(['ls', url('sftp', '/'), '--accept-new-host-key']);
    expect(noPassword.code).toBe(2);
    expect((await ferry(['frobnicate'])).code).toBe(2);
  });
});

describe('ferry put --exclude', () => {
  it('leaves out the names given at any depth, says which, and refuses a path as a pattern', async () => {
    const env = { PW: harness.servers.user.password, FERRY_DATA_DIR: join(harness.scratch, 'x') };
    const project = join(harness.scratch, 'excluded-project');
    await mkdir(join(project, '.git'), { recursive: true });
    await mkdir(join(project, 'src'), { recursive: true });
    await writeFile(join(project, '.git/HEAD'), 'ref\n');
    await writeFile(join(project, 'src/app.js'), 'code\n');
    await writeFile(join(project, 'src/old.TMP'), 'scratch\n');
    const common = ['--password-env', 'PW', ...trustFlags('sftp')];
    const target = url('sftp', '/~/');
    const args = ['put', '-r', project, target, ...common, '--exclude', '.git'];
    const up = await ferry([...args, '--exclude', '*.tmp'], env);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain('.git: Left out: matches ".git" in the exclusion list.');
    expect(up.stderr).toContain('src/old.TMP: Left out: matches "*.tmp" in the exclusion list.');
    const arrived = await treeManifest(join(harness.servers.root, 'excluded-project'));
    expect(Object.keys(arrived.files)).toEqual(['src/app.js']);

    const wrong = await ferry([...args, '--exclude', 'src/old.TMP'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/holds a folder path: write one name/);
  });
});

describe('ferry probe', () => {
  it('0 with SSH on offer, naming the harness host key; 6 with only plain FTP; 2 for bad ports', async () => {
    const secure = await ferry([
      'probe',
      '127.0.0.1',
      '--ports',
      `${harness.servers.sftp!.port},${harness.servers.ftp!.port}`,
      '--json',
    ]);
    expect(secure.code).toBe(0);
    expect(secure.stdout).toContain(harness.servers.sftp!.hostKeys[0]!.fingerprint);
    const plainOnly = await ferry([
      'probe',
      '127.0.0.1',
      '--ports',
      String(harness.servers.ftp!.port),
    ]);
    expect(plainOnly.code).toBe(6);
    expect((await ferry(['probe', '127.0.0.1', '--ports', 'abc'])).code).toBe(2);
  });
});

describe('a full disk', () => {
  it('ends a tree download with one line saying why and how many files did not come', async () => {
    const env = {
      PW: harness.servers.user.password,
      FERRY_DATA_DIR: join(harness.scratch, 'data-full'),
    };
    const source = harness.servers.fixtures.abs('full-source');
    await writeTree(source, awkwardTree(40, 256 * 1024));
    const disk = mountSmallDisk(join(harness.scratch, 'full-disk'), 128 * 1024);
    try {
      const common = ['--password-env', 'PW', ...trustFlags('ftps-explicit')];
      const run = await ferry(
        ['get', '-r', url('ftps-explicit', '/full-source'), disk.path, ...common],
        env,
      );
      expect(run.code).toBe(1);
      const stopped = run.stderr.split('\n').filter((line) => line.startsWith('stopped: '));
      expect(stopped).toHaveLength(1);
      expect(stopped[0]).toMatch(/no space left on the drive.*\(Free some space/);
      expect(run.stderr).toMatch(/\d+ files were not transferred\./);
      expect(run.stderr).not.toMatch(/^failed: /m);
    } finally {
      disk.unmount();
    }
  });
});
