import {
  TLS_VERSIONS,
  WEAK_CIPHER_CLASSES,
  type ProbeEndpoint,
  type ProbeReport,
  type TlsReport,
} from '../../../shared/contract/probe';
import { PROTOCOL_INFO } from '../../../shared/protocols';

/** The report as plain text for a terminal: recommendation first, then one block per port. */
export function reportText(report: ProbeReport): string {
  const lines: string[] = [];
  const where = report.address === report.host ? report.host : `${report.host} (${report.address})`;
  const via = report.jump
    ? ` through the ${report.jump.description}`
    : report.proxy
      ? ` through the ${report.proxy}`
      : '';
  lines.push(`Security check of ${where}${via} — ${(report.elapsedMs / 1000).toFixed(1)} s`, '');
  if (report.recommendation) {
    const { protocol, port, grade, why } = report.recommendation;
    lines.push(
      `Use: ${PROTOCOL_INFO[protocol].label} on port ${port} (grade ${grade})`,
      `  ${why}`,
    );
  } else if (report.endpoints.some((e) => e.service === 'ftp')) {
    lines.push(
      'No secure way in: only plain FTP answers, which sends your password in clear text.',
      '  Ask the administrator for SFTP or FTPS.',
    );
  } else {
    lines.push('No secure way in: nothing Ferry can use answers on these ports.');
  }
  for (const endpoint of report.endpoints) lines.push('', ...endpointLines(endpoint));
  if (report.jump) {
    // The jump host gets the user's secrets too: its own SSH port, graded the same way.
    const { host, port, endpoint } = report.jump;
    lines.push('', `Jump host ${host}:${port} (its own SSH port):`, ...endpointLines(endpoint));
  }
  return `${lines.join('\n')}\n`;
}

function endpointLines(endpoint: ProbeEndpoint): string[] {
  const head = `Port ${endpoint.port}`.padEnd(11) + `${endpoint.grade ?? '–'}  ${endpoint.summary}`;
  const lines = [head];
  const indent = (text: string): string => `             ${text}`;
  for (const reason of endpoint.reasons)
    lines.push(indent(`✗ ${reason.text} (at best ${reason.caps})`));
  for (const note of endpoint.notes) lines.push(indent(`· ${note}`));
  if (endpoint.ftp?.banner) lines.push(indent(`Banner: ${endpoint.ftp.banner.split('\n')[0]}`));
  if (endpoint.ssh) {
    const ssh = endpoint.ssh;
    lines.push(indent(`Key exchange: ${ssh.kex.join(', ')}`));
    lines.push(indent(`Host key types: ${ssh.hostKeyAlgorithms.join(', ')}`));
    lines.push(indent(`Ciphers: ${ssh.ciphers.join(', ')}`));
    lines.push(indent(`MACs: ${ssh.macs.join(', ')}`));
  }
  if (endpoint.tls) lines.push(...tlsLines(endpoint.tls).map(indent));
  return lines;
}

function tlsLines(tls: TlsReport): string[] {
  const spell = (v: string): string => (v === 'TLSv1' ? '1.0' : v.replace(/^TLSv/, ''));
  const accepted = TLS_VERSIONS.filter((v) => tls.versions[v] === 'accepted').map(spell);
  const refused = TLS_VERSIONS.filter((v) => tls.versions[v] === 'refused').map(spell);
  const lines = [
    `TLS versions accepted: ${accepted.join(', ') || 'none'}` +
      (refused.length > 0 ? ` (refused: ${refused.join(', ')})` : ''),
  ];
  const weak = WEAK_CIPHER_CLASSES.filter((c) => tls.weakCiphers[c] === 'accepted');
  if (weak.length > 0) lines.push(`Weak cipher kinds accepted: ${weak.join(', ')}`);
  const cert = tls.certificate;
  if (cert) {
    lines.push(
      `Certificate: ${cert.subject}, issued by ${cert.issuer}`,
      `  names: ${cert.subjectAltNames.join(', ') || 'none'}`,
      `  valid ${cert.validFrom.slice(0, 10)} to ${cert.validTo.slice(0, 10)}, key ${cert.keyType}` +
        (cert.keyBits ? ` ${cert.keyBits}-bit` : cert.curve ? ` ${cert.curve}` : ''),
      `  SHA-256 ${cert.fingerprint256}`,
    );
  }
  return lines;
}
