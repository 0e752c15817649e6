/**
 * The tabs store driven through the real core (createApp) against the real sshd: only the
 * transport is skipped (the bridge calls the handlers directly, as the e2e spec covers the
 * WebSocket). What a user would notice: a closed tab's session really ends on the server side,
 * a connection that drops marks only its own tab, a tab closed while connecting leaves nothing
 * open behind, and each tab keeps its own folder across switches.
 */
import { type AddressInfo, type Socket, connect, createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FerryApp } from '../../../electron/core/app';
import { sftpParams } from '../../../electron/core/remote/sftp-testing';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { coreBehindBridge } from '../../testing/core-bridge';
import { pageId } from '../../transport/pageId';
import { sampleDraft, sampleDraftFor } from '../../../electron/core/sites/testing/sample-site';
import { endpointLabel, endpointOf, tabTitle } from './tabRules';
import { currentLayout, restore, watchSessionEvents } from './tabsReload';
import { tabActions, useTabs, type RemoteTab } from './tabsStore';

let app: FerryApp;

const harness = harnessForSuite(['sftp'], 'ferry-tabs-');
beforeAll(async () => {
  await harness.servers.fixtures.writeFile('a/in-a.txt', 'a');
  await harness.servers.fixtures.writeFile('b/in-b.txt', 'b');

  app = coreBehindBridge(harness.scratch);
  watchSessionEvents();
});
afterAll(async () => {
  await app?.dispose();
});

beforeEach(async () => {
  // Every test starts from one empty tab and no open session.
  for (const tab of useTabs.getState().tabs) await tabActions.close(tab.id);
});

const tabs = () => useTabs.getState().tabs;
const shown = () => tabs().find((t) => t.id === useTabs.getState().activeId);
const openSessions = async () =>
  (await app.handlers['remote.sessions']({})).map((s) => s.sessionId).sort();

