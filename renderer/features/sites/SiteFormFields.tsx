import {
  plainFtpServerKey,
  SITE_COLOURS,
  type SecretProtection,
  type SiteColour,
  type SiteDraft,
  type SiteFolder,
  type SiteProfile,
} from '../../../shared/contract/sites';
import { PROTOCOL_INFO, PROTOCOLS, type Protocol } from '../../../shared/protocols';
import { SiteJumpFields } from '../jump/SiteJumpFields';
import { SiteProxyFields } from '../proxy/SiteProxyFields';
import { Field } from './Field';
import { canStoreSecrets } from './SecretField';
import { LoginFields } from './LoginFields';
import { NameEncodingField } from './NameEncodingField';
import { PlainFtpNote } from './PlainFtpNote';
import { ServerTimeOffsetField } from './ServerTimeOffsetField';
import type { SecretEdits } from './SiteForm';
import { parsePortField, portExplanation, withProtocol } from './siteForm';
import { folderPath } from './siteTree';

interface Props {
  draft: SiteDraft;
  onDraft(draft: SiteDraft): void;
  portField: string;
  onPortField(text: string): void;
  problems: Partial<Record<string, string>>;
  site?: SiteProfile;
  secrets: SecretEdits;
  onSecrets(secrets: SecretEdits): void;
  protection?: SecretProtection;
  folders: SiteFolder[];
  onJumpPortProblem(problem: string | undefined): void;
}

