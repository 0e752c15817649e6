import { useEffect, useId, useState, type FormEvent } from 'react';
import { MAX_PARALLEL_TRANSFERS, type Settings } from '../../../shared/contract/settings';
import type { ErrorInfo } from '../../../shared/errors';
import { exclusionsFromText } from '../../../shared/name-filter';
import { call, describeError } from '../../api';
import { ProxyFields } from '../proxy/ProxyFields';
import {
  draftOf as proxyDraftOf,
  endpointOf,
  NO_PROXY,
  passwordOf,
  proxyProblem,
  type ProxyDraft,
} from '../proxy/proxyDraft';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ExclusionsField, exclusionsProblem } from './ExclusionsField';
import { saveSettings, useSettings } from './settingsStore';
import {
  draftOf,
  draftProblem,
  keptOf,
  limitOf,
  SpeedLimitField,
  type LimitDraft,
} from './SpeedLimitFields';
import { TrustedServers } from './TrustedServers';
import './settings.css';

const CONFLICT_CHOICES: Array<[Settings['defaultConflictAction'], string]> = [
  ['ask', 'Ask me each time'],
  ['overwrite', 'Overwrite'],
  ['overwrite-if-newer', 'Overwrite if newer'],
  ['resume', 'Resume (add the missing part)'],
  ['rename', 'Keep both (rename the new file)'],
  ['skip', 'Skip'],
];

