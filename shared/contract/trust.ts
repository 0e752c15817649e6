import { z } from 'zod';
import { method } from './define';

/** An SSH host key the user trusted ("Trust and remember"). */
export interface TrustedHostKey {
  host: string;
  port: number;
  keyType: string;
  /** OpenSSH form: `SHA256:` + unpadded base64. */
  fingerprint: string;
  /** ISO date it was trusted. */
  addedAt: string;
}

/** A TLS certificate the user pinned ("Always trust") although no authority vouched for it. */
export interface TrustedCertificate {
  host: string;
  port: number;
  /** SHA-256 of the certificate, `AB:CD:…`. */
  fingerprint256: string;
  /** ISO date it was pinned. */
  pinnedAt: string;
}

/** What Settings → Trusted servers shows. */
export interface TrustedServers {
  hostKeys: TrustedHostKey[];
  certificates: TrustedCertificate[];
}

export const trustKind = z.enum(['host-key', 'certificate']);
export type TrustKind = z.infer<typeof trustKind>;

export const trustMethods = {
  'trust.list': method<TrustedServers>()(z.object({})),
  /**
   * Forgets the saved host keys (`host-key`) or the pinned certificate (`certificate`) of one
   * server: the next connection asks again, as on first contact.
   */
  'trust.forget': method<void>()(
    z.object({
      kind: trustKind,
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65535),
    }),
  ),
};
