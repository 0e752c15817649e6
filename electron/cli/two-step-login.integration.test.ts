/**
 * `ferry` against a server with two-step verification (harness kind sftp-otp: the password, then
 * a time-based one-time code). At a terminal (a real pseudo-terminal, through util-linux
 * `script`) it asks for the code and its parallel transfers reuse the login; in a script it
 * says what the server asks and exits 3.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import { patterned, treeManifest } from '../core/transfers/testing';
import { runFerry } from './cli-testing';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const harness = harnessForSuite(['sftp-otp'], 'ferry-cli-otp-');
const FILES = 6;

beforeAll(async () => {
  for (let i = 0; i < FILES; i++) {
    await harness.servers.fixtures.writeFile(`batch/b${i}.bin`, patterned(40_000 + i, i + 7));
  }
});

const serverUrl = (path: string) =>
  `sftp://${harness.servers.user.name}@127.0.0.1:${harness.servers.sftpOtp?.port}${path}`;
const env = () => ({
  FERRY_PASSWORD: harness.servers.user.password,
  FERRY_DATA_DIR: join(harness.scratch, 'data'),
});

async function acceptedLogins(): Promise<number> {
  const log = await readFile(harness.servers.sftpOtp?.logPath ?? '', 'utf8');
  return log.split('\n').filter((line) => line.startsWith('Accepted keyboard-interactive')).length;
}

/**
 * Runs `ferry ARGS` on a pseudo-terminal and types `answer()` (then Enter) once `question`
 * appears; resolves with the exit code and everything the terminal showed.
 */
function ferryAtTerminal(args: string[], question: string, answer: () => string) {
  const command = ['node', '--import', 'tsx', 'electron/cli.ts', ...args]
    .map((word) => `'${word.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: repo,
    env: { ...process.env, ...env() },
  });
  let shown = '';
  let answered = false;
  child.stdout.on('data', (chunk: Buffer) => {
    shown += chunk.toString();
    if (!answered && shown.includes(question)) {
      answered = true;
      child.stdin.write(`${answer()}\r`);
    }
  });
  return new Promise<{ code: number | null; shown: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, shown }));
  });
}

describe('ferry and a two-step login', () => {
  it('asks for the code at a terminal and downloads a folder with one login', async () => {
    const target = join(harness.scratch, 'down');
    const before = await acceptedLogins();
    const run = await ferryAtTerminal(
      [
        'get',
        '-r',
        '--parallel',
        '3',
        '--accept-new-host-key',
        serverUrl(`${harness.servers.root}/batch`),
        target,
      ],
      'Verification code:',
      () => harness.servers.sftpOtp?.oneTimeCode() ?? '',
    );
    expect(run.shown).toContain('asks this before it lets you in.');
    expect(run.code, run.shown).toBe(0);
    const got = await treeManifest(target);
    expect(Object.keys(got.files)).toHaveLength(FILES);
    expect(got.files).toEqual((await treeManifest(join(harness.servers.root, 'batch'))).files);
    expect(await acceptedLogins()).toBe(before + 1);
  });

  it('in a script (no terminal) names what the server asks and exits 3', async () => {
    const run = await runFerry(['ls', '--accept-new-host-key', serverUrl('/')], env());
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('asks more than the password to log in ("Verification code:")');
    expect(run.stderr).toContain('run the ferry command in a terminal');
  });
});
