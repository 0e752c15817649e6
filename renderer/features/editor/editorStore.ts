/**
 * The built-in editor's state (FileZilla's View/Edit): one server file at a time, open over the
 * whole window. It belongs to the page, not to the tab's pane, so a connection lost while
 * editing takes nothing of the user's text with it: Save then says so and offers Reconnect,
 * and saves over the tab's new connection.
 */
import { create } from 'zustand';
import type { OpenedText, SaveOutcome } from '../../../shared/contract/editor';
import type { ErrorInfo } from '../../../shared/errors';
import { EDITOR_MAX_BYTES } from '../../../shared/text-file';
import { ApiError, call, describeError } from '../../api';
import { tabTitle } from '../tabs/tabRules';
import { paneOfSession, tabById } from '../tabs/tabsStore';

/** Where the file is: a connection tab's server (its session, or its next one, saves it), or here. */
export type EditorPlace = { side: 'remote'; tabId: string } | { side: 'local' };

export interface EditorFile {
  place: EditorPlace;
  path: string;
  name: string;
  /** Where it is, for the title: the server as the tab names it, or "this computer". */
  where: string;
  /** Runs after each save (the local pane lists the folder again). */
  onSaved?: () => void;
}

export type EditorStatus = 'loading' | 'ready' | 'saving' | 'unopenable';

/** What Save found on the server instead of the copy the editor read. */
export type SaveConflict = Exclude<SaveOutcome, { outcome: 'saved' }>;

export interface EditorState {
  file: EditorFile | null;
  status: EditorStatus;
  /** The file as read or last saved: its line ending, byte order mark and version. */
  opened: OpenedText | null;
  /** What the editor shows. */
  text: string;
  /** Counts the times `text` was replaced from the file (the textarea then takes it anew). */
  revision: number;
  /** The text as it is on the server: `text` differs from it = unsaved changes. */
  savedText: string;
  error: ErrorInfo | null;
  conflict: SaveConflict | null;
  /** Close was asked for with unsaved changes: the "Save changes?" question is up. */
  confirmingClose: boolean;
  /** Saved at least once since it opened (announced, and the pane lists the folder again). */
  savedOnce: boolean;
}

const closed: EditorState = {
  file: null,
  status: 'loading',
  opened: null,
  text: '',
  revision: 0,
  savedText: '',
  error: null,
  conflict: null,
  confirmingClose: false,
  savedOnce: false,
};

export const useEditor = create<EditorState>(() => closed);

const get = () => useEditor.getState();
const set = (next: Partial<EditorState>) => useEditor.setState(next);

export function isModified(state: Pick<EditorState, 'text' | 'savedText' | 'status'>): boolean {
  return (
    state.status !== 'unopenable' && state.status !== 'loading' && state.text !== state.savedText
  );
}

/** The tab's current connection, or an error saying it is gone and what to do. */
function sessionFor(tabId: string, where: string): { sessionId: string } | { error: ErrorInfo } {
  const session = tabById(tabId)?.session;
  if (session) return { sessionId: session.sessionId };
  return {
    error: {
      code: 'connection_lost',
      message: `The connection to ${where} was lost.`,
      hint: 'Reconnect, then save again. Your text stays here meanwhile.',
    },
  };
}

function readText(file: EditorFile): Promise<OpenedText> {
  if (file.place.side === 'local') return call('local.readText', { path: file.path });
  const session = sessionFor(file.place.tabId, file.where);
  if ('error' in session) return Promise.reject(new ApiError(session.error));
  return call('remote.readText', { sessionId: session.sessionId, path: file.path });
}

async function read(file: EditorFile): Promise<void> {
  try {
    const opened = await readText(file);
    if (get().file !== file) return; // closed meanwhile
    set({
      status: 'ready',
      opened,
      text: opened.text,
      revision: get().revision + 1,
      savedText: opened.text,
      error: null,
      conflict: null,
    });
  } catch (error) {
    if (get().file !== file) return;
    // A reload that failed keeps the user's text; a first opening has nothing to show.
    set({ status: get().opened ? 'ready' : 'unopenable', error: describeError(error) });
  }
}

