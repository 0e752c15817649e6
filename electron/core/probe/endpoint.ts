import type {
  EndpointStatus,
  FtpReport,
  ProbeEndpoint,
  ProbeService,
  SshReport,
  TlsReport,
} from '../../../shared/contract/probe';
import {
  emptyAssessment,
  gradeOf,
  merge,
  weakness,
  worstFirst,
  type Assessment,
} from './assessment';
import { assessSsh } from './grade-ssh';
import { assessTls } from './grade-tls';

/** What a probe found on an open port, before grading. */
export interface Findings {
  service: ProbeService;
  usable: boolean;
  ssh?: SshReport;
  ftp?: FtpReport;
  tls?: TlsReport;
}

export function openEndpoint(
  port: number,
  findings: Findings,
  elapsedMs: number,
  now: Date,
): ProbeEndpoint {
  const assessment = merge(
    findings.ssh ? assessSsh(findings.ssh, findings.usable) : emptyAssessment(),
    findings.ftp ? assessFtp(findings.service, findings.ftp) : emptyAssessment(),
    findings.tls ? assessTls(findings.tls, findings.usable, now) : emptyAssessment(),
  );
  const endpoint: ProbeEndpoint = {
    port,
    status: 'open',
    service: findings.service,
    grade: gradeOf(assessment.reasons),
    reasons: worstFirst(assessment.reasons),
    notes: assessment.notes,
    summary: summaryOf(findings),
    elapsedMs,
    usable: findings.usable,
  };
  if (findings.ssh) endpoint.ssh = findings.ssh;
  if (findings.ftp) endpoint.ftp = findings.ftp;
  if (findings.tls) endpoint.tls = findings.tls;
  return endpoint;
}

export function closedEndpoint(
  port: number,
  status: Exclude<EndpointStatus, 'open'>,
  elapsedMs: number,
  detail?: string,
): ProbeEndpoint {
  return {
    port,
    status,
    reasons: [],
    notes: [],
    summary: STATUS_SUMMARY[status](detail),
    elapsedMs,
    usable: false,
  };
}

const STATUS_SUMMARY: Record<Exclude<EndpointStatus, 'open'>, (detail?: string) => string> = {
  closed: () => 'Nothing is listening on this port.',
  // Through a jump host: what it said (it refused to forward, or did not answer), in its words.
  'no-answer': (detail) =>
    detail ?? 'No answer in time: a firewall may be dropping connections to this port.',
  silent: () => 'It accepted the connection but said nothing: not SSH, FTP or FTPS.',
  unrecognised: (detail) =>
    detail
      ? `Something else answers here, not SSH or FTP: “${detail}”.`
      : 'Something else answers here, not SSH or FTP.',
};

function assessFtp(service: ProbeService, ftp: FtpReport): Assessment {
  const a = emptyAssessment();
  if (service === 'ftp') {
    weakness(
      a,
      'F',
      'plain FTP allows login without encryption: passwords and files travel in clear text',
    );
  } else if (service === 'ftps-explicit') {
    if (ftp.loginWithoutTls === 'allowed') {
      weakness(
        a,
        'C',
        'allows login without encryption: a client that skips TLS sends the password in clear',
      );
    } else if (ftp.loginWithoutTls === 'refused') {
      a.notes.push('Refuses logins until the connection is encrypted.');
    }
  }
  return a;
}

function summaryOf(findings: Findings): string {
  switch (findings.service) {
    case 'ssh':
      return `SSH, for SFTP (${findings.ssh?.version.replace(/^SSH-[\d.]+-/, '') ?? 'unknown version'})`;
    case 'ftps-explicit':
      return 'FTP with TLS on request (explicit FTPS)';
    case 'ftps-implicit':
      return 'FTP inside TLS from the first byte (implicit FTPS)';
    case 'ftp':
      return 'Plain FTP, without encryption';
  }
}
