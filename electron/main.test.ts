import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../shared/contract';
import { CONTENT_SECURITY_POLICY } from './window/security';

type StandInModule = typeof import('./testing/electron-stand-in');
let electron: StandInModule | undefined;

/** Runs main.ts afresh against a fresh stand-in and lets its start-up finish. */
async function launch(options: { singleInstance?: boolean } = {}): Promise<StandInModule> {
  vi.resetModules();
  electron = await import('./testing/electron-stand-in');
  electron.standIn.setSingleInstanceLock(options.singleInstance ?? true);
  await import('./main');
  await new Promise((resolve) => setImmediate(resolve));
  return electron;
}

async function launchOneWindow() {
  const launched = await launch();
  const windows = launched.standIn.windows();
  expect(windows).toHaveLength(1);
  return { ...launched, window: windows[0]! };
}

afterEach(() => {
  vi.useRealTimers();
  vi.doUnmock('./core/app');
  electron?.standIn.reset();
});

/** The core's dispose as a test wants it: the real core is built, its dispose replaced. */
function coreDisposing(dispose: () => Promise<void>) {
  vi.doMock('./core/app', async (importOriginal) => {
    const real = await importOriginal<typeof import('./core/app')>();
    return {
      ...real,
      createApp: (...args: Parameters<typeof real.createApp>) => ({
        ...real.createApp(...args),
        dispose,
      }),
    };
  });
}

function beforeQuit(app: StandInModule['app']) {
  const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  app.emit('before-quit', event);
  return event;
}

