/**
 * `ferry --proxy` against real proxies (Dante: SOCKS5 with a login; tinyproxy: HTTP CONNECT):
 * a tree goes up and comes back byte for byte, the proxy's password only from the environment
 * and never printed, and what goes wrong at the proxy ends with the usual exit codes.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startProxies, type TestProxies } from '../../e2e/harness/proxies';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import { awkwardTree, treeManifest, writeTree } from '../core/transfers/testing';
import { runFerry, type CliRun } from './cli-testing';

const harness = harnessForSuite(['sftp', 'ftps-explicit'], 'ferry-cli-proxy-');
let proxies: TestProxies;
let tree: string;
beforeAll(async () => {
  proxies = await startProxies(harness.servers);
  tree = join(harness.scratch, 'tree');
  await writeTree(tree, awkwardTree(12, 1024 * 1024));
});
afterAll(async () => {
  await proxies.stop();
});

function ferry(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runFerry(args, {
    PW: harness.servers.user.password,
    FERRY_DATA_DIR: join(harness.scratch, 'data'),
    ...env,
  });
}

const ftpes = (path: string): string =>
  `ftpes://${harness.servers.user.name}@localhost:${harness.servers.ftpsExplicit!.port}${path}`;
const sftp = (path: string): string =>
  `sftp://${harness.servers.user.name}@localhost:${harness.servers.sftp!.port}${path}`;
const socksAuth = (): string => `socks5://${proxies.user.name}@127.0.0.1:${proxies.socksAuth.port}`;

it('put -r and get -r through SOCKS5 with a login: every file comes back, the password unseen', async () => {
  const common = [
    '--password-env',
    'PW',
    '--ca',
    harness.servers.ca.certPath,
    '--proxy',
    socksAuth(),
    '--proxy-password-env',
    'PROXY_PW',
  ];
  const env = { PROXY_PW: proxies.user.password };
  const made = await ferry(['mkdir', ftpes('/via-socks'), ...common], env);
  expect(made.code, made.stderr).toBe(0);
  const up = await ferry(['put', '-r', tree, ftpes('/via-socks'), ...common, '-v'], env);
  expect(up.code, up.stderr).toBe(0);
  expect(up.stderr).toContain(
    `Connecting through SOCKS5 proxy 127.0.0.1:${proxies.socksAuth.port}`,
  );
  expect(up.stderr + up.stdout).not.toContain(proxies.user.password);
  const back = join(harness.scratch, 'back');
  await mkdir(back);
  const down = await ferry(['get', '-r', ftpes('/via-socks/tree'), back, ...common], env);
  expect(down.code, down.stderr).toBe(0);
  expect(await treeManifest(join(back, 'tree'))).toEqual(await treeManifest(tree));
});

it('ls over SFTP through HTTP CONNECT', async () => {
  const listed = await ferry([
    'ls',
    sftp('/~'),
    '--password-env',
    'PW',
    '--accept-new-host-key',
    '--proxy',
    `http://127.0.0.1:${proxies.http.port}`,
    '--json',
  ]);
  expect(listed.code, listed.stderr).toBe(0);
  expect(JSON.parse(listed.stdout)).toMatchObject({ entries: expect.any(Array) });
});

it('exit 3 for a wrong proxy password, 5 for a closed proxy port, 2 for usage', async () => {
  const base = ['ls', sftp('/~'), '--password-env', 'PW', '--accept-new-host-key'];
  const wrong = await ferry([...base, '--proxy', socksAuth()], { FERRY_PROXY_PASSWORD: 'nope' });
  expect(wrong.code).toBe(3);
  expect(wrong.stderr).toContain('refused the proxy user name or password');
  const closed = await ferry([
    ...base,
    '--proxy',
    `socks5://127.0.0.1:${proxies.socks.port + 400}`,
  ]);
  expect(closed.code).toBe(5);
  expect(closed.stderr).toContain('Nothing is accepting connections at the SOCKS5 proxy');
  const noPassword = await ferry([...base, '--proxy', socksAuth()]);
  expect(noPassword.code).toBe(2);
  expect(noPassword.stderr).toContain('--proxy-password-env');
  const inUrl = await ferry([...base, '--proxy', `socks5://u:secret@127.0.0.1:1080`]);
  expect(inUrl.code).toBe(2);
  expect(inUrl.stderr).toContain('Put no password in the proxy address');
});

it('probe --proxy checks through the proxy and says so', async () => {
  const run = await ferry([
    'probe',
    'localhost',
    '--ports',
    String(harness.servers.sftp!.port),
    '--proxy',
    `socks5://127.0.0.1:${proxies.socks.port}`,
  ]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain(
    `Security check of localhost through the SOCKS5 proxy 127.0.0.1:${proxies.socks.port}`,
  );
});