const THEMES: Array<[Settings['theme'], string]> = [
  ['system', 'Same as the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

/** A whole number within bounds, or undefined while the field holds something else. */
function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/** The limits' values to offer again once turned off and on (only fields that hold one). */
function keptLimits(
  download: LimitDraft,
  upload: LimitDraft,
  stored: Settings,
): Pick<Settings, 'downloadLimitKept' | 'uploadLimitKept'> {
  const downloadLimitKept = keptOf(download, stored.downloadLimitKept);
  const uploadLimitKept = keptOf(upload, stored.uploadLimitKept);
  return {
    ...(downloadLimitKept ? { downloadLimitKept } : {}),
    ...(uploadLimitKept ? { uploadLimitKept } : {}),
  };
}

/** Preferences, edited as a draft and stored on Save; trusted servers are managed in place. */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const stored = useSettings((s) => s.settings);
  const loadError = useSettings((s) => s.loadError);
  const [draft, setDraft] = useState(stored);
  const [parallel, setParallel] = useState(String(stored.parallelTransfers));
  const [retries, setRetries] = useState(String(stored.retries));
  const [downloadLimit, setDownloadLimit] = useState(() =>
    draftOf(stored.downloadLimit, stored.downloadLimitKept),
  );
  const [uploadLimit, setUploadLimit] = useState(() =>
    draftOf(stored.uploadLimit, stored.uploadLimitKept),
  );
  const [exclusions, setExclusions] = useState(stored.excludedNames.join('\n'));
  const [proxy, setProxy] = useState<ProxyDraft>(NO_PROXY);
  const [proxyLoaded, setProxyLoaded] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const formId = useId();

  useEffect(() => {
    let live = true;
    call('proxy.get', {}).then(
      ({ proxy: saved }) => {
        if (!live) return;
        setProxy(proxyDraftOf(saved));
        setProxyLoaded(true);
      },
      (caught: unknown) => live && setError(describeError(caught)),
    );
    return () => {
      live = false;
    };
  }, []);

  const parallelValue = wholeNumber(parallel, 1, MAX_PARALLEL_TRANSFERS);
  const retriesValue = wholeNumber(retries, 0, 10);
  const valid =
    parallelValue !== undefined &&
    retriesValue !== undefined &&
    draftProblem(downloadLimit) === undefined &&
    draftProblem(uploadLimit) === undefined &&
    exclusionsProblem(exclusions) === undefined &&
    proxyProblem(proxy) === undefined;
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    setSaving(true);
    const problem = await saveSettings({
      ...draft,
      parallelTransfers: parallelValue,
      retries: retriesValue,
      downloadLimit: limitOf(downloadLimit),
      uploadLimit: limitOf(uploadLimit),
      ...keptLimits(downloadLimit, uploadLimit, stored),
      excludedNames: exclusionsFromText(exclusions),
    });
    const proxyFailure = problem ?? (proxyLoaded ? await saveProxy() : null);
    setSaving(false);
    if (proxyFailure) setError(proxyFailure);
    else onClose();
  }

  /** The proxy's password goes to the core once and is never sent back. */
  async function saveProxy(): Promise<ErrorInfo | null> {
    const password = passwordOf(proxy);
    try {
      await call('proxy.set', {
        proxy: endpointOf(proxy),
        ...(password === undefined ? {} : { password }),
      });
      return null;
    } catch (caught) {
      return describeError(caught);
    }
  }

  const actions = (
    <>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      <button type="submit" form={formId} className="primary" disabled={!valid || saving}>
        Save
      </button>
    </>
  );

  return (
    <Dialog title="Settings" actions={actions} onDismiss={onClose} wide>
      {loadError && <ErrorNotice error={loadError} />}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      <form id={formId} className="settings-form" onSubmit={(e) => void save(e)}>
        <fieldset>
          <legend>Transfers</legend>
          <label>
            Parallel transfers
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_PARALLEL_TRANSFERS}
              value={parallel}
              aria-invalid={parallelValue === undefined}
              aria-describedby={`${formId}-parallel`}
              onChange={(e) => setParallel(e.target.value)}
            />
          </label>
          <p id={`${formId}-parallel`} className="muted settings-help">
            How many files move at once (1 to {MAX_PARALLEL_TRANSFERS}), each on its own connection.
          </p>
          <label>
            Automatic retries
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={10}
              value={retries}
              aria-invalid={retriesValue === undefined}
              aria-describedby={`${formId}-retries`}
              onChange={(e) => setRetries(e.target.value)}
            />
          </label>
          <p id={`${formId}-retries`} className="muted settings-help">
            After a network error, try again this many times (0 to 10), resuming where it stopped.
          </p>
          <label>
            When a file already exists
            <select
              value={draft.defaultConflictAction}
              onChange={(e) =>
                set('defaultConflictAction', e.target.value as Settings['defaultConflictAction'])
              }
            >
              {CONFLICT_CHOICES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <ExclusionsField text={exclusions} onChange={setExclusions} />
        </fieldset>
        <fieldset>
          <legend>Speed limits</legend>
          <SpeedLimitField direction="download" draft={downloadLimit} onChange={setDownloadLimit} />
          <SpeedLimitField direction="upload" draft={uploadLimit} onChange={setUploadLimit} />
          <p className="muted settings-help">
            Shared by all transfers going that way, and applied at once, also to those running.
          </p>
        </fieldset>
        <fieldset>
          <legend>Proxy</legend>
          <ProxyFields draft={proxy} onChange={setProxy} />
          <p className="muted settings-help">
            Every connection goes through it, unless a saved site chooses otherwise; the ferry
            command takes its own (<code className="option-name">--proxy</code>).
          </p>
        </fieldset>
        <fieldset>
          <legend>Files</legend>
          <label className="checkbox-line">
            <input
              type="checkbox"
              checked={draft.confirmBeforeDelete}
              onChange={(e) => set('confirmBeforeDelete', e.target.checked)}
            />
            Confirm before moving files to the trash
          </label>
          <p className="muted settings-help">
            Deletes that cannot be undone (on a server, or where there is no trash) always ask.
          </p>
          <label className="checkbox-line">
            <input
              type="checkbox"
              checked={draft.showHidden}
              onChange={(e) => set('showHidden', e.target.checked)}
            />
            Show hidden files
          </label>
        </fieldset>
        <fieldset className="settings-theme">
          <legend>Theme</legend>
          {THEMES.map(([value, label]) => (
            <label key={value} className="checkbox-line">
              <input
                type="radio"
                name={`${formId}-theme`}
                value={value}
                checked={draft.theme === value}
                onChange={() => set('theme', value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
      </form>
      <TrustedServers />
    </Dialog>
  );
}
