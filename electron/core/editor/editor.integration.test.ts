/**
 * The built-in editor against real servers (OpenSSH's SFTP, vsftpd with explicit FTPS): what
 * is typed arrives byte for byte with the file's own line endings, a copy changed on the server
 * meanwhile is reported and left alone, and a refused save says so and leaves the file whole.
 */
import { chmod, readdir, readFile, stat, utimes } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { posix } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../../e2e/harness/checksums';
import { mountSmallDisk } from '../../../e2e/harness/small-disk';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { OpenedText } from '../../../shared/contract/editor';
import { FerryError } from '../../../shared/errors';
import { EDITOR_MAX_BYTES } from '../../../shared/text-file';
import type { RemoteFs } from '../remote/remote-fs';
import { connectTo, remoteRoot, type ProtocolKind } from '../transfers/testing';
import { readTextFile } from './read-text';
import { writeTextFile } from './write-text';

const KINDS = ['sftp', 'ftps-explicit'] as const satisfies readonly ProtocolKind[];
const harness = harnessForSuite(KINDS);

describe.each(KINDS)('the editor over %s', (kind) => {
  let fs: RemoteFs;
  let folder: string;
  let n = 0;
  beforeEach(async () => {
    n += 1;
    folder = `editor-${kind}-${n}`;
    await harness.servers.fixtures.mkdir(folder);
    fs = await connectTo(harness.servers, kind);
  });
  afterEach(async () => {
    await fs.close();
  });

  /** The server path of `name` in this test's folder, and the file's place on disk. */
  const at = (name: string) => ({
    remote: posix.join(remoteRoot(harness.servers, kind), folder, name),
    disk: harness.servers.fixtures.abs(`${folder}/${name}`),
  });
  const put = (name: string, data: string | Buffer) =>
    harness.servers.fixtures.writeFile(`${folder}/${name}`, data);

  /** Saves `text` over the file as `opened` read it, through `via` (a misbehaving server). */
  async function save(opened: OpenedText, text: string, overwrite = false, via = fs) {
    return writeTextFile(via, {
      path: opened.path,
      text,
      format: opened,
      expected: opened.version,
      overwrite,
    });
  }

  it('saves what was typed with the file’s CRLF endings and no final newline, keeping its mode', async () => {
    const file = at('site.conf');
    await put('site.conf', 'listen 80;\r\nroot /var/www;');
    await chmod(file.disk, 0o640);
    const opened = await readTextFile(fs, file.remote);
    expect(opened).toMatchObject({ text: 'listen 80;\nroot /var/www;', lineEnding: 'crlf' });

    const outcome = await save(opened, 'listen 8080;\nroot /var/www;');
    expect(outcome.outcome).toBe('saved');
    const typed = Buffer.from('listen 8080;\r\nroot /var/www;');
    expect(sha256(await readFile(file.disk))).toBe(sha256(typed));
    expect((await stat(file.disk)).mode & 0o777).toBe(0o640);
    // The temporary file was renamed over the old one: nothing else is left in the folder.
    expect(await readdir(harness.servers.fixtures.abs(folder))).toEqual(['site.conf']);
    // The save's answer is the new baseline: a second save needs no conflict question.
    if (outcome.outcome !== 'saved') return;
    const again = await save({ ...opened, version: outcome.version }, 'listen 8081;\n');
    expect(again.outcome).toBe('saved');
    expect(sha256(await readFile(file.disk))).toBe(sha256('listen 8081;\r\n'));
  });

  it('gives an unchanged file back byte for byte (BOM, LF, final newline)', async () => {
    const original = Buffer.from('\uFEFFkey = "grüße"\nother = 1\n');
    await put('unchanged.toml', original);
    const opened = await readTextFile(fs, at('unchanged.toml').remote);
    expect(opened.bom).toBe(true);
    expect((await save(opened, opened.text)).outcome).toBe('saved');
    expect(sha256(await readFile(at('unchanged.toml').disk))).toBe(sha256(original));
  });

  it('saves a file larger than one request (1 MiB) through the streamed upload', async () => {
    const line = 'abcdefghijklmnopqrstuvwxyz0123456789\n';
    const original = line.repeat(Math.ceil((1024 * 1024) / line.length));
    await put('big.txt', original);
    const opened = await readTextFile(fs, at('big.txt').remote);
    const typed = `# edited\n${opened.text}`;
    expect((await save(opened, typed)).outcome).toBe('saved');
    expect(sha256(await readFile(at('big.txt').disk))).toBe(sha256(typed));
  });

  it('reports a copy changed on the server meanwhile and writes nothing until told to overwrite', async () => {
    const file = at('shared.ini');
    await put('shared.ini', 'mode=a\n');
    const opened = await readTextFile(fs, file.remote);
    // Someone else saves the same size within the same second: only the bytes tell.
    const before = await stat(file.disk);
    await put('shared.ini', 'mode=b\n');
    await utimes(file.disk, before.atime, before.mtime);

    const outcome = await save(opened, 'mode=mine\n');
    expect(outcome.outcome).toBe('changed');
    expect(await readFile(file.disk, 'utf8')).toBe('mode=b\n');

    expect((await save(opened, 'mode=mine\n', true)).outcome).toBe('saved');
    expect(await readFile(file.disk, 'utf8')).toBe('mode=mine\n');
  });

  it('reports a file deleted on the server meanwhile', async () => {
    await put('gone.txt', 'x\n');
    const opened = await readTextFile(fs, at('gone.txt').remote);
    await fs.deleteFile(at('gone.txt').remote);
    expect(await save(opened, 'y\n')).toEqual({ outcome: 'deleted' });
    expect(await readdir(harness.servers.fixtures.abs(folder))).toEqual([]);
  });

  it('says a save was refused (permission denied) and leaves the server’s file whole', async () => {
    const file = at('locked.conf');
    await put('locked.conf', 'secure=yes\n');
    await chmod(file.disk, 0o444);
    await chmod(harness.servers.fixtures.abs(folder), 0o555);
    try {
      const opened = await readTextFile(fs, file.remote);
      await expect(save(opened, 'secure=no\n')).rejects.toMatchObject({
        code: 'permission_denied',
        message: expect.stringContaining('does not let you change "locked.conf"'),
        hint: expect.stringContaining('write access'),
      });
      expect(await readFile(file.disk, 'utf8')).toBe('secure=yes\n');
    } finally {
      await chmod(harness.servers.fixtures.abs(folder), 0o755);
    }
    expect(await readdir(harness.servers.fixtures.abs(folder))).toEqual(['locked.conf']);
  });

  it('says so when the server removed the old copy but refused the new one its name, and keeps the text', async () => {
    const file = at('removed.txt');
    await put('removed.txt', 'old\n');
    const opened = await readTextFile(fs, file.remote);
    // A server that renames nothing onto a file (replaceFile deletes the old one first there)
    // and then refuses the rename as well.
    const refusing = withMethod(fs, 'replaceFile', () => async (_from: string, to: string) => {
      await fs.deleteFile(to);
      throw new FerryError('permission_denied', 'The server refused the rename.');
    });
    const attempt = save(opened, 'new\n', false, refusing);
    await expect(attempt).rejects.toMatchObject({
      message: expect.stringContaining('the server removed its old copy'),
      hint: expect.stringContaining('Save again'),
    });
    // The temporary file holds the only copy on the server: it stays, with the new text.
    const left = await readdir(harness.servers.fixtures.abs(folder));
    expect(left).toEqual([expect.stringMatching(/^\.removed\.txt\.[0-9a-f]+\.ferry-part$/)]);
    const kept = await readFile(harness.servers.fixtures.abs(`${folder}/${left[0]}`));
    expect(sha256(kept)).toBe(sha256('new\n'));
    // Saving again: the file is gone, so the editor asks; overwriting writes it under its name.
    expect((await save(opened, 'new\n')).outcome).toBe('deleted');
    expect((await save(opened, 'new\n', true)).outcome).toBe('saved');
    expect(await readFile(file.disk, 'utf8')).toBe('new\n');
  });

  it('says a save written in place that broke off may have left the server’s copy partly written', async () => {
    const file = at('in-place.conf');
    await put('in-place.conf', 'a=1\n');
    const opened = await readTextFile(fs, file.remote);
    // The folder takes no new file (no temporary name), the file itself may be written; the
    // connection then breaks off halfway through the write.
    await chmod(harness.servers.fixtures.abs(folder), 0o555);
    const breaking = withMethod(fs, 'writeSmall', (own) => async (path, data, attributes) => {
      if (path !== file.remote) return own(path, data, attributes);
      await own(path, data.subarray(0, data.length / 2), attributes);
      throw new FerryError('connection_lost', 'The connection to the server was lost.');
    });
    try {
      await expect(save(opened, 'a=2\nb=3\n', false, breaking)).rejects.toMatchObject({
        code: 'connection_lost',
        message: expect.stringContaining('may be only partly saved'),
        hint: expect.stringContaining('Save again'),
      });
      expect(await readFile(file.disk, 'utf8')).toBe('a=2\n');
    } finally {
      await chmod(harness.servers.fixtures.abs(folder), 0o755);
    }
  });

  it('says the server’s disk is full, leaves its copy whole and no temporary file behind', async () => {
    const { uid, gid } = statSync(harness.servers.root);
    const rel = `${folder}/full`;
    const disk = mountSmallDisk(harness.servers.fixtures.abs(rel), 1024 * 1024, {
      owner: { uid, gid },
    });
    try {
      const original = 'small=1\n';
      await harness.servers.fixtures.writeFile(`${rel}/big.conf`, original);
      const remote = posix.join(remoteRoot(harness.servers, kind), rel, 'big.conf');
      const opened = await readTextFile(fs, remote);
      const tooMuch = `${'x'.repeat(99)}\n`.repeat(20_000); // 2 MB on a 1 MiB disk
      await expect(save(opened, tooMuch)).rejects.toMatchObject({
        code: 'disk_full',
        message: expect.stringContaining("The server's disk is full"),
        hint: expect.stringContaining('Free some space on the server'),
      });
      expect(await readFile(`${disk.path}/big.conf`, 'utf8')).toBe(original);
      expect(await readdir(disk.path)).toEqual(['big.conf']);
    } finally {
      disk.unmount();
    }
  });

  it('refuses binary, non-UTF-8 and too-large files in plain words', async () => {
    await put('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    await put('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    await put('huge.log', Buffer.alloc(EDITOR_MAX_BYTES + 1, 0x61));
    await expect(readTextFile(fs, at('logo.png').remote)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('not a text file'),
    });
    await expect(readTextFile(fs, at('latin1.txt').remote)).rejects.toMatchObject({
      message: expect.stringContaining('not UTF-8'),
    });
    await expect(readTextFile(fs, at('huge.log').remote)).rejects.toMatchObject({
      message: expect.stringContaining('too large to edit here'),
      hint: expect.stringContaining('Download it instead'),
    });
  });
});

/**
 * `fs` with one method of its own replaced (a server that misbehaves there); `make` gets the
 * real method, bound. Every other method is the connection's own.
 */
function withMethod<K extends 'replaceFile' | 'writeSmall'>(
  fs: RemoteFs,
  name: K,
  make: (own: NonNullable<RemoteFs[K]>) => NonNullable<RemoteFs[K]>,
): RemoteFs {
  const own = (fs[name] as (...args: unknown[]) => unknown).bind(fs) as NonNullable<RemoteFs[K]>;
  const replaced = make(own);
  return new Proxy(fs, {
    get(target, property) {
      if (property === name) return replaced;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}
