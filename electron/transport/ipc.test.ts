import { beforeEach, describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract';
import {
  BrowserWindow,
  StandInFrame,
  ipcMain,
  standIn,
  type StandInWebContents,
} from '../testing/electron-stand-in';
import { recordingHandlers } from '../testing/recording-handlers';
import { isAppUrl } from '../window/app-protocol';
import { createIpcEmitter, isTrustedSender, registerIpc } from './ipc';

const APP_PAGE = 'ferry://app/index.html';

/** Our window with the app loaded, the contract registered the way main.ts does it. */
function setUp() {
  const ours = new BrowserWindow();
  void ours.loadURL(APP_PAGE);
  let current: StandInWebContents | undefined = ours.webContents;
  const ourContents = () => (current ? standIn.asWebContents(current) : undefined);
  const { calls, handlers } = recordingHandlers();
  registerIpc(ipcMain, handlers, (event) => isTrustedSender(event, ourContents, isAppUrl));
  const call = (sender: StandInWebContents, frame: StandInFrame | null, method: unknown) =>
    standIn.invokeFromRenderer(IPC_INVOKE_CHANNEL, sender, frame, method, {});
  const closeWindow = () => (current = undefined);
  return { ours, calls, call, closeWindow };
}

describe('IPC transport', () => {
  beforeEach(() => standIn.reset());

  it('registers the whole contract on one channel', () => {
    setUp();
    expect(standIn.handledChannels()).toEqual([IPC_INVOKE_CHANNEL]);
  });

  it('lets our window’s main frame reach the core', async () => {
    const { ours, calls, call } = setUp();
    const result = await call(ours.webContents, ours.webContents.mainFrame, 'app.info');
    expect(result).toEqual({ ok: true, value: 'done' });
    expect(calls).toEqual([{ method: 'app.info', input: {} }]);
  });

  it('refuses an unknown method from our own window', async () => {
    const { ours, calls, call } = setUp();
    const result = await call(ours.webContents, ours.webContents.mainFrame, 'shell.exec');
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(calls).toEqual([]);
  });

  it('refuses another window, even one showing the app', async () => {
    const { calls, call } = setUp();
    const other = new BrowserWindow();
    await other.loadURL(APP_PAGE);
    const result = await call(other.webContents, other.webContents.mainFrame, 'app.info');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('refuses a subframe of our window', async () => {
    const { ours, calls, call } = setUp();
    const frame = new StandInFrame(APP_PAGE, ours.webContents.mainFrame);
    const result = await call(ours.webContents, frame, 'app.info');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'ferry://app.evil.example/index.html',
    'ferry://apps/index.html',
    'about:blank',
  ])('refuses our main frame once it shows %s', async (url) => {
    const { ours, calls, call } = setUp();
    await ours.loadURL(url);
    const result = await call(ours.webContents, ours.webContents.mainFrame, 'app.info');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('refuses a sender whose frame is already gone', async () => {
    const { ours, calls, call } = setUp();
    const result = await call(ours.webContents, null, 'app.info');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('refuses everything once our window is closed', async () => {
    const { ours, calls, call, closeWindow } = setUp();
    closeWindow();
    const result = await call(ours.webContents, ours.webContents.mainFrame, 'app.info');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('says "forbidden" to a stranger before judging the method it named', async () => {
    const { call } = setUp();
    const stranger = new BrowserWindow();
    await stranger.loadURL('https://evil.example/');
    const result = await call(stranger.webContents, stranger.webContents.mainFrame, 'no.such');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('IPC events', () => {
  beforeEach(() => standIn.reset());

  it('sends core events to our window on the event channel', () => {
    const window = new BrowserWindow();
    const emit = createIpcEmitter(() => standIn.asWebContents(window.webContents));
    emit('session.closed', { sessionId: 's1', reason: 'The server hung up.' });
    expect(window.webContents.sent).toEqual([
      {
        channel: IPC_EVENT_CHANNEL,
        args: ['session.closed', { sessionId: 's1', reason: 'The server hung up.' }],
      },
    ]);
  });

  it('drops events when the window is gone or destroyed', () => {
    const window = new BrowserWindow();
    window.destroy();
    createIpcEmitter(() => standIn.asWebContents(window.webContents))('trust.settled', {
      promptId: 'p1',
    });
    createIpcEmitter(() => undefined)('trust.settled', { promptId: 'p1' });
    expect(window.webContents.sent).toEqual([]);
  });
});