describe('desktop main process', () => {
  it('opens one window with the secure defaults and the bundled preload', async () => {
    const { window } = await launchOneWindow();
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(window.loadedUrls).toEqual(['ferry://app/index.html']);
  });

  it('reports a failure nobody waited for instead of ending (and the transfers with it)', async () => {
    await launchOneWindow();
    const written: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    try {
      process.emit('unhandledRejection', new Error('lost answer'), Promise.resolve());
    } finally {
      write.mockRestore();
    }
    expect(written.join('')).toContain('Ferry hit an error it did not expect and keeps running');
    expect(written.join('')).toContain('lost answer');
  });

  it('shows the window once it is ready, not before', async () => {
    const { window } = await launchOneWindow();
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('refuses navigation and redirects away from the app', async () => {
    const { window } = await launchOneWindow();
    const contents = window.webContents;
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd').defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'ferry://app/index.html').defaultPrevented).toBe(false);
    expect(contents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
  });

  it('opens no new windows; only https links go to the OS browser', async () => {
    const { window, standIn } = await launchOneWindow();
    const contents = window.webContents;
    for (const url of [
      'https://example.com/help',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ferry://app/index.html',
      'smb://server/share',
    ]) {
      expect(contents.openWindow(url)).toEqual({ action: 'deny' });
    }
    expect(standIn.openedExternally()).toEqual(['https://example.com/help']);
    expect(standIn.windows()).toHaveLength(1);
  });

  it('denies every permission request and check', async () => {
    const { standIn, window } = await launchOneWindow();
    const request = standIn.permissionRequestHandler();
    const check = standIn.permissionCheckHandler();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const granted = vi.fn();
      request?.(window.webContents, permission, granted);
      expect(granted).toHaveBeenCalledWith(false);
      expect(check?.(window.webContents, permission, 'ferry://app')).toBe(false);
    }
    expect(request).toBeDefined();
    expect(check).toBeDefined();
  });

  it('lets only the app’s own page write text to the clipboard (Copy path)', async () => {
    const { standIn, window } = await launchOneWindow();
    const request = standIn.permissionRequestHandler();
    const check = standIn.permissionCheckHandler();
    const write = 'clipboard-sanitized-write';
    expect(check?.(window.webContents, write, 'ferry://app')).toBe(true);
    expect(check?.(window.webContents, write, 'https://example.com')).toBe(false);
    expect(check?.(window.webContents, 'clipboard-read', 'ferry://app')).toBe(false);
    for (const [url, expected] of [
      ['ferry://app/index.html', true],
      ['https://example.com/', false],
    ] as const) {
      const granted = vi.fn();
      request?.(window.webContents, write, granted, { requestingUrl: url });
      expect(granted).toHaveBeenCalledWith(expected);
    }
  });

  it('saves the page’s own downloads (Export…) through a save dialog, and refuses others', async () => {
    const { standIn, window } = await launchOneWindow();
    const download = (url: string) => {
      const event = {
        defaultPrevented: false,
        preventDefault: () => (event.defaultPrevented = true),
      };
      const item = {
        getURL: () => url,
        getFilename: () => 'ferry-sites-2026-11-27.json',
        setSaveDialogOptions: vi.fn(),
      };
      standIn.emitSessionEvent('will-download', event, item, window.webContents);
      return { refused: event.defaultPrevented, dialog: item.setSaveDialogOptions.mock.calls[0] };
    };
    const own = download('blob:ferry://app/0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(own.refused).toBe(false);
    expect(own.dialog?.[0]).toMatchObject({
      defaultPath: 'ferry-sites-2026-11-27.json',
      filters: [{ name: 'Ferry sites file', extensions: ['json'] }, expect.anything()],
    });
    for (const url of [
      'https://example.com/file.json',
      'blob:https://example.com/0f8fad5b-d9cb-469f-a165-70867728950e',
      'ferry://app/index.html',
    ]) {
      expect(download(url), url).toEqual({ refused: true, dialog: undefined });
    }
  });

  it('adds the strict CSP to every response, keeping the other headers', async () => {
    const { standIn } = await launchOneWindow();
    expect(standIn.headersListeners()).toHaveLength(1);
    const respond = vi.fn();
    standIn.headersListeners()[0]!(
      {
        url: 'ferry://app/index.html',
        responseHeaders: { 'Content-Type': ['text/html'], 'content-security-policy': ['*'] },
      },
      respond,
    );
    const headers = respond.mock.calls[0]?.[0]?.responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('registers the app scheme as privileged before ready, and serves it', async () => {
    const { standIn } = await launchOneWindow();
    expect(standIn.schemeRegistrations()).toEqual([
      {
        schemes: [expect.objectContaining({ scheme: 'ferry' })],
        beforeReady: true,
      },
    ]);
    expect(standIn.protocolHandler('ferry')).toBeDefined();
  });

  it('answers the contract on its IPC channel, for our window only', async () => {
    const { standIn, window, StandInFrame } = await launchOneWindow();
    expect(standIn.handledChannels()).toEqual([IPC_INVOKE_CHANNEL]);
    const contents = window.webContents;
    const info = await standIn.invokeFromRenderer(
      IPC_INVOKE_CHANNEL,
      contents,
      contents.mainFrame,
      'app.info',
      {},
    );
    expect(info).toMatchObject({
      ok: true,
      value: { edition: 'desktop', version: '0.0.0-stand-in', deleteMode: 'trash' },
    });
    const subframe = new StandInFrame('ferry://app/index.html', contents.mainFrame);
    const refused = await standIn.invokeFromRenderer(
      IPC_INVOKE_CHANNEL,
      contents,
      subframe,
      'app.info',
      {},
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a reloaded page gets the log lines from before over IPC, as the browser edition does', async () => {
    const { standIn, window } = await launchOneWindow();
    const contents = window.webContents;
    const ask = (method: string, input: unknown) =>
      standIn.invokeFromRenderer(IPC_INVOKE_CHANNEL, contents, contents.mainFrame, method, input);
    // Nothing listens on port 1: the attempt is logged, and fails.
    const failed = await ask('remote.connect', {
      protocol: 'sftp',
      host: '127.0.0.1',
      port: 1,
      user: 'ann',
      password: 'not-in-any-log',
    });
    expect(failed).toMatchObject({ ok: false, error: { code: 'connection_refused' } });

    // The page reloads (the same window and main process; its page id stays in sessionStorage)
    // and asks what it had, as the renderer does at start-up.
    const recent = (await ask('log.recent', {})) as {
      ok: true;
      value: { text: string; seq: number }[];
    };
    expect(recent.ok).toBe(true);
    expect(recent.value.map((line) => line.text)).toContainEqual(
      expect.stringContaining('Connecting to 127.0.0.1:1 (SFTP) as ann'),
    );
    expect(JSON.stringify(recent.value)).not.toContain('not-in-any-log');
    expect(await ask('remote.reattach', { pageId: 'desktop-page-1' })).toEqual({
      ok: true,
      value: [],
    });
  });

  it('quits without a window when another Ferry is already running', async () => {
    const { standIn } = await launch({ singleInstance: false });
    expect(standIn.quitCalls()).toBe(1);
    expect(standIn.windows()).toEqual([]);
    expect(standIn.handledChannels()).toEqual([]);
  });

  it('brings its window forward when Ferry is launched a second time', async () => {
    const { app, window } = await launchOneWindow();
    window.minimized = true;
    app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('quits when its window is closed', async () => {
    const { app, standIn } = await launchOneWindow();
    app.emit('window-all-closed');
    expect(standIn.quitCalls()).toBe(1);
  });

  it('quits once the core has kept the unfinished transfers', async () => {
    let finish: () => void = () => undefined;
    coreDisposing(() => new Promise<void>((resolve) => (finish = resolve)));
    const { app, standIn } = await launchOneWindow();
    expect(beforeQuit(app).defaultPrevented).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(standIn.quitCalls()).toBe(0);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(standIn.quitCalls()).toBe(1);
    // The second 'before-quit' (from that quit) goes through.
    expect(beforeQuit(app).defaultPrevented).toBe(false);
    expect(standIn.exitCodes()).toEqual([]);
  });

  it('asks about unsaved changes before quitting: Stay keeps Ferry and its core running', async () => {
    let disposed = 0;
    let finish: () => void = () => undefined;
    coreDisposing(() => {
      disposed += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    const { app, standIn, window } = await launchOneWindow();
    window.pageWantsToStay = true;
    standIn.answerMessageBoxes(1); // Stay
    expect(beforeQuit(app).defaultPrevented).toBe(true);
    expect(standIn.messageBoxes()).toEqual([
      'A file in the editor has changes that are not saved on the server.',
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(window.isDestroyed()).toBe(false);
    expect(disposed).toBe(0);
    expect(standIn.quitCalls()).toBe(0);

    standIn.answerMessageBoxes(0); // Leave without saving
    expect(beforeQuit(app).defaultPrevented).toBe(true);
    expect(window.isDestroyed()).toBe(true);
    expect(disposed).toBe(1);
    // Quits that come while the core keeps the list (the window's own) wait for it too.
    expect(beforeQuit(app).defaultPrevented).toBe(true);
    expect(disposed).toBe(1);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(standIn.quitCalls()).toBe(1);
    expect(beforeQuit(app).defaultPrevented).toBe(false);
  });

  it('ends the process after 10 s when the core never finishes closing', async () => {
    coreDisposing(() => new Promise<void>(() => undefined));
    const { app, standIn } = await launchOneWindow();
    vi.useFakeTimers();
    beforeQuit(app);
    await vi.advanceTimersByTimeAsync(9_900);
    expect(standIn.exitCodes()).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(standIn.exitCodes()).toEqual([0]);
  });

  it('opens a window on a second launch when it has none', async () => {
    const { app, standIn, window } = await launchOneWindow();
    window.destroy();
    app.emit('second-instance');
    expect(standIn.windows()).toHaveLength(2);
    expect(standIn.windows()[1]!.loadedUrls).toEqual(['ferry://app/index.html']);
    // The new window is the one a later launch brings forward.
    standIn.windows()[1]!.minimized = true;
    app.emit('second-instance');
    expect(standIn.windows()[1]!.minimized).toBe(false);
    expect(standIn.windows()).toHaveLength(2);
  });

  it('starts again after closing when launched while closing', async () => {
    coreDisposing(() => new Promise<void>(() => undefined));
    const { app, standIn, window } = await launchOneWindow();
    vi.useFakeTimers();
    window.destroy();
    beforeQuit(app);
    app.emit('second-instance');
    app.emit('second-instance');
    expect(standIn.windows()).toHaveLength(1);
    expect(standIn.relaunchCalls()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(standIn.exitCodes()).toEqual([0]);
  });
});
