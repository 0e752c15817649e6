import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useModalDialog } from '../../ui/useModalDialog';
import { reconnectTab } from '../tabs/reconnect';
import { useTabs } from '../tabs/tabsStore';
import { caretPosition, endingName, formatLabel } from './editorText';
import { CloseQuestion, ConflictQuestion } from './EditorQuestions';
import {
  editorActions,
  isModified,
  useEditor,
  type EditorFile,
  type EditorPlace,
} from './editorStore';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';
import './editor.css';

/** The built-in editor, over the whole window, while a file is open in it. */
export function EditorHost() {
  const file = useEditor((s) => s.file);
  if (!file) return null;
  const owner = file.place.side === 'remote' ? file.place.tabId : 'local';
  return <EditorDialog key={`${owner}:${file.path}`} file={file} />;
}

function EditorDialog({ file }: { file: EditorFile }) {
  const state = useEditor();
  const modified = isModified(state);
  const local = file.place.side === 'local';
  const { ref, onCancel } = useModalDialog({ onDismiss: editorActions.requestClose });
  const titleId = useId();
  const tabHintId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  // Tab types a tab, as in any code editor; Ctrl+M lets it move the focus instead (VS Code's key).
  const [tabMovesFocus, setTabMovesFocus] = useState(false);
  useUnsavedChangesGuard(modified, file.name);

  // Once the text is there (and again when a reload replaced it), the keyboard goes into it,
  // at its start.
  const revision = state.revision;
  useEffect(() => {
    const area = textRef.current;
    if (revision === 0 || !area) return;
    area.focus();
    area.setSelectionRange(0, 0);
    area.scrollTop = 0;
    setCaret({ line: 1, column: 1 });
  }, [revision]);

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      // Also keeps the browser's "Save page as" away.
      event.preventDefault();
      if (modified && !state.conflict && !state.confirmingClose) void editorActions.save();
    }
  }

  function onTextKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.ctrlKey && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'm') {
      event.preventDefault();
      setTabMovesFocus((moves) => !moves);
      return;
    }
    const plainTab =
      event.key === 'Tab' && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey;
    if (!plainTab || tabMovesFocus || event.currentTarget.readOnly) return;
    event.preventDefault();
    // Through the browser's editing (not by setting the value): the change event fires and the
    // text's own undo history stays.
    document.execCommand('insertText', false, '\t');
  }

  function trackCaret() {
    const area = textRef.current;
    // The store's copy of the text: reading the textarea's value copies all of it.
    if (area) setCaret(caretPosition(useEditor.getState().text, area.selectionStart));
  }

  return (
    <dialog
      ref={ref}
      className="dialog editor-dialog"
      aria-labelledby={titleId}
      onCancel={onCancel}
      onKeyDown={onKeyDown}
    >
      <h2 id={titleId} className="editor-title">
        {state.status === 'unopenable' ? 'Cannot edit ' : ''}
        {file.name}
        <span className="editor-server"> on {file.where}</span>
        {modified && <span className="editor-modified"> (modified)</span>}
      </h2>
      <p className="editor-path">{file.path}</p>
      {state.status === 'unopenable' ? (
        state.error && <ErrorNotice error={state.error} />
      ) : !state.opened ? (
        <p role="status">Opening {file.name}…</p>
      ) : (
        <>
          {state.opened.mixedLineEndings && (
            <p className="editor-note" role="note">
              This file mixes line endings. Saving writes every line with{' '}
              {endingName(state.opened.lineEnding)}, the one it uses most.
            </p>
          )}
          {state.error && <SaveError place={file.place} />}
          {/*
            Uncontrolled: a controlled textarea re-renders its whole value on every key, which
            took a second a key on a 4 MiB file. `revision` gives it a new value when the text
            is replaced (a reload).
          */}
          <textarea
            key={state.revision}
            ref={textRef}
            className="editor-text"
            aria-label={`Text of ${file.name}`}
            defaultValue={state.text}
            readOnly={state.status === 'loading'}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            wrap="off"
            onChange={(event) => {
              editorActions.edit(event.target.value);
              trackCaret();
            }}
            onSelect={trackCaret}
            onKeyDown={onTextKeyDown}
            aria-describedby={tabHintId}
          />
          <div className="editor-status">
            <span>
              Line {caret.line}, column {caret.column}
            </span>
            <span>{formatLabel(state.opened)}</span>
            <span id={tabHintId}>
              {tabMovesFocus
                ? 'Tab moves to the buttons (Ctrl+M: Tab types a tab)'
                : 'Tab types a tab (Ctrl+M: Tab moves to the buttons)'}
            </span>
            <span role="status" className="editor-saved">
              {state.status === 'saving'
                ? 'Saving…'
                : state.status === 'loading'
                  ? `Reading the file again${local ? '' : ' from the server'}…`
                  : state.savedOnce && !modified
                    ? `Saved${local ? '' : ' on the server'}.`
                    : ''}
            </span>
          </div>
        </>
      )}
      <div className="dialog-actions">
        {state.status !== 'unopenable' && (
          <button
            type="button"
            className="primary"
            // aria-disabled, not disabled: the keyboard stays on the button once the save is done.
            aria-disabled={!modified || state.status !== 'ready'}
            aria-keyshortcuts="Control+S"
            onClick={() => modified && void editorActions.save()}
          >
            Save
          </button>
        )}
        <button type="button" onClick={editorActions.requestClose}>
          Close
        </button>
      </div>
      {state.conflict && (
        <ConflictQuestion name={file.name} conflict={state.conflict} local={local} />
      )}
      {state.confirmingClose && <CloseQuestion name={file.name} />}
    </dialog>
  );
}

/** Why the last save or reload failed, with Reconnect when the tab's connection is gone. */
function SaveError({ place }: { place: EditorPlace }) {
  const error = useEditor((s) => s.error);
  const tabId = place.side === 'remote' ? place.tabId : undefined;
  const tab = useTabs((s) => s.tabs.find((t) => t.id === tabId));
  if (!error) return null;
  return (
    <div className="editor-error">
      <ErrorNotice error={error} onDismiss={editorActions.dismissError} />
      <p className="editor-kept">
        Your text is still here: nothing you typed was lost.
        {tab?.lost && !tab.connecting && (
          <button type="button" onClick={() => tabId && void reconnectTab(tabId)}>
            Reconnect
          </button>
        )}
        {tab?.connecting && ' Reconnecting…'}
      </p>
    </div>
  );
}
