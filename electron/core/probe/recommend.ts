import {
  GRADES,
  type ProbeEndpoint,
  type ProbeRecommendation,
  type ProbeService,
} from '../../../shared/contract/probe';
import { PROTOCOL_INFO, type Protocol } from '../../../shared/protocols';

/**
 * Among equal grades: SFTP (one connection, a host key to pin), then explicit FTPS (the
 * standard), then implicit FTPS. Plain FTP is never recommended.
 */
const PREFERENCE: readonly ProbeService[] = ['ssh', 'ftps-explicit', 'ftps-implicit'];

const PROTOCOL_OF: Record<Exclude<ProbeService, 'ftp'>, Protocol> = {
  ssh: 'sftp',
  'ftps-explicit': 'ftps-explicit',
  'ftps-implicit': 'ftps-implicit',
};

/** The most secure way in that works with Ferry's own settings; undefined when there is none. */
export function recommend(endpoints: readonly ProbeEndpoint[]): ProbeRecommendation | undefined {
  const candidates = endpoints
    .map((endpoint, order) => ({ endpoint, order }))
    .filter(({ endpoint }) => isCandidate(endpoint))
    .sort(
      (a, b) =>
        rank(a.endpoint) - rank(b.endpoint) ||
        PREFERENCE.indexOf(a.endpoint.service ?? 'ftp') -
          PREFERENCE.indexOf(b.endpoint.service ?? 'ftp') ||
        a.order - b.order,
    );
  const best = candidates[0]?.endpoint;
  if (!best?.grade || !best.service || best.service === 'ftp') return undefined;
  const protocol = PROTOCOL_OF[best.service];
  const label = PROTOCOL_INFO[protocol].label;
  const worst = best.reasons[0];
  const why =
    `${label} on port ${best.port} is the safest way in that works here (grade ${best.grade}).` +
    (worst ? ` Its weakest point: ${worst.text}.` : '');
  return { protocol, port: best.port, grade: best.grade, why };
}

function isCandidate(endpoint: ProbeEndpoint): boolean {
  return (
    endpoint.status === 'open' &&
    endpoint.usable &&
    endpoint.service !== undefined &&
    endpoint.service !== 'ftp' &&
    endpoint.grade !== undefined &&
    endpoint.grade !== 'F'
  );
}

function rank(endpoint: ProbeEndpoint): number {
  return GRADES.indexOf(endpoint.grade ?? 'F');
}
