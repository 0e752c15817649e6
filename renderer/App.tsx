import { BackendGate } from './features/app/BackendGate';
import { QuickConnectBar } from './features/connect/QuickConnectBar';
import { EditorHost } from './features/editor/EditorDialog';
import { LocalPane } from './features/local/LocalPane';
import { LoginQuestionDialog } from './features/login/LoginQuestionDialog';
import { RemotePane } from './features/remote/RemotePane';
import { SettingsButton } from './features/settings/SettingsButton';
import { SaveAsSiteButton } from './features/sites/SaveAsSiteButton';
import { SitesButton } from './features/sites/SitesButton';
import { BottomPanel } from './features/transfers/BottomPanel';
import { TrustDialog } from './features/trust/TrustDialog';

export function App() {
  return (
    <BackendGate>
      <Shell />
    </BackendGate>
  );
}

function Shell() {
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="visually-hidden">Ferry</h1>
        <SitesButton />
        <QuickConnectBar />
        <SaveAsSiteButton />
        <SettingsButton />
      </header>
      <main className="panes">
        <section className="pane-slot" aria-label="Local files">
          <LocalPane />
        </section>
        <section className="pane-slot" aria-label="Remote files">
          <RemotePane />
        </section>
      </main>
      <BottomPanel />
      <TrustDialog />
      <LoginQuestionDialog />
      <EditorHost />
    </div>
  );
}
