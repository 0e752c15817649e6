import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
import { createIpcEvents, isTrustedSender, registerIpc } from './ipc';

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

/** The events our window was sent, message by message, as the preload reads them. */
function messagesTo(contents: StandInWebContents): unknown[] {
  return contents.sent.map(({ channel, args }) => {
    expect(channel).toBe(IPC_EVENT_CHANNEL);
    expect(args).toHaveLength(1);
    return JSON.parse(String(args[0]));
  });
}

describe('IPC events', () => {
  beforeEach(() => {
    standIn.reset();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('sends a core event to our window on the event channel within a frame', () => {
    const window = new BrowserWindow();
    const { emit } = createIpcEvents(() => standIn.asWebContents(window.webContents));
    emit('session.closed', { sessionId: 's1', reason: 'The server hung up.' });
    vi.advanceTimersByTime(16);
    expect(messagesTo(window.webContents)).toEqual([
      {
        type: 'event',
        event: 'session.closed',
        payload: { sessionId: 's1', reason: 'The server hung up.' },
      },
    ]);
  });

  it('sends a burst of events as one message, in the order raised', () => {
    const window = new BrowserWindow();
    const { emit } = createIpcEvents(() => standIn.asWebContents(window.webContents));
    for (let i = 0; i < 500; i++) emit('log.line', logLine(i));
    expect(window.webContents.sent).toEqual([]);
    vi.advanceTimersByTime(16);
    const [message, ...more] = messagesTo(window.webContents) as Array<{
      type: string;
      events: Array<{ event: string; payload: { text: string } }>;
    }>;
    expect(more).toEqual([]);
    expect(message?.type).toBe('events');
    expect(message?.events.map((e) => e.payload.text)).toEqual(
      Array.from({ length: 500 }, (_, i) => `line ${i}`),
    );
  });

  it('sends a payload as it was when raised, not as its owner changed it after', () => {
    const window = new BrowserWindow();
    const { emit } = createIpcEvents(() => standIn.asWebContents(window.webContents));
    const payload = { sessionId: 's1', reason: 'first' };
    emit('session.closed', payload);
    payload.reason = 'changed';
    vi.advanceTimersByTime(16);
    expect(messagesTo(window.webContents)).toMatchObject([{ payload: { reason: 'first' } }]);
  });

  it('sends the events a method raised before the method’s result', async () => {
    const window = new BrowserWindow();
    void window.loadURL(APP_PAGE);
    const contents = () => standIn.asWebContents(window.webContents);
    const events = createIpcEvents(contents);
    const order: string[] = [];
    const sent = window.webContents.send.bind(window.webContents);
    window.webContents.send = (channel, ...args) => {
      order.push('events');
      sent(channel, ...args);
    };
    const { handlers } = recordingHandlers((method) => {
      events.emit('log.line', logLine(1));
      events.emit('log.line', logLine(2));
      return method;
    });
    registerIpc(ipcMain, handlers, (event) => isTrustedSender(event, contents, isAppUrl), events);
    const result = standIn
      .invokeFromRenderer(
        IPC_INVOKE_CHANNEL,
        window.webContents,
        window.webContents.mainFrame,
        'app.info',
        {},
      )
      .then((value) => {
        order.push('result');
        return value;
      });
    // No timer runs: the result itself sends what waits.
    await expect(result).resolves.toEqual({ ok: true, value: 'app.info' });
    expect(order).toEqual(['events', 'result']);
    expect(messagesTo(window.webContents)).toMatchObject([
      {
        type: 'events',
        events: [{ payload: { text: 'line 1' } }, { payload: { text: 'line 2' } }],
      },
    ]);
  });

  it('drops events when the window is gone or destroyed', () => {
    const window = new BrowserWindow();
    window.destroy();
    createIpcEvents(() => standIn.asWebContents(window.webContents)).emit('trust.settled', {
      promptId: 'p1',
    });
    createIpcEvents(() => undefined).emit('trust.settled', { promptId: 'p1' });
    vi.advanceTimersByTime(16);
    expect(window.webContents.sent).toEqual([]);
  });
});

function logLine(i: number) {
  return { sessionId: 's1', level: 'info' as const, text: `line ${i}`, at: 0 };
}
