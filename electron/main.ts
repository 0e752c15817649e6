/**
 * The desktop app's lifecycle: one window, its security defaults, the IPC transport.
 * Everything else lives in electron/core (Electron-free) and is built by createApp.
 */
import { app, BrowserWindow, dialog, protocol, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './core/app';
import { reportStrayRejections } from './core/stray-rejections';
import { createIpcEvents, isTrustedSender, serveContractOverIpc } from './transport/ipc';
import {
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  isAppUrl,
  serveRendererFrom,
} from './window/app-protocol';
import { saveOwnDownloadsWithDialog } from './window/downloads';
import {
  denyAllPermissions,
  enforceContentSecurityPolicy,
  lockNavigation,
  secureWebPreferences,
} from './window/security';
import { askBeforeLeaving } from './window/unsaved-changes';

const here = fileURLToPath(new URL('.', import.meta.url));
let mainWindow: BrowserWindow | undefined;
const ourContents = () =>
  mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : undefined;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 480,
    title: 'Ferry',
    show: false,
    webPreferences: secureWebPreferences(join(here, '../preload/preload.cjs')),
  });
  lockNavigation(window.webContents, isAppUrl, (url) => void shell.openExternal(url));
  // The editor's unsaved changes: closing or reloading the window asks first.
  askBeforeLeaving(
    window.webContents,
    () =>
      dialog.showMessageBoxSync(window, {
        type: 'warning',
        buttons: ['Leave without saving', 'Stay'],
        defaultId: 1,
        cancelId: 1,
        title: 'Unsaved changes',
        message: 'A file in the editor has changes that are not saved on the server.',
        detail: 'If you leave now, those changes are lost.',
      }) === 0,
  );
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

async function start(): Promise<void> {
  reportStrayRejections();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  await app.whenReady();
  serveRendererFrom(protocol, join(here, '../renderer'));
  enforceContentSecurityPolicy(session.defaultSession);
  denyAllPermissions(session.defaultSession, isAppUrl);
  saveOwnDownloadsWithDialog(session.defaultSession, isAppUrl);

  const events = createIpcEvents(ourContents);
  const core = createApp({
    edition: 'desktop',
    dataDir: app.getPath('userData'),
    version: app.getVersion(),
    emit: events.emit,
    safeStorage,
    trash: async (paths) => {
      for (const path of paths) await shell.trashItem(path);
    },
  });
  serveContractOverIpc(
    core.handlers,
    (event) => isTrustedSender(event, ourContents, isAppUrl),
    events,
  );

  mainWindow = createWindow();
  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the core: it keeps the unfinished transfers for the next start (their
  // part files too) and closes the connections, then Ferry quits for good. A core that does not
  // finish in time (a server that never answers) must not keep a windowless Ferry alive: the
  // single-instance lock would make every later launch look like it did nothing.
  app.on('before-quit', (event) => {
    if (quitting === 'done') return;
    event.preventDefault();
    // Another quit while the core closes (the window's own, a second Cmd+Q) waits for it too.
    if (quitting === 'keeping') return;
    const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined;
    if (!window) return keepAndQuit();
    // The window closes first, so an editor with unsaved changes can ask: "Stay" keeps Ferry
    // running with its connections (closing the core first would leave the text unsavable).
    if (!quitWhenClosed.has(window)) {
      quitWhenClosed.add(window);
      window.once('closed', keepAndQuit);
    }
    window.close();
  });
  const quitWhenClosed = new WeakSet<BrowserWindow>();
  function keepAndQuit(): void {
    if (quitting !== 'no') return;
    quitting = 'keeping';
    void settlesWithin(core.dispose(), QUIT_DEADLINE_MS).then((settled) => {
      quitting = 'done';
      if (settled) app.quit();
      else app.exit(0);
    });
  }
}

/** How long quitting waits for the core to keep the list and close its connections. */
const QUIT_DEADLINE_MS = 10_000;
/** no: running; keeping: the core keeps the unfinished transfers; done: quitting for good. */
let quitting: 'no' | 'keeping' | 'done' = 'no';
let relaunching = false;

function relaunchOnce(): void {
  if (relaunching) return;
  relaunching = true;
  app.relaunch();
}

/** True when `work` settled (either way) within `ms`, false when the time ran out first. */
function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = work.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

// One Ferry at a time: a second launch focuses the first window (or opens one) instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      // No window to bring forward. While closing (keeping the unfinished transfers), Ferry
      // starts again once it is gone; otherwise it opens its window again.
      if (quitting !== 'no') relaunchOnce();
      else if (app.isReady()) mainWindow = createWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  void start();
}
