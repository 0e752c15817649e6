import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { SiteDraft, SiteProfile } from '../../../shared/contract/sites';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError } from '../../api';
import { PlainFtpWarning } from '../connect/PlainFtpWarning';
import { tabActions } from '../tabs/tabsStore';
import { SecurityCheckButton } from '../probe/SecurityCheckButton';
import { savedJumpWords, siteJumpWords } from './plainFtpRoute';
import { canStoreSecrets } from './SecretField';
import { SiteFormFields } from './SiteFormFields';
import { draftOf, draftProblems, parsePortField, sameDraft, withProtocol } from './siteForm';
import { useSites } from './sitesStore';
import { useConnectionTest, type TestState } from './useConnectionTest';
import type { ConnectAnswers } from './useSiteConnect';

interface Props {
  /** The saved site being edited, or undefined for a new one. */
  site?: SiteProfile;
  initial: SiteDraft;
  initialPassword?: string;
  /** A connection tab to give to the site once it is saved (see NewSite.linkTab). */
  linkTab?: string;
  /** Something the manager should keep saying after this form is gone (it remounts on save). */
  onNotice?(text: string): void;
  onConnect(site: SiteProfile, answers?: ConnectAnswers): void;
  connecting: boolean;
}

export interface SecretEdits {
  password?: string;
  forgetPassword: boolean;
  passphrase?: string;
  forgetPassphrase: boolean;
  /** Typed for the site's own proxy (saved with the site, never shown again). */
  proxyPassword?: string;
  /** The SSH jump host's password or key passphrase, as the login's. */
  jumpPassword?: string;
  forgetJumpPassword?: boolean;
  jumpPassphrase?: string;
  forgetJumpPassphrase?: boolean;
}

const LINK_REFUSED =
  'Saved. The open connection tab stays a quick connection, because this site now names another server or user than the one that tab is connected to: its bookmarks and Reconnect are not this site’s.';

