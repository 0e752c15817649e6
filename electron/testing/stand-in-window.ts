/**
 * BrowserWindow and WebContents for the Electron stand-in. They record what the code under
 * test asked for (options, handlers, messages) and let a test fire the events Electron would;
 * they enforce nothing.
 */
import { EventEmitter } from 'node:events';

/** A frame as IPC sees it: the main frame has no parent, a subframe has one. */
export class StandInFrame {
  constructor(
    public url: string,
    public readonly parent: StandInFrame | null = null,
  ) {}
}

export interface WindowOpenDetails {
  url: string;
}
export type WindowOpenResponse = { action: 'deny' } | { action: 'allow' };
type WindowOpenHandler = (details: WindowOpenDetails) => WindowOpenResponse;

/** What a test learns after firing a cancellable event. */
export interface FiredEvent {
  defaultPrevented: boolean;
}

let nextContentsId = 1;

export class StandInWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new StandInFrame('about:blank');
  /** Every `send(channel, ...args)` the main process made to this page. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: WindowOpenHandler | undefined;
  private destroyed = false;

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** Fires a cancellable event (will-navigate, will-redirect…) the way Electron passes it. */
  fire(name: string, ...args: unknown[]): FiredEvent {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        event.defaultPrevented = true;
      },
    };
    this.emit(name, event, ...args);
    return { defaultPrevented: event.defaultPrevented };
  }

  /** What the page's `window.open(url)` would get; undefined when no handler is set. */
  openWindow(url: string): WindowOpenResponse | undefined {
    return this.windowOpenHandler?.({ url });
  }
}

export interface WindowRecorder {
  created(window: StandInBrowserWindow): void;
}

export class StandInBrowserWindow extends EventEmitter {
  static recorder: WindowRecorder | undefined;
  readonly webContents = new StandInWebContents();
  readonly loadedUrls: string[] = [];
  shown = false;
  focused = false;
  minimized = false;
  /** The page's beforeunload asks to stay (the editor holds unsaved changes). */
  pageWantsToStay = false;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    StandInBrowserWindow.recorder?.created(this);
  }

  /** Records the URL and makes it the main frame's URL, as a finished load would. */
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }

  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroy();
  }

  /**
   * As Electron closes a window: a page that wants to stay is asked about through
   * 'will-prevent-unload' (the main process may override it); kept open unless overridden,
   * else destroyed with 'closed'.
   */
  close(): void {
    if (this.destroyed) return;
    if (this.pageWantsToStay && !this.webContents.fire('will-prevent-unload').defaultPrevented) {
      return;
    }
    this.destroy();
    this.emit('closed');
  }
}
