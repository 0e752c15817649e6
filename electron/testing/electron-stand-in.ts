/**
 * A stand-in for the parts of `electron` that main.ts, preload.ts and the IPC transport use.
 * Vitest aliases the module `electron` to this file: Electron's binary cannot be downloaded on
 * our machines. It records what the code asked for so tests can inspect it (`standIn`); it does
 * not pretend to enforce anything Electron enforces (sandbox, CSP, context isolation).
 */
/* eslint-disable no-restricted-syntax -- this file must export Electron's ipcMain/ipcRenderer */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandInBrowserWindow, StandInFrame, StandInWebContents } from './stand-in-window';

export { StandInBrowserWindow, StandInFrame, StandInWebContents } from './stand-in-window';

type InvokeListener = (event: IpcMainInvokeEvent, ...args: never[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;
type RendererInvokeReply = (channel: string, ...args: unknown[]) => Promise<unknown>;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;
type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: unknown,
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string) => boolean;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;
export interface SchemeRegistration {
  schemes: unknown[];
  /** Electron only honours this before the app is ready. */
  beforeReady: boolean;
}

function freshState() {
  return {
    ready: false,
    singleInstanceLock: true,
    quitCalls: 0,
    exitCodes: [] as number[],
    relaunchCalls: 0,
    paths: new Map<string, string>(),
    tempDirs: [] as string[],
    windows: [] as StandInBrowserWindow[],
    invokeHandlers: new Map<string, InvokeListener>(),
    rendererInvokes: [] as { channel: string; args: unknown[] }[],
    rendererReply: (async () => undefined) as RendererInvokeReply,
    exposed: new Map<string, unknown>(),
    schemeRegistrations: [] as SchemeRegistration[],
    protocolHandlers: new Map<string, ProtocolHandler>(),
    headersListeners: [] as HeadersListener[],
    permissionRequestHandler: undefined as PermissionRequestHandler | undefined,
    permissionCheckHandler: undefined as PermissionCheckHandler | undefined,
    openedExternally: [] as string[],
    trashed: [] as string[],
    pathForFileCalls: [] as File[],
    messageBoxes: [] as string[],
    messageBoxAnswer: undefined as number | undefined,
  };
}
let state = freshState();

const appEvents = new EventEmitter();
const sessionEvents = new EventEmitter();
const rendererEvents = new EventEmitter();
StandInBrowserWindow.recorder = { created: (window) => state.windows.push(window) };

export const app = {
  requestSingleInstanceLock: (): boolean => state.singleInstanceLock,
  /** Resolves on the next microtask; the app counts as ready from then on. */
  whenReady: (): Promise<void> =>
    Promise.resolve().then(() => {
      state.ready = true;
    }),
  isReady: (): boolean => state.ready,
  on(event: string, listener: (...args: unknown[]) => void) {
    appEvents.on(event, listener);
    return app;
  },
  once(event: string, listener: (...args: unknown[]) => void) {
    appEvents.once(event, listener);
    return app;
  },
  emit: (event: string, ...args: unknown[]): boolean => appEvents.emit(event, ...args),
  quit(): void {
    state.quitCalls += 1;
  },
  /** Electron ends the process at once, without 'before-quit'; recorded here. */
  exit(code = 0): void {
    state.exitCodes.push(code);
  },
  relaunch(): void {
    state.relaunchCalls += 1;
  },
  /** A real, empty temporary folder per name unless a test set one; removed by reset(). */
  getPath(name: string): string {
    let path = state.paths.get(name);
    if (path === undefined) {
      path = mkdtempSync(join(tmpdir(), `ferry-stand-in-${name}-`));
      state.tempDirs.push(path);
      state.paths.set(name, path);
    }
    return path;
  },
  setPath(name: string, path: string): void {
    state.paths.set(name, path);
  },
  getVersion: (): string => '0.0.0-stand-in',
};

export const BrowserWindow = StandInBrowserWindow;

export const ipcMain = {
  handle(channel: string, listener: InvokeListener): void {
    // Electron itself throws here: a channel has at most one handler.
    if (state.invokeHandlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    state.invokeHandlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    state.invokeHandlers.delete(channel);
  },
};

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    state.rendererInvokes.push({ channel, args });
    return state.rendererReply(channel, ...args);
  },
  on(channel: string, listener: RendererListener) {
    rendererEvents.on(channel, listener);
    return ipcRenderer;
  },
  removeListener(channel: string, listener: RendererListener) {
    rendererEvents.removeListener(channel, listener);
    return ipcRenderer;
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    state.exposed.set(key, api);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    state.schemeRegistrations.push({ schemes, beforeReady: !state.ready });
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    state.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived(listener: HeadersListener): void {
        state.headersListeners.push(listener);
      },
    },
    setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
      state.permissionRequestHandler = handler ?? undefined;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
      state.permissionCheckHandler = handler ?? undefined;
    },
    on(event: string, listener: (...args: unknown[]) => void) {
      sessionEvents.on(event, listener);
      return this;
    },
  },
};

