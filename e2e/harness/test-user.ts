/**
 * The one Unix account every harness instance logs in as, and the per-instance root folder
 * inside its home. vsftpd (through PAM) and sshd (UsePAM no, shadow) both check its password.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { HarnessError, run } from './processes';

export const TEST_USER = 'ferrytest';
/** A local throw-away account on a test machine; the password is meant to be known. */
export const TEST_PASSWORD = 'ferry-test-password';
const TEST_HOME = `/home/${TEST_USER}`;
const TEST_SHELL = '/bin/bash';

export interface TestUser {
  name: string;
  password: string;
  uid: number;
  gid: number;
  home: string;
}

interface PasswdEntry {
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

function passwdEntry(name: string): PasswdEntry | undefined {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f.length >= 7) {
      return { uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '', shell: f[6] ?? '' };
    }
  }
  return undefined;
}

function listedIn(path: string, word: string): boolean {
  if (!existsSync(path)) return false;
  return readFileSync(path, 'utf8')
    .split('\n')
    .some((line) => line.trim() === word);
}

/** True when the shadow entry already holds our password (SHA-512 crypt, set by us). */
function passwordIsCurrent(): boolean {
  const entry = readFileSync('/etc/shadow', 'utf8')
    .split('\n')
    .find((line) => line.startsWith(`${TEST_USER}:`));
  const hash = entry?.split(':')[1] ?? '';
  const salt = /^\$6\$([^$]+)\$/.exec(hash)?.[1];
  if (salt === undefined) return false;
  const computed = execFileSync('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], {
    input: TEST_PASSWORD,
  });
  return computed.toString().trim() === hash;
}

let ensured: Promise<TestUser> | undefined;

/** Creates the test user when missing (root only) and checks what logins depend on. */
export function ensureTestUser(): Promise<TestUser> {
  ensured ??= ensureTestUserOnce().catch((error: unknown) => {
    ensured = undefined;
    throw error;
  });
  return ensured;
}

async function ensureTestUserOnce(): Promise<TestUser> {
  if (process.getuid?.() !== 0) {
    throw new HarnessError(
      'The test-server harness must run as root: it starts sshd and vsftpd and manages the ' +
        `"${TEST_USER}" account. Run the tests as root (our dev machines and CI do).`,
    );
  }
  if (!passwdEntry(TEST_USER)) {
    try {
      await run('useradd', [
        '--create-home',
        '--home-dir',
        TEST_HOME,
        '--shell',
        TEST_SHELL,
        TEST_USER,
      ]);
    } catch (error) {
      // A concurrent harness instance may have created it a moment ago.
      if (!passwdEntry(TEST_USER)) throw error;
    }
  }
  if (!passwordIsCurrent()) {
    await run('chpasswd', ['--crypt-method', 'SHA512'], {
      input: `${TEST_USER}:${TEST_PASSWORD}\n`,
    });
  }
  const entry = passwdEntry(TEST_USER);
  if (!entry) throw new HarnessError(`The user "${TEST_USER}" vanished while being set up.`);
  if (!listedIn('/etc/shells', entry.shell)) {
    throw new HarnessError(
      `The shell of "${TEST_USER}" (${entry.shell}) is not in /etc/shells, so vsftpd refuses the ` +
        `login. Fix it: usermod -s ${TEST_SHELL} ${TEST_USER}`,
    );
  }
  if (listedIn('/etc/ftpusers', TEST_USER)) {
    throw new HarnessError(
      `"${TEST_USER}" is listed in /etc/ftpusers, so vsftpd refuses its login. Remove that line.`,
    );
  }
  // sshd's StrictModes: home and ~/.ssh must belong to the user and not be group/world-writable.
  mkdirSync(entry.home, { recursive: true });
  chownSync(entry.home, entry.uid, entry.gid);
  chmodSync(entry.home, 0o755);
  const sshDir = `${entry.home}/.ssh`;
  mkdirSync(sshDir, { recursive: true });
  chownSync(sshDir, entry.uid, entry.gid);
  chmodSync(sshDir, 0o700);
  return { name: TEST_USER, password: TEST_PASSWORD, ...entry };
}
