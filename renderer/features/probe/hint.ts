import { GRADES, type ProbeReport } from '../../../shared/contract/probe';
import { PROTOCOL_INFO, type Protocol } from '../../../shared/protocols';

/**
 * The one-line hint for connecting with something weaker than what the host is known to offer
 * (from an earlier security check), or undefined when the choice is as good as the best.
 */
export function weakerChoiceHint(
  report: ProbeReport | undefined,
  choice: { protocol: Protocol; port: number },
): string | undefined {
  const best = report?.recommendation;
  if (!best) return undefined;
  if (best.protocol === choice.protocol && best.port === choice.port) return undefined;
  const offer = `${PROTOCOL_INFO[best.protocol].label} on port ${best.port}`;
  if (choice.protocol === 'ftp') {
    return `This server also offers ${offer}, which encrypts your password and files. Plain FTP does not.`;
  }
  const chosen = report.endpoints.find((e) => e.port === choice.port && e.status === 'open');
  if (!chosen?.grade || GRADES.indexOf(chosen.grade) <= GRADES.indexOf(best.grade))
    return undefined;
  return `This server also offers ${offer} (grade ${best.grade}), safer than your choice (grade ${chosen.grade}).`;
}
