/**
 * Two-step SSH logins (password, then a one-time code), against a real sshd whose PAM asks for a
 * time-based code (harness kind sftp-otp): the app puts the server's question to the page, the
 * answer logs in, and transfers then run as channels of that connection instead of logging in
 * again (each new login would want a new code).
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import type { EventPayload } from '../../shared/contract';
import type { LoginQuestion } from '../../shared/contract/login';
import type { TrustPrompt } from '../../shared/contract/remote';
import { FerryError } from '../../shared/errors';
import { createApp, type FerryApp } from './app';
import type { TrustDecider } from './remote/connect-deps';
import { connectSftp } from './remote/sftp';
import { captureLog } from './remote/sftp-testing';
import { patterned, recorder, treeManifest, waitFor, writeTree } from './transfers/testing';

const harness = harnessForSuite(['sftp-otp'], 'ferry-app-otp-');
const FILES = 8;
beforeAll(async () => {
  for (let i = 0; i < FILES; i++) {
    await harness.servers.fixtures.writeFile(`pool/f${i}.bin`, patterned(50_000 + i, i + 1));
  }
});

let app: FerryApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

type Answer = (question: LoginQuestion) => string[] | null;

/** An app whose page trusts the test host key once and answers login questions with `answer`. */
function appAnswering(answer: Answer) {
  const events = recorder();
  const started = createApp({
    edition: 'browser',
    dataDir: harness.scratch,
    version: 'test',
    emit: events.emit,
  });
  events.on('trust.prompt', (prompt: TrustPrompt) => {
    const known = harness.servers.sftpOtp?.hostKeys.some(
      (k) => k.fingerprint === prompt.fingerprint,
    );
    setTimeout(() => {
      void started.handlers['trust.respond']({
        promptId: prompt.promptId,
        decision: known ? 'trust-once' : 'reject',
      });
    });
  });
  const questions: LoginQuestion[] = [];
  events.on('login.question', (question) => {
    questions.push(question);
    // A person takes a moment to read the code off their phone.
    setTimeout(() => {
      void started.handlers['login.answer']({
        questionId: question.questionId,
        answers: answer(question),
      });
    }, 50);
  });
  app = started;
  return { app: started, events, questions };
}

const params = () => ({
  protocol: 'sftp' as const,
  host: '127.0.0.1',
  port: harness.servers.sftpOtp?.port ?? 0,
  user: harness.servers.user.name,
  password: harness.servers.user.password,
});
const code = () => harness.servers.sftpOtp?.oneTimeCode() ?? '';
/** How many logins sshd accepted so far (its log, LogLevel VERBOSE). */
async function acceptedLogins(): Promise<number> {
  const log = await readFile(harness.servers.sftpOtp?.logPath ?? '', 'utf8');
  return log.split('\n').filter((line) => line.startsWith('Accepted keyboard-interactive')).length;
}

