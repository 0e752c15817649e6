/**
 * `ferry --encoding` against the real vsftpd: a folder whose names are Windows-1252 bytes on the
 * server's disk is listed by its names, a file downloaded by its name (SHA-256), and a new name
 * uploaded arrives as Windows-1252 bytes.
 */
import { randomBytes } from 'node:crypto';
import { lchown, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { sha256, sha256File } from '../../e2e/harness/checksums';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import { type CliRun, runFerry } from './cli-testing';

const harness = harnessForSuite(['sftp', 'ftps-explicit'], 'ferry-cli-encoding-');
const content = randomBytes(50_000);
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

beforeAll(async () => {
  const root = harness.servers.root;
  const owner = await stat(root);
  await mkdir(`${root}/legacy`);
  await lchown(`${root}/legacy`, owner.uid, owner.gid);
  const cafe = Buffer.concat([Buffer.from(`${root}/legacy/`), latin1('café.txt')]);
  await writeFile(cafe, content);
  await lchown(cafe, owner.uid, owner.gid);
});

function ferry(args: string[]): Promise<CliRun> {
  return runFerry([...args, '--password-env', 'PW', '--ca', harness.servers.ca.certPath], {
    PW: harness.servers.user.password,
    FERRY_DATA_DIR: join(harness.scratch, 'data'),
  });
}

const ftpes = (path: string): string =>
  `ftpes://${harness.servers.user.name}@localhost:${harness.servers.ftpsExplicit!.port}${path}`;

it('lists, downloads and uploads Windows-1252 names with --encoding', async () => {
  const listed = await ferry(['ls', ftpes('/legacy'), '--encoding', 'cp1252']);
  expect(listed.code, listed.stderr).toBe(0);
  expect(listed.stdout).toContain('café.txt');

  const local = join(harness.scratch, 'café.txt');
  const got = await ferry(['get', ftpes('/legacy/café.txt'), local, '--encoding', 'windows-1252']);
  expect(got.code, got.stderr).toBe(0);
  expect(await sha256File(local)).toBe(sha256(content));

  const upload = join(harness.scratch, 'naïve €.txt');
  await writeFile(upload, 'n');
  const put = await ferry(['put', upload, ftpes('/legacy/'), '--encoding', 'windows-1252']);
  expect(put.code, put.stderr).toBe(0);
  const names = await readdir(`${harness.servers.root}/legacy`, { encoding: 'buffer' });
  const expected = Buffer.concat([latin1('naïve '), Buffer.from([0x80]), latin1('.txt')]);
  expect(names.some((name) => name.equals(expected))).toBe(true);
});

it('refuses an encoding it does not know, and --encoding with sftp://, as usage errors', async () => {
  const unknown = await ferry(['ls', ftpes('/legacy'), '--encoding', 'ebcdic']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/"ebcdic" is not an encoding Ferry knows/);
  const sftp = `sftp://${harness.servers.user.name}@localhost:${harness.servers.sftp!.port}/`;
  const wrong = await ferry(['ls', sftp, '--encoding', 'shift_jis']);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toMatch(/ftp:\/\/ and ftps:\/\/ only/);
});
