import type { FormEvent } from 'react';
import type { ProbeEndpoint } from '../../../shared/contract/probe';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { EndpointCard, PendingCard } from './EndpointCard';
import { parsePorts } from './ports';
import { useProbe } from './probeStore';
import { RecommendationBox, type ProbeChoice } from './RecommendationBox';
import './probe.css';

/**
 * The security check's window: the host and ports to check, the recommendation on top, then one
 * card per port (filled in as each port answers).
 */
export function SecurityCheckPanel({ onApply }: { onApply(choice: ProbeChoice): void }) {
  const state = useProbe();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    // React events bubble through portals to the quick-connect form, which would connect.
    event.stopPropagation();
    void state.run();
  }

  function apply(choice: ProbeChoice) {
    onApply(choice);
    state.close();
  }

  return (
    <Dialog
      title="Security check"
      wide
      onDismiss={state.close}
      actions={
        <button type="button" onClick={state.close}>
          Close
        </button>
      }
    >
      <p className="muted">
        Finds which secure ways in a server offers and how good each is. No password is sent
        {state.site?.jump
          ? ` to the server: the check goes through the site’s SSH jump host ${state.site.jump}, which Ferry logs in to, and grades the jump host’s own SSH port too.`
          : '.'}
      </p>
      <form className="probe-form" onSubmit={onSubmit} aria-label="What to check">
        <label className="grow">
          <span>Host</span>
          <input
            value={state.host}
            onChange={(e) => state.setHost(e.target.value)}
            aria-label="Host to check"
            placeholder="example.com"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <label>
          <span>Ports</span>
          <input
            value={state.portsText}
            onChange={(e) => state.setPortsText(e.target.value)}
            aria-label="Ports to check"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <button type="submit" disabled={state.running}>
          {state.running ? 'Checking…' : 'Check'}
        </button>
      </form>
      {state.problem && (
        <p className="probe-problem" role="alert">
          {state.problem}
        </p>
      )}
      {state.error && <ErrorNotice error={state.error} />}
      <p role="status" className="muted probe-status">
        {statusText(state.running, state.report?.elapsedMs)}
        {state.report?.jump
          ? ` Every port was checked through the ${state.report.jump.description}.`
          : state.report?.proxy && ` Every port was checked through the ${state.report.proxy}.`}
      </p>
      {state.report && <RecommendationBox report={state.report} onApply={apply} />}
      <Cards
        running={state.running}
        arrived={state.report?.endpoints ?? state.arrived}
        portsText={state.portsText}
      />
      {state.report?.jump && (
        <div className="probe-cards">
          <EndpointCard
            endpoint={state.report.jump.endpoint}
            label={`Jump host ${state.report.jump.host}:${state.report.jump.port}`}
          />
        </div>
      )}
    </Dialog>
  );
}

function statusText(running: boolean, elapsedMs: number | undefined): string {
  if (running) return 'Checking… this takes up to five seconds.';
  if (elapsedMs !== undefined) return `Checked in ${(elapsedMs / 1000).toFixed(1)} s.`;
  return '';
}

function Cards({
  running,
  arrived,
  portsText,
}: {
  running: boolean;
  arrived: ProbeEndpoint[];
  portsText: string;
}) {
  const parsed = parsePorts(portsText);
  const asked = running && 'ports' in parsed ? parsed.ports : arrived.map((e) => e.port);
  if (asked.length === 0) return null;
  return (
    <div className="probe-cards">
      {asked.map((port) => {
        const endpoint = arrived.find((e) => e.port === port);
        return endpoint ? (
          <EndpointCard key={port} endpoint={endpoint} />
        ) : (
          <PendingCard key={port} port={port} />
        );
      })}
    </div>
  );
}
