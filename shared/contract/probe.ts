/**
 * The security check: which secure ways in a host offers, how good each is, and which to use.
 * No credentials are ever sent by the check.
 */
import { z } from 'zod';
import type { Protocol } from '../protocols';
import type { CertificateFacts } from '../types';
import { event, method } from './define';

/** A (school-style) grade: A best, F broken. */
export const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
export type Grade = (typeof GRADES)[number];

/** One weakness, in plain words, and the best grade an endpoint with it can get. */
export interface ProbeReason {
  text: string;
  caps: Grade;
}

export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/** `unknown`: the server did not get as far as the handshake (e.g. it limits connections). */
export type Acceptance = 'accepted' | 'refused' | 'unknown';

/** Classes of TLS 1.2-and-older cipher suites the check asks for on their own. */
export const WEAK_CIPHER_CLASSES = ['cbc', 'no-forward-secrecy', 'anonymous', 'null'] as const;
export type WeakCipherClass = (typeof WEAK_CIPHER_CLASSES)[number];

export interface CertificateReport extends CertificateFacts {
  /** `rsa`, `ec`, `ed25519`, … */
  keyType: string;
  keyBits?: number;
  curve?: string;
  /** e.g. `sha256WithRSAEncryption`, when Ferry knows the name. */
  signatureAlgorithm?: string;
  selfSigned: boolean;
  hostnameMatches: boolean;
  /** Vouched for by the system's certificate authorities (plus any CA Ferry was given). */
  trusted: boolean;
  /** Why not trusted, in plain words. */
  trustProblem?: string;
  /** The user already told Ferry to trust this exact certificate for this server. */
  pinned: boolean;
}

export interface TlsReport {
  versions: Record<TlsVersion, Acceptance>;
  /** What Ferry's own connection negotiated. */
  protocol?: string;
  cipher?: string;
  weakCiphers: Record<WeakCipherClass, Acceptance>;
  certificate?: CertificateReport;
}

export interface SshHostKeyReport {
  type: string;
  fingerprint: string;
  bits?: number;
  /** Against Ferry's known hosts: `changed` means another key is trusted for this server. */
  trust: 'unknown' | 'match' | 'changed';
}

export interface SshReport {
  /** The identification line, e.g. `SSH-2.0-OpenSSH_9.2p1`. */
  version: string;
  kex: string[];
  hostKeyAlgorithms: string[];
  ciphers: string[];
  macs: string[];
  compression: string[];
  hostKeys: SshHostKeyReport[];
}

export interface FtpReport {
  banner: string;
  /** Whether `AUTH TLS` upgraded the connection (explicit FTPS). */
  authTls: boolean;
  /**
   * Whether the server would take a user name (and then a password) before encryption:
   * `allowed` when it asked for the password, `refused` when it refused, `unknown` otherwise.
   */
  loginWithoutTls: 'allowed' | 'refused' | 'unknown';
  /** The server's answer to the check's made-up user name, sent before TLS. */
  loginReply?: string;
}

export type EndpointStatus =
  /** A recognised service answered. */
  | 'open'
  /** Nothing listens (connection refused). */
  | 'closed'
  /** The connection was not answered at all in time (a firewall dropping it, or no host). */
  | 'no-answer'
  /** It accepted the connection but said nothing, and no TLS either. */
  | 'silent'
  /** Something answered that is neither SSH, FTP nor FTPS. */
  | 'unrecognised';

export type ProbeService = 'ssh' | 'ftps-explicit' | 'ftps-implicit' | 'ftp';

export interface ProbeEndpoint {
  port: number;
  status: EndpointStatus;
  service?: ProbeService;
  /** Set when the endpoint is open and graded. */
  grade?: Grade;
  /** Weaknesses, worst first. */
  reasons: ProbeReason[];
  /** What is good or worth knowing, in plain words. */
  notes: string[];
  /** One line for people: what is there. */
  summary: string;
  /** Ferry can connect here with its own, safe settings. */
  usable: boolean;
  elapsedMs: number;
  ssh?: SshReport;
  ftp?: FtpReport;
  tls?: TlsReport;
}

export interface ProbeRecommendation {
  protocol: Protocol;
  port: number;
  grade: Grade;
  /** Why this one, in plain words. */
  why: string;
}

export interface ProbeReport {
  host: string;
  /** The address the host name resolved to; every port was checked there. */
  address: string;
  startedAt: string;
  elapsedMs: number;
  /** In the order the ports were asked for. */
  endpoints: ProbeEndpoint[];
  /** Absent when nothing usable answers. */
  recommendation?: ProbeRecommendation;
  /** True when at least one encrypted way in (SFTP or FTPS) answers. */
  secureOffered: boolean;
  /** The proxy every port was checked through, in words ("SOCKS5 proxy 127.0.0.1:1080"). */
  proxy?: string;
  /**
   * The SSH jump host every port was checked through (a site's), and its own SSH port graded:
   * the user's secrets go there too.
   */
  jump?: ProbeJumpHost;
}

export interface ProbeJumpHost {
  /** In words: "SSH jump host me@bastion.example:22". */
  description: string;
  host: string;
  port: number;
  endpoint: ProbeEndpoint;
}

/** The ports checked when none are given: SSH, FTP (explicit FTPS), implicit FTPS. */
export const DEFAULT_PROBE_PORTS = [22, 21, 990] as const;
export const MAX_PROBE_PORTS = 16;

const port = z.number().int().min(1).max(65535);

/** Reads "22, 21 990;2222" into ports (each once), or says in plain words what is wrong. */
export function parsePortList(text: string): { ports: number[] } | { problem: string } {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  if (parts.length === 0) return { problem: 'Give at least one port, e.g. 22, 21, 990.' };
  const ports: number[] = [];
  for (const part of parts) {
    const value = /^\d{1,5}$/.test(part) ? Number(part) : NaN;
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      return { problem: `“${part}” is not a port: ports are numbers from 1 to 65535.` };
    }
    if (!ports.includes(value)) ports.push(value);
  }
  if (ports.length > MAX_PROBE_PORTS) {
    return { problem: `Check at most ${MAX_PROBE_PORTS} ports at a time.` };
  }
  return { ports };
}

export const probeRunInput = z.object({
  host: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine((h) => !/[\s/\\@]/.test(h), 'A host name has no spaces, slashes or @.'),
  /** Every port is checked for SSH, FTP with or without AUTH TLS, and implicit FTPS. */
  ports: z
    .array(port)
    .min(1)
    .max(MAX_PROBE_PORTS)
    .optional()
    .transform((ports) => [...new Set(ports ?? DEFAULT_PROBE_PORTS)]),
  /** Echoed in `probe.endpoint` events so a window can show results as they come. */
  probeId: z.string().min(1).max(100).optional(),
  /** A saved site's check: through its SSH jump host when it has one (graded too). */
  siteId: z.string().min(1).max(100).optional(),
});

export const probeMethods = {
  'probe.run': method<ProbeReport>()(probeRunInput),
};

export const probeEvents = {
  /** One port's result, as soon as it is known (the full report follows as the method's result). */
  'probe.endpoint': event<{ probeId: string; host: string; endpoint: ProbeEndpoint }>(),
};
