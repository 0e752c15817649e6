import {
  close,
  closeSync,
  constants,
  futimes,
  futimesSync,
  open,
  openSync,
  rename,
  rm,
  rmSync,
  write,
  writeSync,
} from 'node:fs';
import { systemCode } from '../remote/net-errors';

/*
 * A small file's part file in one go, with Node's callback file API: per file it is a handful of
 * calls, and the promise API's FileHandle objects and streams cost more CPU than the calls
 * themselves when there are thousands of small files.
 */

const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = constants;
// O_NOFOLLOW: a link planted under the part name must not redirect the write.
const CREATE_FLAGS = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW;

export interface PartFinish {
  /** Null: leave the date of now. */
  modified: Date | null;
  /**
   * The finished file's permission bits, already filtered by the umask (downloadMode). The part
   * file is created with them: its bytes arrive in one write, all of them the finished file's,
   * so nobody can read more through it than through the file itself (a 0600 secret is 0600 from
   * the start), and no FCHMOD is needed.
   */
  mode: number;
  /**
   * Checks the file just opened, before a byte goes in (inside-root.ts: it must be in the real
   * folder); throwing leaves it empty, and it is not removed by a name that may lead elsewhere.
   */
  opened?: { now(fd: number): void; later(fd: number): Promise<void> };
}

/**
 * Creates `partPath` (a leftover of an earlier attempt of the same job is replaced), writes
 * `data` into it and dates it. Rejects with the file system's error; the part file is then
 * removed.
 */
export async function writeWholePart(
  partPath: string,
  data: Buffer,
  finish: PartFinish,
): Promise<void> {
  const fd = await openFile(partPath, finish.mode).catch(async (error: unknown) => {
    if (systemCode(error) !== 'EEXIST') throw error;
    // Left by an earlier attempt of this job (the name is its own): start it again.
    await removeFile(partPath);
    return openFile(partPath, finish.mode);
  });
  if (finish.opened) {
    const check = finish.opened;
    await check.later(fd).catch(async (error: unknown) => {
      await call((done) => close(fd, done)).catch(noop);
      throw error;
    });
  }
  try {
    await writeAll(fd, data);
    const when = finish.modified;
    // A date is not worth a failure.
    if (when !== null) await call((done) => futimes(fd, when, when, done)).catch(noop);
  } catch (error) {
    await call((done) => close(fd, done)).catch(noop);
    await removeFile(partPath).catch(noop);
    throw error;
  }
  // A failed close can mean the bytes did not reach the disk (network file systems).
  await call((done) => close(fd, done)).catch(async (error: unknown) => {
    await removeFile(partPath).catch(noop);
    throw error;
  });
}

/**
 * writeWholePart with direct (blocking) calls, for folders where quickDisk allows them: the same
 * steps, the same outcomes, without the thread pool's hand-offs.
 */
export function writeWholePartNow(partPath: string, data: Buffer, finish: PartFinish): void {
  let fd: number;
  try {
    fd = openSync(partPath, CREATE_FLAGS, finish.mode);
  } catch (error) {
    if (systemCode(error) !== 'EEXIST') throw error;
    rmSync(partPath, { force: true });
    fd = openSync(partPath, CREATE_FLAGS, finish.mode);
  }
  if (finish.opened) {
    try {
      finish.opened.now(fd);
    } catch (error) {
      ignoreFailure(() => closeSync(fd));
      throw error;
    }
  }
  try {
    for (let done = 0; done < data.length;) {
      const written = writeSync(fd, data, done, data.length - done, done);
      if (written === 0) throw Object.assign(new Error('The disk took no bytes'), { code: 'EIO' });
      done += written;
    }
    const when = finish.modified;
    if (when !== null) ignoreFailure(() => futimesSync(fd, when, when));
  } catch (error) {
    ignoreFailure(() => closeSync(fd));
    ignoreFailure(() => rmSync(partPath, { force: true }));
    throw error;
  }
  try {
    closeSync(fd);
  } catch (error) {
    ignoreFailure(() => rmSync(partPath, { force: true }));
    throw error;
  }
}

function ignoreFailure(call: () => void): void {
  try {
    call();
  } catch {
    // A date is not worth a failure; a clean-up that fails leaves the first error to tell.
  }
}

export function renameFile(from: string, to: string): Promise<void> {
  return call((done) => rename(from, to, done));
}

export function removeFile(path: string): Promise<void> {
  return call((done) => rm(path, { force: true }, done));
}

function openFile(path: string, mode: number): Promise<number> {
  return new Promise((resolve, reject) => {
    open(path, CREATE_FLAGS, mode, (error, fd) => (error ? reject(error) : resolve(fd)));
  });
}

async function writeAll(fd: number, data: Buffer): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const written = await new Promise<number>((resolve, reject) => {
      write(fd, data, done, data.length - done, done, (error, count) =>
        error ? reject(error) : resolve(count),
      );
    });
    if (written === 0) throw Object.assign(new Error('The disk took no bytes'), { code: 'EIO' });
    done += written;
  }
}

function call(start: (done: (error: NodeJS.ErrnoException | null) => void) => void) {
  return new Promise<void>((resolve, reject) => {
    start((error) => (error ? reject(error) : resolve()));
  });
}

function noop(): void {}
