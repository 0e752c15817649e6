import { useState } from 'react';
import { bookmarkFields, type BookmarkFields } from '../../../shared/contract/bookmarks';
import { call, errorInWords } from '../../api';
import { FormDialog } from '../../ui/FormDialog';
import { Field } from '../sites/Field';
import { useSites } from '../sites/sitesStore';

type Problems = Partial<Record<keyof BookmarkFields, string>>;

/** The last folder's name of a path: what a bookmark is called unless the user says otherwise. */
export function suggestedName(remoteDir: string): string {
  const parts = remoteDir.split('/').filter(Boolean);
  return parts.at(-1) ?? '/';
}

/** The same rules the sites file keeps, as plain words beside each field. */
function problemsOf(fields: BookmarkFields): Problems {
  const parsed = bookmarkFields.safeParse(fields);
  if (parsed.success) return {};
  const problems: Problems = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof BookmarkFields | undefined;
    if (key && !problems[key]) problems[key] = `${issue.message}.`;
  }
  return problems;
}

/**
 * "Add bookmark" (Ctrl+B), as FileZilla's: the folders shown now, a name, and whether opening it
 * switches synchronized browsing on. Both folders can be corrected before saving.
 */
export function AddBookmarkDialog({
  siteId,
  siteName,
  remoteDir,
  localDir,
  onClose,
}: {
  siteId: string;
  siteName: string;
  remoteDir: string;
  localDir: string;
  onClose(): void;
}) {
  const [fields, setFields] = useState<BookmarkFields>({
    name: suggestedName(remoteDir),
    remoteDir,
    localDir,
    syncBrowsing: false,
  });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const problems = problemsOf(fields);
  const set = <K extends keyof BookmarkFields>(key: K, value: BookmarkFields[K]) => {
    setError(undefined);
    setFields((now) => ({
      ...now,
      [key]: value,
      // Synchronized browsing needs both folders.
      ...(key === 'localDir' && value === '' ? { syncBrowsing: false } : {}),
    }));
  };

  async function save() {
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      await call('sites.bookmark.add', { siteId, bookmark: fields });
      await useSites.getState().load();
      onClose();
    } catch (e) {
      setError(errorInWords(e));
      setBusy(false);
    }
  }

  return (
    <FormDialog
      title={`Add a bookmark to ${siteName}`}
      onCancel={onClose}
      onSubmit={() => void save()}
      submitLabel={busy ? 'Adding…' : 'Add bookmark'}
      submitDisabled={busy || Object.keys(problems).length > 0}
      formClassName="bookmark-form"
    >
      <Field label="Name" problem={problems.name}>
        {(id, d) => (
          <input
            id={id}
            data-autofocus
            aria-describedby={d}
            value={fields.name}
            onChange={(e) => set('name', e.target.value)}
            onFocus={(e) => e.target.select()}
            autoComplete="off"
          />
        )}
      </Field>
      <Field label="Folder on the server" problem={problems.remoteDir}>
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            value={fields.remoteDir}
            onChange={(e) => set('remoteDir', e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        label="Folder on this computer"
        problem={problems.localDir}
        hint="Empty: your computer’s pane stays where it is."
      >
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            value={fields.localDir}
            onChange={(e) => set('localDir', e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        )}
      </Field>
      <label className="sm-check">
        <input
          type="checkbox"
          checked={fields.syncBrowsing}
          disabled={fields.localDir === ''}
          onChange={(e) => set('syncBrowsing', e.target.checked)}
        />
        Use synchronized browsing when opening it
      </label>
      {error && (
        <p className="sm-problem" role="alert">
          {error}
        </p>
      )}
    </FormDialog>
  );
}
