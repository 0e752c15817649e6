import {
  GRADES,
  type ProbeEndpoint,
  type ProbeRecommendation,
  type ProbeService,
} from '../../../shared/contract/probe';
import type { Protocol } from '../../../shared/protocols';

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
  return { protocol, port: best.port, grade: best.grade, why: whyThis(best, endpoints) };
}

/** In plain words: why this one, and what to stay away from. */
function whyThis(best: ProbeEndpoint, endpoints: readonly ProbeEndpoint[]): string {
  const worst = best.reasons[0];
  const parts = [
    worst
      ? `The best on offer here. Its weakest point: ${worst.text}.`
      : 'Strong settings, and nothing weak on offer.',
  ];
  const plain = endpoints.find((e) => e.status === 'open' && e.service === 'ftp');
  if (plain) {
    parts.push(
      `Plain FTP on port ${plain.port} also answers: avoid it, it sends your password unencrypted.`,
    );
  }
  return parts.join(' ');
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