/**
 * The contract takes up to twice the largest file in characters, and the browser edition's socket
 * messages of up to 16 MiB: a text grown past either is refused here, in words, before it is sent.
 */
const MOST_CHARACTERS = EDITOR_MAX_BYTES * 2;
const MOST_SENT_BYTES = 15 * 1024 * 1024;

function textTooLargeToSend(text: string): ErrorInfo | undefined {
  if (
    text.length <= MOST_CHARACTERS &&
    new TextEncoder().encode(JSON.stringify(text)).length <= MOST_SENT_BYTES
  ) {
    return undefined;
  }
  return {
    code: 'invalid_input',
    message: 'This text has grown too large to save from the editor (about 10 MiB at most).',
    hint: 'Make it smaller, or copy it into a file on your computer and upload that.',
  };
}

function open(file: EditorFile): void {
  useEditor.setState({ ...closed, file });
  void read(file);
}

export const editorActions = {
  /** Opens the server file `path` of the connection tab `tabId`. */
  openRemote(tabId: string, path: string): void {
    const tab = tabById(tabId);
    open({
      place: { side: 'remote', tabId },
      path,
      name: path.slice(path.lastIndexOf('/') + 1),
      where: tab ? tabTitle(tab) : 'the server',
    });
  },

  /** Opens a file on this computer; `onSaved` runs after each save. */
  openLocal(path: string, name: string, onSaved?: () => void): void {
    open({ place: { side: 'local' }, path, name, where: 'this computer', onSaved });
  },

  edit(text: string): void {
    set({ text });
  },

  /**
   * Saves the text; `overwrite` after the user chose to replace a copy changed on the server.
   * Resolves true once the server has it. Failures keep the text and say what happened.
   */
  async save(overwrite = false): Promise<boolean> {
    const { file, opened, text, status } = get();
    if (!file || !opened || status !== 'ready') return false;
    const tooLarge = textTooLargeToSend(text);
    if (tooLarge) {
      set({ error: tooLarge });
      return false;
    }
    set({ status: 'saving', error: null, conflict: null });
    const content = {
      text,
      format: { lineEnding: opened.lineEnding, bom: opened.bom },
      expected: opened.version,
      overwrite,
    };
    let outcome: SaveOutcome;
    let sessionId: string | undefined;
    try {
      if (file.place.side === 'local') {
        outcome = await call('local.writeText', { path: opened.path, ...content });
      } else {
        const session = sessionFor(file.place.tabId, file.where);
        if ('error' in session) throw new ApiError(session.error);
        sessionId = session.sessionId;
        outcome = await call('remote.writeText', { sessionId, path: opened.path, ...content });
      }
    } catch (error) {
      if (get().file === file) set({ status: 'ready', error: describeError(error) });
      return false;
    }
    if (get().file !== file) return false;
    if (outcome.outcome !== 'saved') {
      set({ status: 'ready', conflict: outcome });
      return false;
    }
    // The folder's listing shows the new size and time.
    if (sessionId !== undefined) void paneOfSession(sessionId)?.getState().actions.refresh();
    file.onSaved?.();
    // Typed meanwhile: still modified, against what was sent.
    set({
      status: 'ready',
      opened: { ...opened, version: outcome.version, mixedLineEndings: false },
      savedText: text,
      savedOnce: true,
    });
    return true;
  },

  /** Keep the server's copy: read it again, dropping the editor's changes. */
  reload(): void {
    const { file } = get();
    if (!file) return;
    set({ status: 'loading', conflict: null, error: null });
    void read(file);
  },

  dismissConflict(): void {
    set({ conflict: null });
  },

  dismissError(): void {
    set({ error: null });
  },

  /** Close, or first ask about unsaved changes. */
  requestClose(): void {
    if (isModified(get())) set({ confirmingClose: true });
    else editorActions.close();
  },

  cancelClose(): void {
    set({ confirmingClose: false });
  },

  /** Closes without asking (the user chose to discard, or saved). */
  close(): void {
    useEditor.setState(closed);
  },
};