/** The site's settings, grouped: connection, login, folders and transfers, label and notes. */
export function SiteFormFields(props: Props) {
  const {
    draft,
    onDraft,
    portField,
    onPortField,
    problems,
    site,
    secrets,
    onSecrets,
    protection,
    folders,
    onJumpPortProblem,
  } = props;
  const set = <K extends keyof SiteDraft>(key: K, value: SiteDraft[K]) =>
    onDraft({ ...draft, [key]: value });
  const isFtp = draft.protocol !== 'sftp';
  const portPreview = parsePortField(portField, draft.protocol);
  const folderOptions = folders
    .map((f) => ({ id: f.id, label: folderPath(folders, f.id).join(' › ') }))
    .sort((a, b) => a.label.localeCompare(b.label));

  return (
    <div className="sm-fields">
      <fieldset>
        <legend>Connection</legend>
        <Field label="Name" problem={problems.name}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Folder">
          {(id) => (
            <select
              id={id}
              value={draft.folderId ?? ''}
              onChange={(e) => set('folderId', e.target.value || null)}
            >
              <option value="">(top level)</option>
              {folderOptions.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Protocol">
          {(id) => (
            <select
              id={id}
              value={draft.protocol}
              onChange={(e) => {
                const next = withProtocol(draft, e.target.value as Protocol);
                onDraft(next);
                onPortField(next.port === null ? '' : String(next.port));
              }}
            >
              {PROTOCOLS.map((p) => (
                <option key={p} value={p}>
                  {PROTOCOL_INFO[p].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Host" problem={problems.host}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              value={draft.host}
              onChange={(e) => set('host', e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <Field
          label="Port"
          problem={problems.port}
          hint={
            portPreview === 'invalid' ? undefined : portExplanation({ ...draft, port: portPreview })
          }
        >
          {(id, d) => (
            <div className="sm-inline">
              <input
                id={id}
                aria-describedby={d}
                className="sm-port"
                inputMode="numeric"
                value={portField}
                placeholder={String(PROTOCOL_INFO[draft.protocol].defaultPort)}
                onChange={(e) => {
                  onPortField(e.target.value);
                  const port = parsePortField(e.target.value, draft.protocol);
                  if (port !== 'invalid') set('port', port);
                }}
              />
              {portPreview !== null && portPreview !== 'invalid' && (
                <button type="button" onClick={() => (onPortField(''), set('port', null))}>
                  Use preset
                </button>
              )}
            </div>
          )}
        </Field>
        {draft.protocol === 'ftp' && (
          <PlainFtpNote
            draft={draft}
            onAcknowledged={(yes) =>
              set('plainFtpAcknowledgedFor', yes ? plainFtpServerKey(draft) : null)
            }
          />
        )}
      </fieldset>

      <LoginFields
        draft={draft}
        set={set}
        problems={problems}
        site={site}
        secrets={secrets}
        onSecrets={onSecrets}
        protection={protection}
      />

      <SiteProxyFields
        draft={draft}
        onDraft={onDraft}
        password={secrets.proxyPassword}
        onPassword={(proxyPassword) => {
          const { proxyPassword: _typed, ...rest } = secrets;
          onSecrets(proxyPassword === undefined ? rest : { ...rest, proxyPassword });
        }}
        saved={site}
        cannotKeepPassword={!canStoreSecrets(protection)}
      />

      <SiteJumpFields
        draft={draft}
        onDraft={onDraft}
        problems={problems}
        {...(site ? { site } : {})}
        secrets={secrets}
        onSecrets={onSecrets}
        {...(protection ? { protection } : {})}
        onPortProblem={onJumpPortProblem}
      />

      <fieldset>
        <legend>Folders and transfers</legend>
        <Field
          label="Remote folder at start"
          problem={problems.remoteDir}
          hint="Empty: the server’s home folder"
        >
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              value={draft.remoteDir}
              placeholder="/"
              onChange={(e) => set('remoteDir', e.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
        <Field label="Local folder at start" hint="Empty: your home folder">
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              value={draft.localDir}
              onChange={(e) => set('localDir', e.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
        {isFtp && (
          <Field label="Data connections">
            {(id) => (
              <select
                id={id}
                value={draft.passive ? 'passive' : 'active'}
                onChange={(e) => set('passive', e.target.value === 'passive')}
              >
                <option value="passive">Passive (works through firewalls)</option>
                <option value="active">Active</option>
              </select>
            )}
          </Field>
        )}
        {isFtp && draft.protocol !== 'ftp' && (
          <Field label="Minimum TLS version">
            {(id) => (
              <select
                id={id}
                value={draft.minTlsVersion}
                onChange={(e) => set('minTlsVersion', e.target.value as SiteDraft['minTlsVersion'])}
              >
                <option value="TLSv1.2">TLS 1.2</option>
                <option value="TLSv1.3">TLS 1.3</option>
              </select>
            )}
          </Field>
        )}
        {isFtp && (
          <NameEncodingField
            value={draft.nameEncoding}
            onChange={(encoding) => set('nameEncoding', encoding)}
          />
        )}
        <Field
          label="Most transfer connections"
          hint="For servers that limit connections: transfers to this site use at most this many at once (1–16), never more than Ferry’s “Parallel transfers” setting. Empty: Ferry’s setting."
        >
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              className="sm-port"
              inputMode="numeric"
              value={draft.transferConcurrency ?? ''}
              onChange={(e) => {
                const n = Number(e.target.value.replace(/\D/g, ''));
                set(
                  'transferConcurrency',
                  e.target.value.trim() === '' || n < 1 ? null : Math.min(n, 16),
                );
              }}
            />
          )}
        </Field>
        <ServerTimeOffsetField
          minutes={draft.serverTimeOffsetMinutes}
          onChange={(minutes) => set('serverTimeOffsetMinutes', minutes)}
        />
      </fieldset>

      <fieldset>
        <legend>Label and notes</legend>
        <Field label="Colour label">
          {(id) => (
            <select
              id={id}
              value={draft.colour ?? ''}
              onChange={(e) => set('colour', (e.target.value || null) as SiteColour | null)}
            >
              <option value="">None</option>
              {SITE_COLOURS.map((c) => (
                <option key={c} value={c}>
                  {c[0]?.toUpperCase()}
                  {c.slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Notes" wide>
          {(id) => (
            <textarea
              id={id}
              rows={3}
              value={draft.notes}
              onChange={(e) => set('notes', e.target.value)}
            />
          )}
        </Field>
      </fieldset>
    </div>
  );
}