/** Edits one site. Saving sends only the secrets the user typed; saved ones never come back. */
export function SiteForm({
  site,
  initial,
  initialPassword,
  linkTab,
  onNotice,
  onConnect,
  connecting,
}: Props) {
  const snapshot = useSites((s) => s.snapshot);
  const setFormDirty = useSites((s) => s.setFormDirty);
  const [base, setBase] = useState({ draft: initial, revision: site?.revision });
  const [draft, setDraft] = useState(initial);
  const [portField, setPortField] = useState(initial.port === null ? '' : String(initial.port));
  const [secrets, setSecrets] = useState<SecretEdits>({
    password: initialPassword,
    forgetPassword: false,
    forgetPassphrase: false,
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const [saved, setSaved] = useState(false);
  const connectionTest = useConnectionTest();
  const { test } = connectionTest;

  const secretsTouched =
    secrets.password !== undefined ||
    secrets.passphrase !== undefined ||
    secrets.forgetPassword ||
    secrets.forgetPassphrase ||
    secrets.proxyPassword !== undefined ||
    secrets.jumpPassword !== undefined ||
    secrets.jumpPassphrase !== undefined ||
    secrets.forgetJumpPassword === true ||
    secrets.forgetJumpPassphrase === true;
  const dirty = !site || !sameDraft(draft, base.draft) || secretsTouched;
  // The jump host's port as typed, when it is not a port (SiteJumpFields says).
  const [jumpPortProblem, setJumpPortProblem] = useState<string>();
  const problems = {
    ...draftProblems(draft, portField),
    ...(jumpPortProblem === undefined ? {} : { jumpPort: jumpPortProblem }),
  };
  const protection = snapshot?.protection;
  const changedElsewhere =
    site !== undefined && base.revision !== undefined && site.revision !== base.revision;

  // A new site counts as unsaved work once the user changed something in it.
  const unsaved = site ? dirty : !sameDraft(draft, base.draft) || secretsTouched;
  useEffect(() => setFormDirty(unsaved), [unsaved, setFormDirty]);
  // Another window saved this site: take its version unless the user is editing here.
  useEffect(() => {
    if (site && changedElsewhere && !dirty) reset(site);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset only when the revision moves
  }, [site?.revision]);

  function reset(from: SiteProfile) {
    const next = draftOf(from);
    setBase({ draft: next, revision: from.revision });
    setDraft(next);
    setPortField(next.port === null ? '' : String(next.port));
    setSecrets({ forgetPassword: false, forgetPassphrase: false });
  }

  const secretChanges = useMemo(() => {
    const changes: {
      password?: string | null;
      passphrase?: string | null;
      proxyPassword?: string;
      jumpPassword?: string | null;
      jumpPassphrase?: string | null;
    } = {};
    if (!canStoreSecrets(protection)) return changes;
    if (secrets.forgetPassword) changes.password = null;
    else if (secrets.password !== undefined) changes.password = secrets.password;
    if (secrets.forgetPassphrase) changes.passphrase = null;
    else if (secrets.passphrase !== undefined) changes.passphrase = secrets.passphrase;
    if (secrets.proxyPassword !== undefined) changes.proxyPassword = secrets.proxyPassword;
    if (secrets.forgetJumpPassword) changes.jumpPassword = null;
    else if (secrets.jumpPassword !== undefined) changes.jumpPassword = secrets.jumpPassword;
    if (secrets.forgetJumpPassphrase) changes.jumpPassphrase = null;
    else if (secrets.jumpPassphrase !== undefined) changes.jumpPassphrase = secrets.jumpPassphrase;
    return changes;
  }, [secrets, protection]);

  async function save(): Promise<SiteProfile | undefined> {
    if (Object.keys(problems).length > 0) return undefined;
    setSaving(true);
    setError(undefined);
    try {
      const port = parsePortField(portField, draft.protocol);
      const savedSite = await call('sites.save', {
        site: { ...draft, port: port === 'invalid' ? null : port },
        secrets: secretChanges,
      });
      reset(savedSite);
      // The list has the saved site at once (its flags: which passwords are saved), before the
      // reload below: a double-click on it meanwhile must not connect with what it was before.
      useSites.getState().savedSite(savedSite);
      // Refused when the user pointed the site at another server or user meanwhile: the tab
      // then stays a quick connection, and the user is told why.
      if (linkTab !== undefined && !tabActions.linkSite(linkTab, savedSite)) {
        if (tabActions.isQuickConnection(linkTab)) onNotice?.(LINK_REFUSED);
      }
      setSaved(true);
      setFormDirty(false);
      await useSites.getState().load();
      useSites.setState({ selected: { kind: 'site', id: savedSite.id }, newSite: undefined });
      return savedSite;
    } catch (e) {
      setError(describeError(e));
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  function startTest() {
    const port = parsePortField(portField, draft.protocol);
    const password = secrets.forgetPassword ? undefined : secrets.password;
    connectionTest.start({
      site: { ...draft, port: port === 'invalid' ? null : port },
      ...(password !== undefined ? { password } : {}),
      ...(secrets.passphrase !== undefined ? { passphrase: secrets.passphrase } : {}),
      ...(secrets.proxyPassword !== undefined ? { proxyPassword: secrets.proxyPassword } : {}),
      ...typedJumpSecrets(secrets),
    });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save();
  }

  async function connect() {
    // A password typed but not saved (no protected store) is used for this connection.
    const typed =
      canStoreSecrets(protection) || secrets.forgetPassword ? undefined : secrets.password;
    const target = dirty ? await save() : site;
    // The same for the jump host's secrets (saved ones reach the core by themselves).
    const jump = canStoreSecrets(protection) ? {} : typedJumpSecrets(secrets);
    const answers: ConnectAnswers = {
      ...(typed === undefined ? {} : { password: typed }),
      ...jump,
    };
    if (target) onConnect(target, Object.keys(answers).length === 0 ? undefined : answers);
  }

  return (
    <form
      className="sm-form"
      aria-label={site ? `Site ${site.name}` : 'New site'}
      onSubmit={onSubmit}
      noValidate
    >
      <h3>{site ? site.name : 'New site'}</h3>
      {changedElsewhere && dirty && (
        <div className="warning-banner" role="alert">
          This site was changed in another window. Saving replaces those changes with yours.{' '}
          <button type="button" onClick={() => site && reset(site)}>
            Show their version
          </button>
        </div>
      )}
      {site?.passwordNotImported && (
        <div className="warning-banner" role="note">
          Its password was not imported (the other program had it locked). Type it below or when you
          connect.
        </div>
      )}
      <SiteFormFields
        draft={draft}
        onDraft={(next) => {
          setDraft(next);
          setSaved(false);
        }}
        portField={portField}
        onPortField={setPortField}
        problems={problems}
        site={site}
        secrets={secrets}
        onSecrets={(next) => {
          setSecrets(next);
          setSaved(false);
        }}
        protection={protection}
        folders={snapshot?.folders ?? []}
        onJumpPortProblem={setJumpPortProblem}
      />
      {error && (
        <div className="error-banner" role="alert">
          <strong>{error.message}</strong>
          {error.hint && <div>{error.hint}</div>}
        </div>
      )}
      <TestOutcome test={test} />
      {connectionTest.askPlainFtp !== undefined && (
        <PlainFtpWarning
          host={connectionTest.askPlainFtp}
          via={siteJumpWords(draft)}
          onConnect={connectionTest.acceptPlainFtp}
          onCancel={connectionTest.cancelPlainFtp}
          onUseFtps={() => {
            connectionTest.cancelPlainFtp();
            const next = withProtocol(draft, 'ftps-explicit');
            setDraft(next);
            setPortField(next.port === null ? '' : String(next.port));
            setSaved(false);
          }}
        />
      )}
      <div className="sm-actions">
        <button
          type="button"
          onClick={startTest}
          disabled={test.running || Object.keys(problems).length > 0}
        >
          {test.running ? 'Testing…' : 'Test connection'}
        </button>
        {site && (
          // The saved site's way: its proxy, and its SSH jump host (graded too) when it has one.
          <SecurityCheckButton
            host={draft.host}
            port={draft.port ?? undefined}
            site={{ id: site.id, jump: savedJumpWords(site) }}
            onApply={({ protocol, port }) => {
              setDraft({ ...withProtocol(draft, protocol), port });
              setPortField(String(port));
              setSaved(false);
            }}
          />
        )}
        <span className="sm-spacer" />
        {saved && !dirty && (
          <span className="muted" role="status">
            Saved.
          </span>
        )}
        <button type="submit" disabled={saving || !dirty || Object.keys(problems).length > 0}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void connect()}
          disabled={connecting || saving || Object.keys(problems).length > 0}
        >
          {connecting ? 'Connecting…' : dirty ? 'Save and connect' : 'Connect'}
        </button>
      </div>
    </form>
  );
}

/** The jump host's secrets as typed in the form (not those it asks to forget). */
function typedJumpSecrets(secrets: SecretEdits): {
  jumpPassword?: string;
  jumpPassphrase?: string;
} {
  const typed: { jumpPassword?: string; jumpPassphrase?: string } = {};
  if (!secrets.forgetJumpPassword && secrets.jumpPassword !== undefined)
    typed.jumpPassword = secrets.jumpPassword;
  if (!secrets.forgetJumpPassphrase && secrets.jumpPassphrase !== undefined)
    typed.jumpPassphrase = secrets.jumpPassphrase;
  return typed;
}

function TestOutcome({ test }: { test: TestState }) {
  if (test.running) return <p role="status">Testing the connection…</p>;
  if (test.ok) {
    return (
      <p className="sm-test-ok" role="status">
        {test.ok}
      </p>
    );
  }
  if (test.error) {
    return (
      <div className="error-banner" role="alert" aria-label="Test connection failed">
        <strong>{test.error.message}</strong>
        {test.error.hint && <div>{test.error.hint}</div>}
        <div className="muted sm-code">Error code: {test.error.code}</div>
      </div>
    );
  }
  return null;
}
