import type { ProbeReport } from '../../../shared/contract/probe';
import { PROTOCOL_INFO, type Protocol } from '../../../shared/protocols';
import { GradeBadge } from './GradeBadge';

export interface ProbeChoice {
  protocol: Protocol;
  port: number;
}

/** The answer first: which way in to use, why, and one click to use it. */
export function RecommendationBox({
  report,
  onApply,
}: {
  report: ProbeReport;
  onApply(choice: ProbeChoice): void;
}) {
  const best = report.recommendation;
  if (!best) {
    const plainOnly = report.endpoints.some((e) => e.status === 'open' && e.service === 'ftp');
    return (
      <section className="probe-recommendation probe-none" aria-label="Recommendation">
        <div>
          <strong>No secure way in</strong>
          <p>
            {plainOnly
              ? 'Only plain FTP answers: your password and files would travel unencrypted. Ask the administrator for SFTP or FTPS.'
              : 'Nothing Ferry can use safely answers on these ports. Check the host name, or add the port the administrator gave you.'}
          </p>
        </div>
      </section>
    );
  }
  return (
    <section className="probe-recommendation" aria-label="Recommendation">
      <GradeBadge grade={best.grade} />
      <div>
        <strong>
          Use {PROTOCOL_INFO[best.protocol].label} on port {best.port}
        </strong>
        <p>{best.why}</p>
      </div>
      <button
        type="button"
        className="primary"
        onClick={() => onApply({ protocol: best.protocol, port: best.port })}
      >
        Use this
      </button>
    </section>
  );
}
