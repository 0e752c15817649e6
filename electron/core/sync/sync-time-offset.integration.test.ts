/**
 * Synchronize with a site's "Adjust server time", against the real sshd and vsftpd (FTPS; its
 * listing says the minute, MDTM the second): the server's times are
 * compared moved by the offset, as Compare does (a copy 2 hours "behind" on a server whose clock
 * is 2 hours behind is the same); after a run, comparing again finds nothing to do (uploads are
 * dated through the same offset), and the check just before each replacement (which reads the
 * time through the transfer connection, offset added) does not take the offset for a change.
 */
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { SyncOptions, SyncPlanned } from '../../../shared/contract/sync';
import type { FerryApp } from '../app';
import { sampleDraftFor } from '../sites/testing/sample-site';
import { appTrustingOnce } from '../transfers/testing-app';
import { paramsFor, remoteRoot, type ProtocolKind } from '../transfers/testing';

const HOUR = 3_600_000;
const T = Math.floor((Date.now() - 24 * HOUR) / 60_000) * 60_000;
const KINDS: ProtocolKind[] = ['sftp', 'ftps-explicit'];
const harness = harnessForSuite(KINDS, 'ferry-sync-offset-');
let app: FerryApp;
let events: ReturnType<typeof appTrustingOnce>['events'];

beforeAll(() => {
  ({ app, events } = appTrustingOnce(harness.scratch));
});
afterAll(async () => {
  await app?.dispose();
});

const UPLOAD: SyncOptions = {
  direction: 'upload',
  deleteExtra: true,
  compareBy: 'timeAndSize',
  recursive: true,
};

it.each(KINDS)(
  '%s: compares with the site’s offset, and a second comparison after a run finds nothing',
  async (kind) => {
    const local = join(harness.scratch, `site-${kind}`);
    await mkdir(local, { recursive: true });
    const write = async (path: string, text: string, time: number) => {
      await writeFile(path, text);
      await utimes(path, new Date(time), new Date(time));
    };
    // The server's clock runs 2 hours behind: its "T" is our T + 2 h.
    await write(join(local, 'same.txt'), 'same bytes', T + 2 * HOUR);
    await write(join(local, 'changed.txt'), 'changed here', T + 3 * HOUR);
    await write(join(local, 'new.txt'), 'new', T);
    for (const [name, text] of [
      ['same.txt', 'same bytes'],
      ['changed.txt', 'old copy'],
    ] as const) {
      const path = await harness.servers.fixtures.writeFile(`site-${kind}/${name}`, text);
      await utimes(path, new Date(T), new Date(T));
    }

    const params = paramsFor(harness.servers, kind);
    const site = await app.handlers['sites.save']({
      site: sampleDraftFor(params, {
        name: `Clock behind (${kind})`,
        protocol: params.protocol,
        serverTimeOffsetMinutes: 120,
      }),
    });
    const session = await app.handlers['sites.connect']({
      siteId: site.id,
      password: params.password ?? '',
    });
    const plan = async () => {
      const planned = new Promise<SyncPlanned>((resolve) =>
        events.on('sync.planned', (p: SyncPlanned) => resolve(p)),
      );
      await app.handlers['sync.start']({
        pageId: 'page-sync-offset',
        sessionId: session.sessionId,
        localRoot: local,
        remoteRoot: posix.join(remoteRoot(harness.servers, kind), `site-${kind}`),
        options: UPLOAD,
      });
      return planned;
    };

    const first = await plan();
    expect(first.remoteTimeShift).toEqual({ by: 'site', minutes: 120 });
    expect(first.items.map((i) => `${i.action} ${i.path} ${i.reason}`)).toEqual([
      'upload changed.txt sizeDiffers',
      'upload new.txt onlyLocal',
    ]);
    await app.handlers['sync.run']({ syncId: first.syncId, itemIds: first.items.map((i) => i.id) });
    for (let i = 0; i < 500; i++) {
      const rows = await app.handlers['transfers.list']({});
      if (rows.every((r) => r.state === 'done')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Replaced, not taken for changed since the preview: the offset is no change.
    const rows = await app.handlers['transfers.list']({});
    expect(
      rows.filter((r) => r.target.endsWith(`site-${kind}/changed.txt`)).map((r) => r.state),
    ).toEqual(['done']);
    const second = await plan();
    expect(second).toMatchObject({ outcome: 'done', items: [], leftAlone: [] });
  },
);