describe('a login that asks for a one-time code', () => {
  it('asks the page for the code (the password goes by itself), and transfers reuse that login', async () => {
    const sent: string[] = [];
    const { app, events, questions } = appAnswering(() => {
      sent.push(code());
      return sent.slice(-1);
    });
    const loginsBefore = await acceptedLogins();
    const session = await app.handlers['remote.connect'](params());

    expect(questions).toEqual([
      expect.objectContaining({
        host: '127.0.0.1',
        port: harness.servers.sftpOtp?.port,
        user: harness.servers.user.name,
        prompts: [{ text: 'Verification code: ', echo: false }],
      }),
    ]);
    expect(events.events.some((e) => e.name === 'login.settled')).toBe(true);
    const listing = await app.handlers['remote.list']({
      sessionId: session.sessionId,
      path: harness.servers.root,
    });
    expect(listing.entries.map((e) => e.name)).toContain('pool');

    // Four files at a time, down and then up again: no new login, so no new question.
    await app.handlers['settings.set']({ parallelTransfers: 4 });
    const down = await mkdtemp(join(harness.scratch, 'down-'));
    const [downId] = await app.handlers['transfers.enqueue']({
      sessionId: session.sessionId,
      direction: 'download',
      sources: [posix.join(harness.servers.root, 'pool')],
      targetFolder: down,
    });
    const stateOf = async (id: string | undefined) =>
      (await app.handlers['transfers.list']({})).find((row) => row.id === id)?.state;
    let state: string | undefined;
    await waitFor(() => {
      void stateOf(downId).then((s) => (state = s));
      return state === 'done' || state === 'failed';
    }, 20_000);
    expect(state).toBe('done');
    const local = await treeManifest(join(down, 'pool'));
    expect(Object.keys(local.files)).toHaveLength(FILES);
    const remote = await treeManifest(join(harness.servers.root, 'pool'));
    expect(local.files).toEqual(remote.files);

    const upSource = await mkdtemp(join(harness.scratch, 'up-'));
    await writeTree(join(upSource, 'sent'), {
      files: [0, 1, 2, 3, 4, 5].map((i) => ({ path: `s${i}.bin`, size: 70_000 + i })),
      emptyFolders: [],
    });
    const [upId] = await app.handlers['transfers.enqueue']({
      sessionId: session.sessionId,
      direction: 'upload',
      sources: [join(upSource, 'sent')],
      targetFolder: harness.servers.root,
    });
    state = undefined;
    await waitFor(() => {
      void stateOf(upId).then((s) => (state = s));
      return state === 'done' || state === 'failed';
    }, 20_000);
    expect(state).toBe('done');
    expect((await treeManifest(join(harness.servers.root, 'sent'))).files).toEqual(
      (await treeManifest(join(upSource, 'sent'))).files,
    );

    expect(questions).toHaveLength(1);
    expect(await acceptedLogins()).toBe(loginsBefore + 1);
    // Neither the password nor the code reached the log.
    const logText = events.events
      .filter((e) => e.name === 'log.line')
      .map((e) => (e.payload as { text: string }).text)
      .join('\n');
    expect(logText).toContain('The server asks: Verification code:');
    expect(logText).not.toContain(harness.servers.user.password);
    expect(sent).toHaveLength(1);
    expect(logText).not.toContain(sent[0]);
  });

  it('a search, a recursive permission change and a synchronization ask no second code', async () => {
    const { app, events, questions } = appAnswering(() => [code()]);
    const loginsBefore = await acceptedLogins();
    const session = await app.handlers['remote.connect'](params());
    const pool = posix.join(harness.servers.root, 'pool');
    type Ending = 'search.finished' | 'permissions.finished' | 'sync.planned';
    const ended = <N extends Ending>(name: N) =>
      new Promise<EventPayload<N>>((resolve) => events.on(name, resolve));

    const searched = ended('search.finished');
    await app.handlers['search.start']({
      pageId: 'page-otp',
      sessionId: session.sessionId,
      root: pool,
      criteria: { name: 'f1', nameMode: 'contains', matchCase: false, includeFolders: false },
    });
    expect(await searched).toMatchObject({ outcome: 'done', found: 1 });
    expect((await searched).sharedConnection).toBeUndefined();

    const changed = ended('permissions.finished');
    await app.handlers['permissions.start']({
      pageId: 'page-otp',
      sessionId: session.sessionId,
      paths: [pool],
      mode: 0o640,
      mask: 0o777,
      addX: false,
      recursive: true,
      scope: 'files',
    });
    expect(await changed).toMatchObject({ outcome: 'done' });
    expect((await changed).sharedConnection).toBeUndefined();

    const planned = ended('sync.planned');
    await app.handlers['sync.start']({
      pageId: 'page-otp',
      sessionId: session.sessionId,
      localRoot: await mkdtemp(join(harness.scratch, 'sync-')),
      remoteRoot: pool,
      options: {
        direction: 'download',
        deleteExtra: false,
        compareBy: 'sizeOnly',
        recursive: true,
      },
    });
    expect(await planned).toMatchObject({ outcome: 'done' });
    expect((await planned).items).toHaveLength(FILES);

    expect(questions).toHaveLength(1);
    expect(await acceptedLogins()).toBe(loginsBefore + 1);
  });

  it('after a key the server accepts, asks what it still wants (key and code, no saved password)', async () => {
    const { app, questions } = appAnswering((question) =>
      question.prompts.map((prompt) =>
        /code/i.test(prompt.text) ? code() : harness.servers.user.password,
      ),
    );
    const { password: _saved, ...withoutPassword } = params();
    const session = await app.handlers['remote.connect']({
      ...withoutPassword,
      privateKeyPath: harness.servers.clientKey.unencryptedPrivateKeyPath,
    });
    // The key alone was not enough: sshd took it as the first of two steps.
    const log = await readFile(harness.servers.sftpOtp?.logPath ?? '', 'utf8');
    expect(log).toMatch(/Partial publickey for \S+/);
    expect(questions.flatMap((q) => q.prompts.map((p) => p.text))).toEqual([
      'Password: ',
      'Verification code: ',
    ]);
    const listing = await app.handlers['remote.list']({
      sessionId: session.sessionId,
      path: harness.servers.root,
    });
    expect(listing.entries.map((e) => e.name)).toContain('pool');
  });

  it('after a key, a saved password still answers "Password:" by itself: only the code is asked', async () => {
    const { app, questions } = appAnswering(() => [code()]);
    await app.handlers['remote.connect']({
      ...params(),
      privateKeyPath: harness.servers.clientKey.unencryptedPrivateKeyPath,
    });
    expect(questions.flatMap((q) => q.prompts.map((p) => p.text))).toEqual(['Verification code: ']);
  });

  it('says the code or password was wrong when the server refuses them', async () => {
    const { app } = appAnswering(() => [
      String((Number(code()) + 500_000) % 1_000_000).padStart(6, '0'),
    ]);
    const failure = await app.handlers['remote.connect'](params()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FerryError);
    expect(failure).toMatchObject({ code: 'auth_failed' });
    expect((failure as FerryError).message).toMatch(/one-time code/);
    expect((failure as FerryError).hint).toMatch(/wait for the next one/);
  });

  it('ends the login when the user cancels the question', async () => {
    const { app } = appAnswering(() => null);
    const failure = await app.handlers['remote.connect'](params()).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'cancelled',
      message: 'You cancelled the login, so Ferry did not connect.',
    });
    expect(await app.handlers['remote.sessions']({})).toEqual([]);
  });

  it('says what the server asks when nobody can answer it (no window to ask in)', async () => {
    const log = captureLog();
    const trust: TrustDecider = {
      checkHostKey: () => Promise.resolve('trusted'),
      checkCertificate: () => Promise.resolve('rejected'),
    };
    const failure = await connectSftp(params(), { trust, log, timeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({
      code: 'auth_failed',
      message: `127.0.0.1:${harness.servers.sftpOtp?.port} asks more than the password to log in ("Verification code:"), and Ferry cannot ask you here.`,
    });
  });
});
