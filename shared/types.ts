/** Data shapes shared by the core and the renderer. */
import type { NameEncoding } from './name-encodings';
import type { Protocol } from './protocols';
import type { JumpHostSettings } from './jump-host';
import type { ProxySettings } from './proxy';

export type EntryKind = 'file' | 'folder' | 'symlink' | 'other';

export interface FileEntry {
  name: string;
  kind: EntryKind;
  /** Bytes; 0 for folders where the source gives none. */
  size: number;
  /** Milliseconds since the epoch, or null when unknown. */
  modified: number | null;
  /** Unix permission bits (e.g. 0o755), or null when unknown. */
  mode: number | null;
  owner?: string;
  group?: string;
  /** For symlinks: what they point to, when known. */
  target?: string;
  /** For symlinks: the kind of what they point to ('folder' opens like a folder); absent when broken. */
  targetKind?: EntryKind;
  hidden: boolean;
}

export interface Listing {
  path: string;
  entries: FileEntry[];
  /**
   * Names the server listed that cannot be addressed as an entry of this folder (a slash, a NUL,
   * an empty name…): left out of `entries`, named here with why, so they can be reported.
   */
  skipped?: { name: string; reason: string }[];
  /** Something about the names as a whole, said once (a server whose names are not UTF-8). */
  notice?: string;
}

export interface ConnectionParams {
  protocol: Protocol;
  host: string;
  port: number;
  user: string;
  password?: string;
  privateKeyPath?: string;
  passphrase?: string;
  useAgent?: boolean;
  /** The user's acknowledgement that plain FTP sends everything in clear text. */
  plainFtpAcknowledged?: boolean;
  passive?: boolean;
  minTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** FTP only: how the server writes file names; absent = "auto" (UTF-8 when it takes it). */
  nameEncoding?: NameEncoding;
  /**
   * The proxy to connect through (core only, never from the page): null = none, even if the app
   * has a default; absent = the app's default (Settings), filled in by the session manager.
   */
  proxy?: ProxySettings | null;
  /**
   * An SSH jump host to reach the server through (core only, never from the page); absent or
   * null: none. The jump connection itself goes through `proxy`, when there is one.
   */
  jump?: JumpHostSettings | null;
}

export interface SessionInfo {
  sessionId: string;
  protocol: Protocol;
  host: string;
  port: number;
  user: string;
  home: string;
  /** What the server said it is (SSH version or FTP banner), when known. */
  serverBanner?: string;
  /** The proxy it goes through, in words ("SOCKS5 proxy 127.0.0.1:1080"); absent: direct. */
  proxy?: string;
  /** The SSH jump host it goes through, in words ("SSH jump host me@bastion:22"); absent: none. */
  jump?: string;
}

/** What a user needs to see to decide about a TLS certificate (trust question, security check). */
export interface CertificateFacts {
  /** Distinguished names on one line (`CN=…, O=…`). */
  subject: string;
  issuer: string;
  subjectAltNames: string[];
  /** ISO dates. */
  validFrom: string;
  validTo: string;
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by colons (Node's form). */
  fingerprint256: string;
}
