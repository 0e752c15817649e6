/**
 * A saved site's connection limit reaches the transfers of the session it opens: through the
 * app's handlers, a site limited to one connection downloads over one transfer connection while
 * a quick-connected session to the same server at the same time opens several.
 */
import { mkdtemp } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { TransferJob } from '../../../shared/contract/transfers';
import { sftpParams } from '../remote/sftp-testing';
import { sampleDraftFor } from '../sites/testing/sample-site';
import { treeManifest, writeTree } from './testing';
import { appTrustingOnce } from './testing-app';

const harness = harnessForSuite(['sftp'], 'ferry-site-limit-app-');

it('opens one transfer connection for a site limited to one, several for another session', async () => {
  const { app, events } = appTrustingOnce(harness.scratch);
  const { handlers } = app;
  try {
    const files = Array.from({ length: 20 }, (_, i) => ({
      path: `f${i}.bin`,
      size: 300_000 + i * 97,
    }));
    await writeTree(harness.servers.fixtures.abs('limited-tree'), { files, emptyFolders: [] });
    const expected = await treeManifest(harness.servers.fixtures.abs('limited-tree'));
    await handlers['settings.set']({ parallelTransfers: 4 });
    const params = sftpParams(harness.servers);
    const site = await handlers['sites.save']({
      site: sampleDraftFor(params, { name: 'One connection only', transferConcurrency: 1 }),
    });
    const limited = await handlers['sites.connect']({
      siteId: site.id,
      password: params.password ?? '',
    });
    const other = await handlers['remote.connect'](params);
    const source = posix.join(harness.servers.root, 'limited-tree');
    const ids: string[] = [];
    const targets: string[] = [];
    for (const session of [limited, other]) {
      const target = await mkdtemp(join(harness.scratch, 'down-'));
      targets.push(target);
      const [id] = await handlers['transfers.enqueue']({
        sessionId: session.sessionId,
        direction: 'download',
        sources: [source],
        targetFolder: target,
      });
      if (id) ids.push(id);
    }
    let rows: TransferJob[] = [];
    for (let waited = 0; waited < 30_000; waited += 100) {
      rows = await handlers['transfers.list']({});
      if (ids.every((id) => rows.find((row) => row.id === id)?.state === 'done')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const id of ids) expect(rows.find((row) => row.id === id)?.state).toBe('done');
    for (const target of targets) {
      expect(await treeManifest(join(target, 'limited-tree'))).toEqual(expected);
    }
    // Every connection a session opens says so in its log: the browsing one, then transfers.
    const connections = (sessionId: string) =>
      events.events.filter((e) => {
        const line = e.payload as { sessionId?: string; text?: string };
        return (
          e.name === 'log.line' &&
          line.sessionId === sessionId &&
          line.text?.startsWith('Connecting to') === true
        );
      }).length;
    expect(connections(limited.sessionId)).toBe(2);
    expect(connections(other.sessionId)).toBeGreaterThan(2);
  } finally {
    await app.dispose();
  }
});
