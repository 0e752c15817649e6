import type { EndpointStatus, Grade, ProbeService } from '../../../shared/contract/probe';

export const SERVICE_LABEL: Record<ProbeService, string> = {
  ssh: 'SFTP (SSH)',
  'ftps-explicit': 'FTPS, explicit TLS',
  'ftps-implicit': 'FTPS, implicit TLS',
  ftp: 'Plain FTP',
};

export const STATUS_LABEL: Record<Exclude<EndpointStatus, 'open'>, string> = {
  closed: 'Closed',
  'no-answer': 'No answer',
  silent: 'Silent',
  unrecognised: 'Something else',
};

/** What a grade means to someone who does not know the details. */
export const GRADE_MEANING: Record<Grade, string> = {
  A: 'Secure',
  B: 'Secure, with small weaknesses',
  C: 'Weak: works, but should be fixed',
  D: 'Poor: open to known attacks',
  F: 'Unsafe',
};