export const shell = {
  openExternal(url: string): Promise<void> {
    state.openedExternally.push(url);
    return Promise.resolve();
  },
  trashItem(path: string): Promise<void> {
    state.trashed.push(path);
    return Promise.resolve();
  },
};

/**
 * Message boxes answer with the button a test chose (standIn.answerMessageBoxes), else their
 * default (main.ts asks about unsaved changes); each question asked is recorded.
 */
export const dialog = {
  showMessageBoxSync(_window: unknown, options: { defaultId?: number; message?: string }): number {
    state.messageBoxes.push(options.message ?? '');
    return state.messageBoxAnswer ?? options.defaultId ?? 0;
  },
};

export const webUtils = {
  getPathForFile(file: File): string {
    state.pathForFileCalls.push(file);
    return `/stand-in/dropped/${file.name}`;
  },
};

/** What tests use to set the scene and read what was recorded. */
export const standIn = {
  /** Forgets everything recorded, removes listeners and the temporary folders it made. */
  reset(): void {
    for (const dir of state.tempDirs) rmSync(dir, { recursive: true, force: true });
    state = freshState();
    appEvents.removeAllListeners();
    sessionEvents.removeAllListeners();
    rendererEvents.removeAllListeners();
  },
  setSingleInstanceLock(granted: boolean): void {
    state.singleInstanceLock = granted;
  },
  quitCalls: () => state.quitCalls,
  /** The button index message boxes answer with from now on (undefined: their default). */
  answerMessageBoxes(index: number | undefined): void {
    state.messageBoxAnswer = index;
  },
  messageBoxes: (): readonly string[] => state.messageBoxes,
  exitCodes: (): readonly number[] => state.exitCodes,
  relaunchCalls: () => state.relaunchCalls,
  windows: (): readonly StandInBrowserWindow[] => state.windows,
  invokeHandler: (channel: string): InvokeListener | undefined => state.invokeHandlers.get(channel),
  handledChannels: (): string[] => [...state.invokeHandlers.keys()],
  /** Calls the registered handler as Electron would for a message from `sender`'s `frame`. */
  async invokeFromRenderer(
    channel: string,
    sender: StandInWebContents,
    frame: StandInFrame | null,
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = state.invokeHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(standIn.invokeEvent(sender, frame), ...(args as never[]));
  },
  /** An IpcMainInvokeEvent carrying only what the stand-in models: sender and senderFrame. */
  invokeEvent(sender: StandInWebContents, frame: StandInFrame | null): IpcMainInvokeEvent {
    return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
  },
  /** The stand-in contents typed as Electron's, for code that takes a WebContents. */
  asWebContents: (contents: StandInWebContents): WebContents => contents as unknown as WebContents,
  rendererInvokes: (): readonly { channel: string; args: unknown[] }[] => state.rendererInvokes,
  /** What ipcRenderer.invoke resolves to from now on. */
  replyToRendererInvokes(reply: RendererInvokeReply): void {
    state.rendererReply = reply;
  },
  /** Delivers a main-process message to the page's ipcRenderer listeners. */
  deliverToRenderer(channel: string, ...args: unknown[]): void {
    rendererEvents.emit(channel, { sender: ipcRenderer }, ...args);
  },
  rendererListenerCount: (channel: string): number => rendererEvents.listenerCount(channel),
  exposed: (): ReadonlyMap<string, unknown> => state.exposed,
  schemeRegistrations: (): readonly SchemeRegistration[] => state.schemeRegistrations,
  protocolHandler: (scheme: string): ProtocolHandler | undefined =>
    state.protocolHandlers.get(scheme),
  headersListeners: (): readonly HeadersListener[] => state.headersListeners,
  permissionRequestHandler: () => state.permissionRequestHandler,
  permissionCheckHandler: () => state.permissionCheckHandler,
  openedExternally: (): readonly string[] => state.openedExternally,
  trashed: (): readonly string[] => state.trashed,
  pathForFileCalls: (): readonly File[] => state.pathForFileCalls,
  /** Emits a default-session event (e.g. 'will-download') to main.ts's listeners. */
  emitSessionEvent: (event: string, ...args: unknown[]): boolean =>
    sessionEvents.emit(event, ...args),
};
