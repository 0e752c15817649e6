/**
 * `ferry --jump` through the harness's sshd as the jump host, to its sshd and vsftpd behind it
 * (reached as "localhost", a name the jump host resolves): a tree goes up and comes back byte
 * for byte, the jump host's password only from the environment and never printed, and what the
 * jump host refuses ends with the usual exit codes.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import { awkwardTree, treeManifest, writeTree } from '../core/transfers/testing';
import { runFerry, type CliRun } from './cli-testing';

const harness = harnessForSuite(['sftp', 'ftps-explicit'], 'ferry-cli-jump-');
let tree: string;
beforeAll(async () => {
  tree = join(harness.scratch, 'tree');
  await writeTree(tree, awkwardTree(8, 512 * 1024));
});

function ferry(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runFerry(args, {
    PW: harness.servers.user.password,
    JUMP_PW: harness.servers.user.password,
    FERRY_DATA_DIR: join(harness.scratch, 'data'),
    ...env,
  });
}

const user = (): string => harness.servers.user.name;
const jump = (): string[] => [
  '--jump',
  `${user()}@127.0.0.1:${harness.servers.sftp!.port}`,
  '--jump-password-env',
  'JUMP_PW',
];
const sftp = (path: string): string =>
  `sftp://${user()}@localhost:${harness.servers.sftp!.port}${path}`;
const ftpes = (path: string): string =>
  `ftpes://${user()}@localhost:${harness.servers.ftpsExplicit!.port}${path}`;

it('an unknown jump host key is refused without --accept-new-host-key (exit 4), nothing else tried', async () => {
  const run = await ferry(['ls', sftp('/~'), '--password-env', 'PW', ...jump()]);
  expect(run.code, run.stderr).toBe(4);
  expect(run.stderr).toContain(`127.0.0.1:${harness.servers.sftp!.port}`);
});

it('put -r and get -r over FTPS through the jump host: every file comes back, no password shown', async () => {
  const common = ['--password-env', 'PW', '--ca', harness.servers.ca.certPath, ...jump()];
  const accept = ['--accept-new-host-key'];
  const made = await ferry(['mkdir', ftpes('/via-jump'), ...common, ...accept]);
  expect(made.code, made.stderr).toBe(0);
  const up = await ferry(['put', '-r', tree, ftpes('/via-jump'), ...common, '-v']);
  expect(up.code, up.stderr).toBe(0);
  expect(up.stderr).toContain(
    `Connecting through SSH jump host ${user()}@127.0.0.1:${harness.servers.sftp!.port}`,
  );
  expect(up.stderr + up.stdout).not.toContain(harness.servers.user.password);
  const back = join(harness.scratch, 'back-ftps');
  await mkdir(back);
  const down = await ferry(['get', '-r', ftpes('/via-jump/tree'), back, ...common]);
  expect(down.code, down.stderr).toBe(0);
  expect(await treeManifest(join(back, 'tree'))).toEqual(await treeManifest(tree));
});

it('get -r over SFTP through the jump host, by a name only the jump host resolves', async () => {
  const common = ['--password-env', 'PW', '--accept-new-host-key', ...jump()];
  const back = join(harness.scratch, 'back-sftp');
  await mkdir(back);
  const remote = `${harness.servers.root}/via-jump/tree`;
  const down = await ferry(['get', '-r', sftp(remote), back, '--parallel', '3', ...common]);
  expect(down.code, down.stderr).toBe(0);
  expect(await treeManifest(join(back, 'tree'))).toEqual(await treeManifest(tree));
});

it('--jump-key logs in to the jump host with a key file', async () => {
  const listed = await ferry([
    'ls',
    sftp(harness.servers.root),
    '--password-env',
    'PW',
    '--accept-new-host-key',
    '--jump',
    `${user()}@127.0.0.1:${harness.servers.sftp!.port}`,
    '--jump-key',
    harness.servers.clientKey.unencryptedPrivateKeyPath,
    '--json',
  ]);
  expect(listed.code, listed.stderr).toBe(0);
  expect(JSON.stringify(JSON.parse(listed.stdout))).toContain('via-jump');
});

it('a wrong jump host password ends with exit 3 and says it was the jump host', async () => {
  const run = await ferry(['ls', sftp('/~'), '--password-env', 'PW', ...jump()], {
    JUMP_PW: 'not-the-password',
  });
  expect(run.code, run.stderr).toBe(3);
  expect(run.stderr).toContain(
    `jump host 127.0.0.1:${harness.servers.sftp!.port} refused the login`,
  );
  expect(run.stderr).not.toContain('not-the-password');
});

it('--jump-password-env without --jump is a usage error', async () => {
  const run = await ferry(['ls', sftp('/~'), '--password-env', 'PW', '--jump-password-env', 'X']);
  expect(run.code).toBe(2);
});

it('probe --jump checks through the jump host, says so, and grades the jump host’s own SSH port', async () => {
  const { sftp: ssh, ftpsExplicit } = harness.servers;
  const ports = `${ssh!.port},${ftpsExplicit!.port}`;
  const run = await ferry([
    'probe',
    'localhost',
    '--ports',
    ports,
    '--accept-new-host-key',
    ...jump(),
  ]);
  expect(run.code, run.stderr).toBe(0);
  const where = `127.0.0.1:${ssh!.port}`;
  expect(run.stdout).toContain(
    `Security check of localhost through the SSH jump host ${user()}@${where}`,
  );
  expect(run.stdout).toContain(`Jump host ${where} (its own SSH port):`);
  expect(run.stdout + run.stderr).not.toContain(harness.servers.user.password);
});

it('probe --jump ends as the connecting commands do when the jump host refuses: its unknown key (exit 4, nothing checked or remembered), a wrong password (exit 3)', async () => {
  const fresh = { FERRY_DATA_DIR: join(harness.scratch, 'data-probe-fresh') };
  for (let run = 0; run < 2; run += 1) {
    const refused = await ferry(['probe', 'localhost', ...jump()], fresh);
    expect(refused.code, refused.stderr).toBe(4);
    expect(refused.stderr).toContain(
      `127.0.0.1:${harness.servers.sftp!.port} is not a known server`,
    );
    expect(refused.stderr).toContain('--accept-new-host-key');
    expect(refused.stdout).toBe('');
  }
  const wrong = await ferry(['probe', 'localhost', '--accept-new-host-key', ...jump()], {
    ...fresh,
    JUMP_PW: 'not-the-password',
  });
  expect(wrong.code, wrong.stderr).toBe(3);
  expect(wrong.stderr).toContain('refused the login');
});

it('probe --jump with no way to log in there says so in words (exit 2), as the connecting commands do', async () => {
  const where = `${user()}@127.0.0.1:${harness.servers.sftp!.port}`;
  const run = await ferry(['probe', 'localhost', '--jump', where]);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toContain(`ferry: No password for the jump host ${user()}@127.0.0.1.`);
  expect(run.stderr).toContain('--jump-password-env NAME');
  expect(run.stderr).not.toContain('unexpected');
  const stray = await ferry(['probe', 'localhost', '--jump-key', 'k']);
  expect(stray.code, stray.stderr).toBe(2);
  expect(stray.stderr).toContain('need --jump');
});
