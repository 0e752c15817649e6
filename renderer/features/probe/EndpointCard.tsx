import type { ProbeEndpoint } from '../../../shared/contract/probe';
import { EndpointDetails } from './EndpointDetails';
import { GradeBadge } from './GradeBadge';
import { SERVICE_LABEL, STATUS_LABEL } from './labels';

/** One port: what answers, its grade, and the reasons in plain words. */
export function EndpointCard({
  endpoint,
  label = `Port ${endpoint.port}`,
}: {
  endpoint: ProbeEndpoint;
  /** What the card is named (the jump host's: "Jump host bastion:22"). */
  label?: string;
}) {
  const title =
    endpoint.status === 'open' && endpoint.service
      ? SERVICE_LABEL[endpoint.service]
      : STATUS_LABEL[endpoint.status === 'open' ? 'unrecognised' : endpoint.status];
  return (
    <article className={`probe-card probe-card-${endpoint.status}`} aria-label={label}>
      <header>
        {endpoint.grade ? (
          <GradeBadge grade={endpoint.grade} />
        ) : (
          <span className="probe-grade probe-grade-none" aria-hidden="true">
            –
          </span>
        )}
        <h3>
          {label} · {title}
        </h3>
      </header>
      <p className="probe-summary">{endpoint.summary}</p>
      {endpoint.reasons.length > 0 && (
        <ul className="probe-reasons" aria-label="Weaknesses">
          {endpoint.reasons.map((reason) => (
            <li key={reason.text}>{reason.text}</li>
          ))}
        </ul>
      )}
      {endpoint.notes.length > 0 && (
        <ul className="probe-notes" aria-label="Good to know">
          {endpoint.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <EndpointDetails endpoint={endpoint} />
    </article>
  );
}

/** A port still being checked. */
export function PendingCard({ port }: { port: number }) {
  return (
    <article className="probe-card probe-card-pending" aria-label={`Port ${port}`} aria-busy="true">
      <header>
        <span className="probe-grade probe-grade-none" aria-hidden="true">
          …
        </span>
        <h3>Port {port} · Checking…</h3>
      </header>
    </article>
  );
}
