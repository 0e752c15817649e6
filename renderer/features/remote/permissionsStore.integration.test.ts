/**
 * The permissions store driven through the real core (createApp) against the real sshd, the
 * transport skipped: a small change that went as asked leaves no summary (the list shows the
 * new modes) but lists the folder again; a recursive one keeps its summary until read; Stop
 * ends a long one; a change that cannot start says why.
 */
import { lstat } from 'node:fs/promises';
import { posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryApp } from '../../../electron/core/app';
import { sftpParams } from '../../../electron/core/remote/sftp-testing';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { coreBehindBridge } from '../../testing/core-bridge';
import { permissionsActions, usePermissionsJobs, type PermissionsJob } from './permissionsStore';

let app: FerryApp;
let sessionId: string;
const harness = harnessForSuite(['sftp'], 'ferry-permissions-store-');
const TAB = 'tab-1';

beforeAll(async () => {
  const f = harness.servers.fixtures;
  await f.writeFile('site/index.html', 'hi');
  await f.writeFile('site/css/main.css', 'body{}');
  for (let i = 0; i < 300; i++) await f.writeFile(`many/d${i}/e.txt`, 'e');
  app = coreBehindBridge(harness.scratch);
  ({ sessionId } = await app.handlers['remote.connect'](sftpParams(harness.servers)));
});
afterAll(async () => {
  await app?.dispose();
});

const at = (rel: string) => posix.join(harness.servers.root, rel);
const job = (): PermissionsJob | undefined => usePermissionsJobs.getState().byTab[TAB];
const modeOf = async (rel: string) => (await lstat(harness.servers.fixtures.abs(rel))).mode & 0o777;

/** Starts a change and resolves once its "done" (the pane's refresh) has run. */
function run(paths: string[], choice: Parameters<typeof permissionsActions.start>[3]) {
  return new Promise<void>((resolve) => {
    void permissionsActions.start(TAB, sessionId, paths, choice, resolve);
  });
}

const ALL = { mode: 0o644, mask: 0o777, addX: true, scope: 'all' } as const;

it('a small change that went as asked: the folder is listed again, no summary to read', async () => {
  await run([at('site/index.html')], { ...ALL, mode: 0o640, recursive: false });
  expect(await modeOf('site/index.html')).toBe(0o640);
  expect(job()).toBeUndefined();
});

it('a recursive change keeps its summary until it is read', async () => {
  await run([at('site')], { ...ALL, recursive: true });
  expect(job()?.finished).toMatchObject({ outcome: 'done', changed: 4 });
  expect(job()?.showsProgress).toBe(true);
  expect(await modeOf('site/css')).toBe(0o755);
  permissionsActions.dismiss(TAB);
  expect(job()).toBeUndefined();
});

it('Stop ends a long change', async () => {
  const done = run([at('many')], { ...ALL, recursive: true });
  for (let waited = 0; waited < 5000 && !job()?.jobId; waited += 5) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  permissionsActions.stop(TAB);
  expect(job()?.stopping).toBe(true);
  await done;
  expect(job()?.finished?.outcome).toBe('stopped');
  permissionsActions.dismiss(TAB);
});

it('a change that cannot start says why', async () => {
  await permissionsActions.start(
    TAB,
    'no-such-session',
    [at('site')],
    { ...ALL, recursive: true },
    () => undefined,
  );
  expect(job()?.error).toMatchObject({ code: 'session_not_found' });
  permissionsActions.dismiss(TAB);
  expect(job()).toBeUndefined();
});