async function eventually<T>(read: () => T, ok: (value: T) => boolean, ms = 5000): Promise<T> {
  for (let waited = 0; waited < ms && !ok(read()); waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return read();
}

/** The folder a tab's pane shows once its listing has arrived. */
const folderOf = (tab: RemoteTab | undefined) =>
  eventually(
    () => tab?.pane?.getState(),
    (state) => state?.loading === false && state.path !== null,
  ).then((state) => state?.path);

describe('connection tabs against the real core', () => {
  it('connecting twice opens two tabs; closing one ends only its session', async () => {
    const first = await tabActions.connect(sftpParams(harness.servers));
    expect(tabs()).toHaveLength(1);
    const second = await tabActions.connect(sftpParams(harness.servers));
    expect(tabs()).toHaveLength(2);
    expect(shown()?.session?.sessionId).toBe(second?.sessionId);
    expect(await openSessions()).toEqual([first?.sessionId, second?.sessionId].sort());

    await tabActions.close(tabs()[0]!.id);
    expect(tabs()).toHaveLength(1);
    expect(shown()?.session?.sessionId).toBe(second?.sessionId);
    expect(await openSessions()).toEqual([second?.sessionId]);
  });

  it('a quick connection saved as a site is given to it only if the site names its server and user', async () => {
    const params = sftpParams(harness.servers);
    await tabActions.connect(params);
    const tab = shown();
    if (!tab) throw new Error('no tab');
    const save = (name: string, user: string) =>
      app.handlers['sites.save']({
        site: sampleDraftFor(params, { name, user, protocol: params.protocol }),
      });
    // The user changed the login in the form before saving: bookmarks added in this tab, and its
    // Reconnect, would go to that other login.
    expect(tabActions.linkSite(tab.id, await save('Someone else', 'someone-else'))).toBe(false);
    expect(shown()?.site).toBeUndefined();
    const own = await save('Own', params.user);
    expect(tabActions.linkSite(tab.id, own)).toBe(true);
    expect(shown()?.site).toEqual({ id: own.id, name: 'Own' });
  });

  it('each tab keeps its own folder and history across switches', async () => {
    await tabActions.connect(sftpParams(harness.servers));
    const a = shown();
    await folderOf(a);
    await a?.pane?.getState().actions.navigate(`${harness.servers.root}/a`);
    await tabActions.connect(sftpParams(harness.servers));
    const b = shown();
    await folderOf(b);
    await b?.pane?.getState().actions.navigate(`${harness.servers.root}/b`);

    tabActions.cycle(1);
    expect(shown()?.id).toBe(a?.id);
    expect(shown()?.pane).toBe(a?.pane);
    expect(shown()?.pane?.getState().path).toBe(`${harness.servers.root}/a`);
    expect(shown()?.pane?.getState().history.back).toEqual([harness.servers.root]);
    expect(shown()?.pane?.getState().names).toEqual(['in-a.txt']);
    tabActions.cycle(-1);
    expect(shown()?.pane?.getState().names).toEqual(['in-b.txt']);
  });

  it('a dropped connection marks only its own tab, and Reconnect returns to its folder', async () => {
    const relay = await dropRelay(harness.servers.sftp!.port);
    try {
      await tabActions.connect(sftpParams(harness.servers, { port: relay.port }));
      const relayed = shown()!;
      await folderOf(relayed);
      await relayed.pane?.getState().actions.navigate(`${harness.servers.root}/a`);
      await tabActions.connect(sftpParams(harness.servers));
      const direct = shown()!;

      relay.drop();
      const lost = await eventually(
        () => tabs().find((t) => t.id === relayed.id),
        (tab) => tab?.lost === true,
      );
      expect(lost?.session).toBeUndefined();
      expect(lost?.error?.code).toBe('connection_lost');
      const other = tabs().find((t) => t.id === direct.id);
      expect(other?.session).toBeDefined();
      expect(other?.error).toBeUndefined();
      expect(useTabs.getState().activeId).toBe(direct.id);

      expect(tabActions.reconnectQuick(relayed.id)).toBe(true);
      const back = await eventually(
        () => tabs().find((t) => t.id === relayed.id),
        (tab) => tab?.session !== undefined,
      );
      expect(await folderOf(back)).toBe(`${harness.servers.root}/a`);
      expect(back?.lost).toBe(false);
    } finally {
      await relay.close();
    }
  });

  it('a lost tab given to another server that refuses: no Reconnect to the lost one, under the new name', async () => {
    const relay = await dropRelay(harness.servers.sftp!.port);
    const lostParams = sftpParams(harness.servers, { port: relay.port });
    await tabActions.connect(lostParams);
    const tab = shown()!;
    await folderOf(tab);
    relay.drop();
    await eventually(shown, (t) => t?.lost === true);
    await relay.close(); // nothing listens there now

    // The lost tab is shown, so the next connect goes into it: to a port where nothing listens.
    const refusing = sftpParams(harness.servers, { port: relay.port });
    expect(await tabActions.connect({ ...refusing, user: 'someone-else' })).toBeUndefined();
    const failed = shown()!;
    expect(failed.id).toBe(tab.id);
    expect(failed.error?.code).toBe('connection_refused');
    expect(failed.lost).toBe(false); // "Not connected", not "Connection lost"
    expect(endpointLabel(failed.endpoint!)).toContain('someone-else@');
    expect(tabActions.reconnectQuick(failed.id)).toBe(false); // nothing to reconnect to
    expect(await openSessions()).toEqual([]);
  });

  it('after a reload the page shows its sessions again: order, folders, shown tab, no new session', async () => {
    const a = await tabActions.connect(sftpParams(harness.servers));
    await folderOf(shown());
    await shown()?.pane?.getState().actions.navigate(`${harness.servers.root}/a`);
    // The second from a saved site: its tab is titled with the site's name.
    const params = sftpParams(harness.servers);
    const site = await app.handlers['sites.save']({
      site: sampleDraft({
        name: 'Saved harness',
        host: params.host,
        port: params.port,
        user: params.user,
      }),
    });
    const b = await app.handlers['sites.connect']({
      siteId: site.id,
      password: params.password ?? '',
    });
    tabActions.adoptSiteSession(b, site.name);
    await folderOf(shown());
    await shown()?.pane?.getState().actions.navigate(`${harness.servers.root}/b`);
    tabActions.cycle(1);
    // Tab a: back to its login folder and forward again, sorted by size, filtered.
    const paneA = shown()?.pane;
    await paneA?.getState().actions.back();
    await paneA?.getState().actions.forward();
    paneA?.getState().actions.sortBy('size');
    paneA?.getState().actions.setFilter('in-');
    const layout = currentLayout();
    expect(layout.tabs.map((t) => t.sessionId)).toEqual([a?.sessionId, b?.sessionId]);
    expect(layout.active).toBe(0);
    // A third tab had lost its connection before the reload.
    layout.tabs.push({
      endpoint: { protocol: 'sftp', host: '127.0.0.1', port: 2, user: 'ann' },
      lost: { message: 'The server closed the connection.', folder: '/srv/gone' },
    });

    // A fourth showed a session that another Ferry tab took over while this one was away.
    layout.tabs.push({ sessionId: 'taken-over', endpoint: endpointOf(params) });

    // The reload: a fresh page with its one empty tab asks the core what it had.
    useTabs.setState({ tabs: [{ id: 'after-reload', connecting: false, lost: false }] });
    useTabs.setState({ activeId: 'after-reload' });
    const mine = await app.handlers['remote.reattach']({ pageId: pageId() });
    restore(mine, layout, new Set(['taken-over']));

    expect(tabs().map((t) => t.session?.sessionId)).toEqual([
      a?.sessionId,
      b?.sessionId,
      undefined,
      undefined,
    ]);
    expect(shown()?.session?.sessionId).toBe(a?.sessionId);
    expect(await folderOf(tabs()[0])).toBe(`${harness.servers.root}/a`);
    const restoredA = tabs()[0]?.pane?.getState();
    expect(restoredA?.names).toEqual(['in-a.txt']);
    expect(restoredA?.sort).toEqual({ key: 'size', direction: 'descending' });
    expect(restoredA?.filter).toBe('in-');
    expect(restoredA?.history.back).toEqual([a?.home]);
    expect(await folderOf(tabs()[1])).toBe(`${harness.servers.root}/b`);
    expect(tabs().map((t) => tabTitle(t))).toEqual([
      endpointLabel(params),
      'Saved harness',
      'ann@127.0.0.1:2',
      endpointLabel(params),
    ]);
    expect(tabs()[1]?.site).toEqual({ id: site.id, name: 'Saved harness' });
    expect(tabs()[2]).toMatchObject({
      lost: true,
      lostFolder: '/srv/gone',
      error: { code: 'connection_lost', message: 'The server closed the connection.' },
    });
    expect(tabs()[3]).toMatchObject({
      lost: true,
      error: { message: 'Another Ferry tab shows this connection now.' },
    });
    expect(await openSessions()).toEqual([a?.sessionId, b?.sessionId].sort());
  });

  it('a tab closed while connecting leaves no session open', async () => {
    const connecting = tabActions.connect(sftpParams(harness.servers));
    const tab = shown()!;
    expect(tab.connecting).toBe(true);
    await tabActions.close(tab.id);
    expect(await connecting).toBeUndefined();
    expect(await openSessions()).toEqual([]);
    expect(tabs()).toHaveLength(1);
    expect(shown()?.session).toBeUndefined();
  });
});

/** A relay to the SFTP server that can drop every connection through it, like a network failure. */
async function dropRelay(targetPort: number) {
  const open = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect({ host: '127.0.0.1', port: targetPort });
    for (const socket of [inbound, outbound]) {
      open.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => open.delete(socket));
    }
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    drop: () => {
      for (const socket of open) socket.resetAndDestroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
