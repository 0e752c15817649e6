/** The server kinds a harness instance can start. */
export const SERVER_KINDS = [
  'sftp',
  'sftp-otp',
  'ftps-explicit',
  'ftps-explicit-tls12',
  'ftps-implicit',
  'ftp',
  'ftps-weak',
] as const;

export type ServerKind = (typeof SERVER_KINDS)[number];
export type FtpKind = Exclude<ServerKind, 'sftp' | 'sftp-otp'>;
